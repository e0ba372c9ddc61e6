// A critical owner may be flagged, or upload the inventory that matters, after a case's
// pre-notice went out but before its release. The change marks the owner as due a pre-notice
// in its own transaction, so the scheduler's sweep catches it up even after a restart.
export const name = 'late_pre_notices'

export const up = /* sql */ `
ALTER TABLE organizations ADD COLUMN pre_notice_due_at timestamptz;
CREATE INDEX organizations_pre_notice_due_idx ON organizations (pre_notice_due_at) WHERE pre_notice_due_at IS NOT NULL;
`
