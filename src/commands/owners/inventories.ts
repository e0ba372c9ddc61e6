// An owner's inventory, asset by asset: each upload (CycloneDX, SPDX or a purl list, read by the
// caller) replaces the asset's components and says what changed (added, removed, a version
// changed), kept as a line of history. Components are stored with their purl's parts, so that
// matching an advisory's products is an index lookup. The upload is matched again against every
// published advisory in its transaction (rematchAsset.ts). Each command loads the organization
// for its caller and asks the policy (manage_inventory; flag_critical for the staff's flag).
import type { Actor } from '../../domain/actor.js'
import { LockstepError, NotFoundError, ValidationError } from '../../domain/errors.js'
import type { InventoryComponent, InventoryFormat, InventoryProblem } from '../../domain/sbom/types.js'
import type { Db } from '../../store/db.js'
import { loadOrganization } from '../organizations/organizations.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { PackageURL } from 'packageurl-js'
import { rematchAsset, type RematchOutcome } from './rematchAsset.js'
import { matchingName } from '../../domain/matching/componentMatch.js'
import { actorUserId } from '../../domain/actor.js'

export interface UploadOutcome {
  assetId: string
  asset: string
  format: InventoryFormat
  components: number
  added: string[]
  removed: string[]
  changed: { component: string; from: string | null; to: string | null }[]
  problems: InventoryProblem[]
  /** What matching the new inventory against every published advisory found. */
  alerts: RematchOutcome
}

/**
 * An upload with no component over an asset that has some: most likely a broken export (an SBOM
 * tool that found nothing), and it would mark every open alert item of the asset patched. So it
 * is refused unless the caller says it means it (allowEmpty).
 */
export class EmptyInventoryError extends LockstepError {
  readonly status = 409
  readonly type = 'empty-inventory'
  constructor(asset: string, components: number) {
    super(
      `This upload lists no component and would remove all ${components} components of "${asset}" (and mark its open alert items patched). Nothing was changed. If the asset really has no component now, upload it again with allowEmpty=true.`,
    )
    this.problems.push({ field: 'allowEmpty', message: 'must be true to empty an asset that has components' })
  }
}

/** A component's identity across uploads: its purl without version, or its name. */
function identity(c: { purl: string | null; name: string }): string {
  if (!c.purl) return `name:${c.name}`
  const at = c.purl.indexOf('@')
  return at > 0 ? c.purl.slice(0, at).split('?')[0]! : c.purl.split('?')[0]!
}

function parts(purl: string | null): {
  purl_type: string | null
  purl_namespace: string | null
  purl_name: string | null
} {
  if (!purl) return { purl_type: null, purl_namespace: null, purl_name: null }
  try {
    const p = PackageURL.fromString(purl)
    return { purl_type: p.type, purl_namespace: p.namespace ?? null, purl_name: matchingName(p.type, p.name) }
  } catch {
    return { purl_type: null, purl_namespace: null, purl_name: null }
  }
}

