// The embargo and the release: each case's embargo state (EM) with its proposals and every
// participant's consent; the advisory drafted from the case (versioned, commented by vendors);
// CVE IDs held by the instance as a CNA; and the published documents, written once at release
// and served as they are, so that before the release there is simply nothing to serve.
export const name = 'embargo_release'

export const up = /* sql */ `
ALTER TABLE cases ADD COLUMN em_state text NOT NULL DEFAULT 'none' CHECK (em_state IN ('none', 'proposed', 'active', 'revise', 'exited'));
-- The terms in force (Active or Revise): the one instant the release happens.
ALTER TABLE cases ADD COLUMN embargo_ends_at timestamptz;
ALTER TABLE cases ADD COLUMN embargo_ended_at timestamptz;
ALTER TABLE cases ADD COLUMN embargo_end_reason text;
CREATE INDEX cases_embargo_due_idx ON cases (embargo_ends_at) WHERE em_state IN ('active', 'revise');

CREATE TABLE embargo_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- proposal: opens or counters (Proposed); revision: new terms while Active; policy: a
  -- participant's published default, longer than the winner, kept to be proposed as a revision.
  kind text NOT NULL CHECK (kind IN ('proposal', 'revision', 'policy')),
  ends_at timestamptz NOT NULL,
  -- The zone the proposer wrote it in, to show it as they meant it (everyone also sees their own).
  time_zone text NOT NULL DEFAULT 'UTC',
  proposed_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  proposed_by_participant_id uuid REFERENCES participants (id) ON DELETE SET NULL,
  proposer_label text NOT NULL,
  reason text,
  answer_by timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn', 'countered', 'superseded')),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX embargo_proposals_case_idx ON embargo_proposals (case_id, created_at);

-- Each participant's answer to one set of terms: the terms in force and a proposal or revision
-- on the table are answered apart.
CREATE TABLE embargo_consents (
  proposal_id uuid NOT NULL REFERENCES embargo_proposals (id) ON DELETE CASCADE,
  participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('none', 'invited', 'signatory', 'lapsed', 'declined')),
  answer_by timestamptz,
  answered_at timestamptz,
  PRIMARY KEY (proposal_id, participant_id)
);

CREATE TABLE advisories (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL UNIQUE REFERENCES cases (id) ON DELETE CASCADE,
  public_id text NOT NULL UNIQUE,
  draft jsonb NOT NULL,
  draft_version integer NOT NULL DEFAULT 1,
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
  released_at timestamptz,
  revision integer NOT NULL DEFAULT 0,
  snapshot jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE advisory_draft_versions (
  advisory_id uuid NOT NULL REFERENCES advisories (id) ON DELETE CASCADE,
  version integer NOT NULL,
  content jsonb NOT NULL,
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  author_label text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (advisory_id, version)
);

CREATE TABLE advisory_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  advisory_id uuid NOT NULL REFERENCES advisories (id) ON DELETE CASCADE,
  version integer NOT NULL,
  participant_id uuid REFERENCES participants (id) ON DELETE SET NULL,
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  author_label text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX advisory_comments_idx ON advisory_comments (advisory_id, created_at);

-- CVE IDs the instance holds as a CNA: from its configured blocks or reserved from CVE Services.
CREATE TABLE cve_ids (
  cve_id text PRIMARY KEY CHECK (cve_id ~ '^CVE-[0-9]{4}-[0-9]{4,19}$'),
  year integer NOT NULL,
  source text NOT NULL CHECK (source IN ('block', 'cve-services')),
  state text NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'reserved', 'published', 'rejected')),
  vulnerability_id uuid UNIQUE REFERENCES vulnerabilities (id) ON DELETE SET NULL,
  reserved_at timestamptz,
  published_at timestamptz
);
CREATE INDEX cve_ids_available_idx ON cve_ids (year, cve_id) WHERE state = 'available';

-- Everything public, as served: written in the release's transaction, never before.
CREATE TABLE published_documents (
  path text PRIMARY KEY,
  advisory_id uuid REFERENCES advisories (id) ON DELETE CASCADE,
  content_type text NOT NULL,
  body bytea NOT NULL,
  etag text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Who gets the announcement mail (double opt-in: confirmed by the link mailed to them). The
-- unsubscribe link is an HMAC of the row's id, so no secret of it is stored.
CREATE TABLE advisory_subscribers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  confirm_token_hash text UNIQUE,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
`
