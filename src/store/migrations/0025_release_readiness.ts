// Release readiness: what the coordinator deliberately left out of a release (an unapproved
// statement, a silent vendor, a vulnerability without CVE ID or score, a draft nobody reviewed),
// with the reason; and the checklist mailed to the coordinators before the embargo ends, once per
// end instant (a revision to the same instant sends nothing; a new instant sends it again).
export const name = 'release_readiness'

export const up = /* sql */ `
CREATE TABLE release_leave_outs (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  item text NOT NULL,
  reason text NOT NULL,
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_by_label text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, item)
);
CREATE TABLE release_readiness_notices (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  embargo_ends_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, embargo_ends_at)
);
`
