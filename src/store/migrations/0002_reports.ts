// Reports: what a finder submitted, with its tracking ID, the hash of its private follow-up link,
// its report-management state, triage (assignee, CVSS, CWE, SSVC) and its history. Per-year
// counters give human-readable identifiers.
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
  assigned_to uuid REFERENCES users (id) ON DELETE SET NULL,
  cvss_vector text,
  cvss_score numeric(3, 1),
  cwe text CHECK (cwe ~ '^CWE-[0-9]{1,5}$'),
  ssvc jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (anonymous OR reporter_email IS NOT NULL)
);
CREATE UNIQUE INDEX reports_tracking_id_key ON reports (tracking_id);
CREATE UNIQUE INDEX reports_follow_up_token_hash_key ON reports (follow_up_token_hash);
CREATE INDEX reports_state_created_idx ON reports (state, created_at);
CREATE INDEX reports_assigned_to_idx ON reports (assigned_to);
-- The per-address limits of the intake look back one hour by address.
CREATE INDEX reports_submitted_ip_idx ON reports (submitted_ip, created_at);
CREATE INDEX reports_reporter_email_idx ON reports (reporter_email, created_at);

-- Tracking numbers come from a sequence, not a counter row, so concurrent reports never wait on
-- each other (a number lost to a rolled-back transaction is only a gap).
CREATE SEQUENCE report_number_seq;

-- What happened to a report before it joins a case (whose ledger takes over): transitions with
-- their reasons, assignments, scores. Append-only.
CREATE TABLE report_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX report_events_report_idx ON report_events (report_id, id);

-- The conversation between the reporter (through the follow-up link or their account) and the
-- coordinator staff, before and while the report is worked on.
CREATE TABLE report_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  author text NOT NULL CHECK (author IN ('reporter', 'coordinator')),
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
  tlp text NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_messages_report_idx ON report_messages (report_id, created_at);

-- A proof-of-work challenge is good for one report only.
CREATE TABLE spent_challenges (
  challenge text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
`
