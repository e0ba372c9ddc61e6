// Vendors: the directory (website, notes, embargo policy, products as purl patterns or CPE names),
// how each vendor of a case was reached (notified, seen, responded, reminded, escalated), their
// statements per vulnerability in VEX terms, and vendors suggested by other vendors.
export const name = 'vendors'

export const up = /* sql */ `
ALTER TABLE organizations ADD COLUMN website text;
ALTER TABLE organizations ADD COLUMN notes text NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN embargo_preferred_days integer CHECK (embargo_preferred_days BETWEEN 0 AND 3650);
ALTER TABLE organizations ADD COLUMN embargo_min_days integer CHECK (embargo_min_days BETWEEN 0 AND 3650);
ALTER TABLE organizations ADD COLUMN embargo_max_days integer CHECK (embargo_max_days BETWEEN 0 AND 3650);
ALTER TABLE organizations ADD CONSTRAINT organizations_embargo_order CHECK (
  (embargo_min_days IS NULL OR embargo_preferred_days IS NULL OR embargo_min_days <= embargo_preferred_days) AND
  (embargo_preferred_days IS NULL OR embargo_max_days IS NULL OR embargo_preferred_days <= embargo_max_days) AND
  (embargo_min_days IS NULL OR embargo_max_days IS NULL OR embargo_min_days <= embargo_max_days));
CREATE INDEX organizations_name_lower_idx ON organizations (lower(name));

-- A contact address is verified when its owner follows the link mailed to it (only the hash kept).
ALTER TABLE organization_contacts ADD COLUMN verify_token_hash text;
CREATE UNIQUE INDEX organization_contacts_verify_token_key ON organization_contacts (verify_token_hash) WHERE verify_token_hash IS NOT NULL;

-- A vendor's products, matched against a case's affected products. The parts are stored apart
-- so that matching is an index lookup.
CREATE TABLE vendor_products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  pattern text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('purl', 'cpe')),
  purl_type text,
  purl_namespace text,
  purl_name text,
  cpe_part text,
  cpe_vendor text,
  cpe_product text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, pattern)
);
CREATE INDEX vendor_products_purl_idx ON vendor_products (purl_type, purl_name) WHERE kind = 'purl';
CREATE INDEX vendor_products_cpe_idx ON vendor_products (cpe_vendor, cpe_product) WHERE kind = 'cpe';

-- Reaching each vendor of a case. "No response yet" is notified_at set and nothing after it.
ALTER TABLE participants ADD COLUMN notified_at timestamptz;
ALTER TABLE participants ADD COLUMN seen_at timestamptz;
ALTER TABLE participants ADD COLUMN responded_at timestamptz;
ALTER TABLE participants ADD COLUMN statement_at timestamptz;
ALTER TABLE participants ADD COLUMN reminded_at timestamptz;
ALTER TABLE participants ADD COLUMN escalated_at timestamptz;
CREATE INDEX participants_case_vendor_state_idx ON participants (case_id, notified_at, responded_at, statement_at) WHERE 'vendor' = ANY(roles);

-- A vendor's position per vulnerability, newest last. The coordinator approves one for
-- publication; until then the vendor decides whether other participants may see it.
CREATE TABLE vendor_statements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  vulnerability_id uuid NOT NULL REFERENCES vulnerabilities (id) ON DELETE CASCADE,
  participant_id uuid NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('under_investigation', 'affected', 'not_affected', 'fixed')),
  justification text,
  fixed_versions text[] NOT NULL DEFAULT '{}',
  remediation text,
  "references" text[] NOT NULL DEFAULT '{}',
  shareable boolean NOT NULL DEFAULT false,
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_at timestamptz,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'fixed' OR cardinality(fixed_versions) > 0),
  CHECK ((status = 'not_affected') = (justification IS NOT NULL))
);
CREATE INDEX vendor_statements_case_idx ON vendor_statements (case_id, vulnerability_id, participant_id, created_at);

-- Another vendor a participant thinks should be told; the coordinator decides.
CREATE TABLE vendor_suggestions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  suggested_by_participant uuid REFERENCES participants (id) ON DELETE SET NULL,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL,
  reason text NOT NULL DEFAULT '',
  decision text CHECK (decision IN ('added', 'declined')),
  decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vendor_suggestions_case_idx ON vendor_suggestions (case_id, created_at);
`