export async function replaceInventory(
  db: Db,
  actor: Actor,
  organizationRef: string,
  assetName: string,
  read: { format: InventoryFormat; components: InventoryComponent[]; problems: InventoryProblem[] },
  now = new Date(),
  options: { allowEmpty?: boolean } = {},
): Promise<UploadOutcome> {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  const name = assetName.trim()
  if (!name || name.length > 200)
    throw new ValidationError({
      field: 'asset',
      message: 'must be 1 to 200 characters: the name of the system this inventory describes',
    })
  return inTransaction(db, async (trx) => {
    if (read.components.length === 0 && !options.allowEmpty) {
      const kept = await trx
        .selectFrom('assets')
        .select('component_count')
        .where('organization_id', '=', organizationId)
        .where('name', '=', name)
        .executeTakeFirst()
      if (kept && kept.component_count > 0) throw new EmptyInventoryError(name, kept.component_count)
    }
    const asset = await trx
      .insertInto('assets')
      .values({ organization_id: organizationId, name, format: read.format, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['organization_id', 'name']).doUpdateSet({ format: read.format, updated_at: now }))
      .returning(['id'])
      .executeTakeFirstOrThrow()
    const before = await trx
      .selectFrom('asset_components')
      .select(['purl', 'name', 'version'])
      .where('asset_id', '=', asset.id)
      .execute()
    const old = new Map(before.map((c) => [identity(c), c.version]))
    const now_ = new Map(read.components.map((c) => [identity(c), c.version]))
    const added = [...now_.keys()].filter((k) => !old.has(k))
    const removed = [...old.keys()].filter((k) => !now_.has(k))
    const changed = [...now_.entries()]
      .filter(([k, v]) => old.has(k) && old.get(k) !== v)
      .map(([k, v]) => ({ component: k, from: old.get(k) ?? null, to: v }))

    await trx.deleteFrom('asset_components').where('asset_id', '=', asset.id).execute()
    // Reading every purl again takes a while for a large inventory: other requests go on between chunks.
    const rows = []
    for (const [index, c] of read.components.entries()) {
      if (index > 0 && index % 5_000 === 0) await yieldToEventLoop()
      rows.push({
        asset_id: asset.id,
        organization_id: organizationId,
        asset_name: name,
        purl: c.purl,
        ...parts(c.purl),
        name: c.name,
        version: c.version,
        ecosystem: c.ecosystem,
      })
    }
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('asset_components')
        .values(rows.slice(i, i + 1000))
        .execute()
    await trx
      .updateTable('assets')
      .set({ component_count: read.components.length })
      .where('id', '=', asset.id)
      .execute()
    await trx
      .insertInto('inventory_uploads')
      .values({
        asset_id: asset.id,
        format: read.format,
        components: read.components.length,
        added: added.length,
        removed: removed.length,
        changed: changed.length,
        problems: JSON.stringify(read.problems.slice(0, 1000)),
        uploaded_by: actorUserId(actor),
        created_at: now,
      })
      .execute()
    const alerts = await rematchAsset(
      trx,
      asset.id,
      rows.map((r) => ({
        purl: r.purl,
        name: r.name,
        version: r.version,
        purlType: r.purl_type,
        purlNamespace: r.purl_namespace,
        purlName: r.purl_name,
      })),
      now,
    )
    // A critical owner's new inventory may match a case whose pre-notice already went out.
    await trx
      .updateTable('organizations')
      .set({ pre_notice_due_at: now })
      .where('id', '=', organizationId)
      .where('critical_infrastructure', '=', true)
      .execute()
    return {
      assetId: asset.id,
      asset: name,
      format: read.format,
      components: read.components.length,
      added,
      removed,
      changed,
      problems: read.problems,
      alerts,
    }
  })
}

export async function listAssets(db: Db, actor: Actor, organizationRef: string) {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  return (
    db
      .selectFrom('assets')
      .select(['id', 'name', 'format', 'component_count', 'updated_at'])
      .select((eb) =>
        eb
          .selectFrom('inventory_uploads')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('inventory_uploads.asset_id', '=', 'assets.id')
          .as('uploads'),
      )
      // Its exposure: affected components not yet patched, mitigated or set aside.
      .select((eb) =>
        eb
          .selectFrom('owner_alert_items as i')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('i.asset_id', '=', 'assets.id')
          .where('i.status', '=', 'open')
          .as('open_items'),
      )
      .where('organization_id', '=', organizationId)
      .orderBy('name')
      .execute()
  )
}

export async function assetDetail(
  db: Db,
  actor: Actor,
  organizationRef: string,
  assetId: string,
  page: { limit: number; offset: number },
) {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  const asset = isUuid(assetId)
    ? await db
        .selectFrom('assets')
        .selectAll()
        .where('organization_id', '=', organizationId)
        .where('id', '=', assetId)
        .executeTakeFirst()
    : undefined
  if (!asset) throw new NotFoundError('asset')
  const components = await db
    .selectFrom('asset_components')
    .select(['purl', 'name', 'version', 'ecosystem'])
    .where('asset_id', '=', asset.id)
    .orderBy('name')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  const uploads = await db
    .selectFrom('inventory_uploads')
    .select(['format', 'components', 'added', 'removed', 'changed', 'problems', 'created_at'])
    .where('asset_id', '=', asset.id)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute()
  return { asset, components, uploads }
}

export async function deleteAsset(db: Db, actor: Actor, organizationRef: string, assetId: string): Promise<void> {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'manage_inventory')).id
  const gone = isUuid(assetId)
    ? await db
        .deleteFrom('assets')
        .where('organization_id', '=', organizationId)
        .where('id', '=', assetId)
        .returning('id')
        .executeTakeFirst()
    : undefined
  if (!gone) throw new NotFoundError('asset')
}

export async function setCriticalInfrastructure(
  db: Db,
  actor: Actor,
  organizationRef: string,
  critical: boolean,
  now = new Date(),
): Promise<void> {
  const organizationId = (await loadOrganization(db, actor, organizationRef, 'flag_critical')).id
  // Newly critical: the cases already pre-noticed are matched for it on the scheduler's next sweep.
  await db
    .updateTable('organizations')
    .set({ critical_infrastructure: critical, pre_notice_due_at: critical ? now : null })
    .where('id', '=', organizationId)
    .execute()
}
