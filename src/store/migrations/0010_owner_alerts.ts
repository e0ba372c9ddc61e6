// What owners are told: advisories imported from elsewhere (OSV files) with their affected
// packages stored as purl parts and vers ranges, so that an inventory change is matched against
// them by index lookup like against Lockstep's own; and the alerts — one per owner and advisory
// (ours or imported), pre-noticed for critical infrastructure before a release, each affected
// component an item the owner marks open, patched, mitigated or not applicable, with every
// change kept so that the coordinator's adoption chart can be drawn over time.
export const name = 'owner_alerts'

export const up = /* sql */ `
-- Matching reads each package's distinct versions, then the installs of the affected ones: both
-- from this index alone, never from the table's heap nor the assets. So each component carries
-- its asset's owner and name, which never change (an upload names its asset; a new name is a new
-- asset).
ALTER TABLE asset_components ADD COLUMN organization_id uuid, ADD COLUMN asset_name text;
UPDATE asset_components c SET organization_id = s.organization_id, asset_name = s.name FROM assets s WHERE s.id = c.asset_id;
ALTER TABLE asset_components ALTER COLUMN organization_id SET NOT NULL, ALTER COLUMN asset_name SET NOT NULL;
DROP INDEX asset_components_purl_idx;
CREATE INDEX asset_components_package_idx ON asset_components (purl_type, purl_name, version) INCLUDE (purl_namespace, purl, asset_id, asset_name, organization_id) WHERE purl_type IS NOT NULL;

CREATE TABLE external_advisories (
  id text PRIMARY KEY,
  source text NOT NULL,
  summary text,
  details text,
  aliases text[] NOT NULL DEFAULT '{}',
  severity text,
  published timestamptz,
  modified timestamptz NOT NULL,
  withdrawn timestamptz,
  document jsonb NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE external_affected (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  advisory_id text NOT NULL REFERENCES external_advisories (id) ON DELETE CASCADE,
  purl text NOT NULL,
  purl_type text NOT NULL,
  purl_namespace text,
  purl_name text NOT NULL,
  -- vers:<scheme>/..., or NULL when every version is affected (with versions empty)
  range text,
  -- versions listed one by one (OSV "versions"), affected whatever the range says
  versions text[] NOT NULL DEFAULT '{}',
  fixed_versions text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX external_affected_advisory_idx ON external_affected (advisory_id);
CREATE INDEX external_affected_purl_idx ON external_affected (purl_type, purl_name);

CREATE TABLE owner_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  advisory_id uuid REFERENCES advisories (id) ON DELETE CASCADE,
  external_advisory_id text REFERENCES external_advisories (id) ON DELETE CASCADE,
  pre_noticed_at timestamptz,
  alerted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((advisory_id IS NULL) <> (external_advisory_id IS NULL))
);
CREATE UNIQUE INDEX owner_alerts_advisory_idx ON owner_alerts (advisory_id, organization_id) WHERE advisory_id IS NOT NULL;
CREATE UNIQUE INDEX owner_alerts_external_idx ON owner_alerts (external_advisory_id, organization_id) WHERE external_advisory_id IS NOT NULL;
CREATE INDEX owner_alerts_organization_idx ON owner_alerts (organization_id, created_at);

CREATE TABLE owner_alert_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  alert_id uuid NOT NULL REFERENCES owner_alerts (id) ON DELETE CASCADE,
  asset_id uuid NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
  -- the component as the inventory named it when it matched (components are replaced on upload)
  component text NOT NULL,
  purl text,
  version text,
  vulnerability text NOT NULL,
  certain boolean NOT NULL,
  reason text NOT NULL,
  fixed_versions text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'patched', 'mitigated', 'not_applicable')),
  status_note text,
  status_changed_at timestamptz,
  status_changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  found_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (alert_id, asset_id, component, vulnerability)
);
CREATE INDEX owner_alert_items_alert_idx ON owner_alert_items (alert_id);
CREATE INDEX owner_alert_items_asset_idx ON owner_alert_items (asset_id);

CREATE TABLE owner_alert_item_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES owner_alert_items (id) ON DELETE CASCADE,
  status text NOT NULL,
  note text,
  by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- 'owner' when a member marked it, 'inventory' when an upload showed a fixed version or the component gone
  source text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX owner_alert_item_events_item_idx ON owner_alert_item_events (item_id, at);

ALTER TABLE cases ADD COLUMN owners_pre_noticed_at timestamptz;
-- The release instant the pre-notice gave: when the parties move it, the owners are told again.
ALTER TABLE cases ADD COLUMN owners_pre_noticed_for timestamptz;
ALTER TABLE advisories ADD COLUMN owners_alerted_at timestamptz;
`
