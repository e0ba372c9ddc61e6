// Cases: identifier LS-YYYY-NNNN, the reports they came from, vulnerabilities, participants (an
// organization or one person) with roles, RM state and per-vendor case status, the global case
// status, and the hash-chained ledger. The case row keeps the ledger's length and head hash so a
// ledger cut short at its end is detected too.
export const name = 'cases'

export const up = /* sql */ `
CREATE TABLE cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_number text NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  summary text NOT NULL DEFAULT '',
  tlp text NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  public_aware_at timestamptz,
  exploit_public_at timestamptz,
  attacks_observed_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ledger_count integer NOT NULL DEFAULT 0,
  ledger_head text NOT NULL DEFAULT '${'0'.repeat(64)}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (exploit_public_at IS NULL OR public_aware_at IS NOT NULL)
);
CREATE UNIQUE INDEX cases_case_number_key ON cases (case_number);

ALTER TABLE reports ADD COLUMN case_id uuid REFERENCES cases (id) ON DELETE SET NULL;
CREATE INDEX reports_case_idx ON reports (case_id);

CREATE TABLE vulnerabilities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  cwe text CHECK (cwe ~ '^CWE-[0-9]{1,5}$'),
  cvss_vector text,
  cvss_score numeric(3, 1),
  cve_id text,
  affected jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vulnerabilities_case_idx ON vulnerabilities (case_id);

CREATE TABLE participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['finder', 'reporter', 'vendor', 'coordinator', 'deployer', 'observer']),
  rm_state text NOT NULL CHECK (rm_state IN ('start', 'received', 'invalid', 'valid', 'accepted', 'deferred', 'closed')),
  vendor_aware_at timestamptz,
  fix_ready_at timestamptz,
  fix_deployed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((organization_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX participants_case_org_key ON participants (case_id, organization_id) WHERE organization_id IS NOT NULL;
CREATE UNIQUE INDEX participants_case_user_key ON participants (case_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX participants_org_idx ON participants (organization_id);
CREATE INDEX participants_user_idx ON participants (user_id);

CREATE TABLE ledger_entries (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  sequence integer NOT NULL,
  instant text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (case_id, sequence)
);

-- Threads: the case-wide discussion (participant_id null) and one private thread between the
-- coordinator staff and each participant. Every message carries a TLP label.
CREATE TABLE case_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  participant_id uuid REFERENCES participants (id) ON DELETE CASCADE,
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
  tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_messages_thread_idx ON case_messages (case_id, participant_id, created_at);

-- Read state per user and thread ('case' or a participant id): unread is what came after.
CREATE TABLE thread_reads (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  thread text NOT NULL,
  last_read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, case_id, thread)
);
`
