// What a new inventory does to an asset's open alert items, for the advisories matched just now
// (a pre-notice of an advisory not yet public is left alone). An item is one exposure of one
// package of the asset to one vulnerability; the owner's history of it must stay true:
// - the same component at the same version still matches: nothing changes;
// - the package is listed at another version the advisory still affects (django 3.2.13 → 3.2.14
//   when the fix is 3.2.15): the item stays open and follows the component (version, reason,
//   fixed versions), the move noted. The exposure did not end, so it is neither closed as
//   patched nor opened again as new;
// - the package is listed only at versions the advisory does not affect: patched, naming them;
// - the package is no longer listed at all: not applicable, saying it was removed (nothing was
//   patched; the owner can say otherwise).
// Each change is written with its event (source 'inventory'), as the owner's own are.
import { packageKey, purlParts } from '../../domain/matching/componentMatch.js'
import type { AlertItemStatus } from '../../store/schemaOwners.js'
import type { Db } from '../../store/db.js'
import type { AffectedAsset } from './matching.js'
import { componentLabel } from './recordAlerts.js'
import type { AssetComponent } from './rematchAsset.js'

export interface OpenItemChanges {
  /** Still affected at the new version: kept open, following the component. */
  stillAffected: number
  /** Listed only at versions the advisory does not affect. */
  patched: number
  /** The package is no longer in the inventory. */
  removed: number
}

/** One package across inventories and advisories: type, namespace and matching name. */
function packageOf(purl: string | null): string | null {
  const parts = purl ? purlParts(purl) : null
  return parts ? `${packageKey(parts.type, parts.name)}\u0000${(parts.namespace ?? '').toLowerCase()}` : null
}

const day = (now: Date) => now.toISOString().slice(0, 10)

/**
 * Settles the open items of the asset against what was found for each advisory (keyed
 * `lockstep:<id>` or `osv:<id>`). Runs before the new matches are recorded, so that an item that
 * follows its component is not recorded again as new.
 */
export async function settleOpenItems(
  trx: Db,
  assetId: string,
  components: readonly AssetComponent[],
  found: ReadonlyMap<string, { matches: readonly AffectedAsset[] }>,
  now: Date,
): Promise<OpenItemChanges> {
  const items = await trx
    .selectFrom('owner_alert_items as i')
    .innerJoin('owner_alerts as a', 'a.id', 'i.alert_id')
    .leftJoin('advisories as adv', 'adv.id', 'a.advisory_id')
    .select([
      'i.id',
      'i.component',
      'i.vulnerability',
      'i.purl',
      'i.version',
      'i.status',
      'a.advisory_id',
      'a.external_advisory_id',
      'adv.state',
    ])
    .where('i.asset_id', '=', assetId)
    .execute()
  const keyOf = (i: (typeof items)[number]) =>
    i.advisory_id ? `lockstep:${i.advisory_id}` : `osv:${i.external_advisory_id}`
  // Every item of the asset, whatever its status: an item may only take a label no other item has.
  const taken = new Set(items.map((i) => `${keyOf(i)}\u0000${i.component}\u0000${i.vulnerability}`))
  const changes: OpenItemChanges = { stillAffected: 0, patched: 0, removed: 0 }
  // The inventory by package, read once (an SBOM may list many thousands of components).
  let byPackage: Map<string, AssetComponent[]> | undefined
  const listedAs = (pkg: string | null): AssetComponent[] => {
    if (!pkg) return []
    if (!byPackage) {
      byPackage = new Map()
      for (const c of components) {
        const key = packageOf(c.purl)
        const list = key ? byPackage.get(key) : undefined
        if (list) list.push(c)
        else if (key) byPackage.set(key, [c])
      }
    }
    return byPackage.get(pkg) ?? []
  }
  // What was found, by advisory, vulnerability and package: an item looks only at its own.
  const matched = new Set<string>()
  const foundFor = new Map<string, AffectedAsset[]>()
  for (const [key, f] of found)
    for (const m of f.matches) {
      matched.add(`${key}\u0000${componentLabel(m)}\u0000${m.vulnerability}`)
      const k = `${key}\u0000${m.vulnerability}\u0000${packageOf(m.purl)}`
      const list = foundFor.get(k)
      if (list) list.push(m)
      else foundFor.set(k, [m])
    }

  for (const item of items) {
    if (item.status !== 'open') continue
    // Only advisories matched just now can say the component moved or went; a pre-notice is not.
    if (item.advisory_id && item.state !== 'published') continue
    const key = keyOf(item)
    if (matched.has(`${key}\u0000${item.component}\u0000${item.vulnerability}`)) continue

    const pkg = packageOf(item.purl)
    const listed = listedAs(pkg)
    const name = listed[0]?.name ?? (item.purl ? purlParts(item.purl)?.name : undefined) ?? item.component
    const matches = pkg ? (foundFor.get(`${key}\u0000${item.vulnerability}\u0000${pkg}`) ?? []) : []
    const follows = matches.find((m) => !taken.has(`${key}\u0000${componentLabel(m)}\u0000${m.vulnerability}`))
    if (follows) {
      const label = componentLabel(follows)
      taken.add(`${key}\u0000${label}\u0000${follows.vulnerability}`)
      const note = `The inventory of ${day(now)} lists ${name} at ${follows.version ?? 'no version'} (was ${item.version ?? 'no version'}), which is still affected.`
      await trx
        .updateTable('owner_alert_items')
        .set({
          component: label,
          purl: follows.purl,
          version: follows.version,
          certain: follows.certain,
          reason: follows.reason,
          fixed_versions: follows.fixedVersions,
          status_note: note,
        })
        .where('id', '=', item.id)
        .execute()
      await recordEvent(trx, item.id, 'open', note, now)
      changes.stillAffected += 1
      continue
    }

    // The versions listed now that this advisory does not affect (others have items of their own).
    const unaffected = listed.filter((c) => !matched.has(`${key}\u0000${componentLabel(c)}\u0000${item.vulnerability}`))
    const versions = [...new Set(unaffected.map((c) => c.version ?? 'no version'))].join(', ')
    const [status, note]: [AlertItemStatus, string] = unaffected.length
      ? ['patched', `The inventory of ${day(now)} lists ${name} at ${versions}, which is not affected.`]
      : [
          'not_applicable',
          listed.length
            ? `The inventory of ${day(now)} no longer lists ${name} at ${item.version ?? 'no version'}; its other versions have items of their own.`
            : `The inventory of ${day(now)} no longer lists ${name}: it was removed from this asset.`,
        ]
    await trx
      .updateTable('owner_alert_items')
      .set({ status, status_note: note, status_changed_at: now, status_changed_by: null })
      .where('id', '=', item.id)
      .execute()
    await recordEvent(trx, item.id, status, note, now)
    if (status === 'patched') changes.patched += 1
    else changes.removed += 1
  }
  return changes
}

async function recordEvent(trx: Db, itemId: string, status: AlertItemStatus, note: string, now: Date): Promise<void> {
  await trx
    .insertInto('owner_alert_item_events')
    .values({ item_id: itemId, status, note, by_user_id: null, source: 'inventory', at: now })
    .execute()
}
