// Reports: what a finder submitted, with its tracking ID, the hash of its private follow-up link
// and its report-management state. Per-year counters give human-readable identifiers.
export const name = 'reports'

export const up = /* sql */ `
CREATE TABLE id_counters (
  scope text PRIMARY KEY,
  value integer NOT NULL
);

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tracking_id text NOT NULL,
  follow_up_token_hash text NOT NULL,
  state text NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'invalid', 'valid', 'accepted', 'deferred', 'closed')),
  anonymous boolean NOT NULL,
  reporter_name text,
  reporter_organization text,
  reporter_email text,
  reporter_pgp_key text,
  reporter_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  title text NOT NULL,
  affected jsonb NOT NULL,
  description text NOT NULL,
  impact text,
  reproduction text,
  public_already boolean NOT NULL,
  public_references text[] NOT NULL DEFAULT '{}',
  exploited_already boolean NOT NULL,
  exploited_references text[] NOT NULL DEFAULT '{}',
  vendor_contact jsonb,
  disclosure_plans text,
  disclosure_deadline date,
  credit jsonb NOT NULL,
  submitted_ip text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (anonymous OR reporter_email IS NOT NULL)
);
CREATE UNIQUE INDEX reports_tracking_id_key ON reports (tracking_id);
CREATE UNIQUE INDEX reports_follow_up_token_hash_key ON reports (follow_up_token_hash);
CREATE INDEX reports_state_created_idx ON reports (state, created_at);

-- A proof-of-work challenge is good for one report only.
CREATE TABLE spent_challenges (
  challenge text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
`
