// Owners' inventories: each asset (a system an owner runs) with the components its latest SBOM
// or purl list named, stored as purl parts so that matching an advisory's products is an index
// lookup; every upload kept as a line of history (what changed); and the coordinator's flag for
// critical-infrastructure owners (pre-notified before a release).
export const name = 'inventories'

export const up = /* sql */ `
ALTER TABLE organizations ADD COLUMN critical_infrastructure boolean NOT NULL DEFAULT false;

CREATE TABLE assets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  format text NOT NULL,
  component_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, name)
);

CREATE TABLE asset_components (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  asset_id uuid NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  purl text,
  purl_type text,
  purl_namespace text,
  purl_name text,
  name text NOT NULL,
  version text,
  ecosystem text
);
CREATE INDEX asset_components_asset_idx ON asset_components (asset_id);
CREATE INDEX asset_components_purl_idx ON asset_components (purl_type, purl_name) WHERE purl_type IS NOT NULL;

CREATE TABLE inventory_uploads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  asset_id uuid NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  format text NOT NULL,
  components integer NOT NULL,
  added integer NOT NULL,
  removed integer NOT NULL,
  changed integer NOT NULL,
  problems jsonb NOT NULL DEFAULT '[]',
  uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inventory_uploads_asset_idx ON inventory_uploads (asset_id, created_at);
`
