// An inventory changed: its asset is matched again against every published advisory — Lockstep's
// own and those imported from OSV — in the upload's transaction. New matches become alert items
// (one mail per owner for all of them). Open items are settled first (openItemsAfterUpload.ts): one
// whose package moved to a version still affected stays open and follows it; one the new versions
// fix is patched; one whose package is gone is not applicable, saying it was removed.
// Pre-notices of advisories not yet public are left alone: they are not matched here.
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { groupBy } from '../../domain/grouping.js'
import { advisoryLinks } from '../../domain/advisory/links.js'
import { componentAffected, packageKey, purlParts, type ComponentRef } from '../../domain/matching/componentMatch.js'
import type { Db } from '../../store/db.js'
import type { AffectedAsset } from './matching.js'
import { externalMatchesFor } from './externalAdvisories.js'
import { mailAlerts, externalPageUrl, snapshotSeverity, type AlertedAdvisory } from './ownerMail.js'
import { severityOfVector, type Severity } from '../../domain/cvss.js'
import { recordAlerts, type AlertTarget } from './recordAlerts.js'
import { settleOpenItems } from './openItemsAfterUpload.js'

export interface AssetComponent extends ComponentRef {
  purl: string | null
  name: string
}

export interface RematchOutcome {
  /** Advisories that affect the asset now. */
  advisories: number
  newItems: number
  /** Open items the new inventory shows fixed: marked patched. */
  resolved: number
  /** Open items whose component moved to another version the advisory still affects: kept open. */
  stillAffected: number
  /** Open items whose package the new inventory no longer lists: marked not applicable. */
  removed: number
}

export async function rematchAsset(
  trx: Db,
  assetId: string,
  components: readonly AssetComponent[],
  now: Date,
): Promise<RematchOutcome> {
  const owner = await trx
    .selectFrom('assets as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select(['s.name as asset', 'o.id as organization_id', 'o.name as organization', 'o.critical_infrastructure'])
    .where('s.id', '=', assetId)
    .executeTakeFirstOrThrow()
  const matchOf = (
    c: AssetComponent,
    vulnerability: string,
    v: { certain: boolean; reason: string },
    fixedVersions: string[],
  ): AffectedAsset => ({
    organizationId: owner.organization_id,
    organization: owner.organization,
    critical: owner.critical_infrastructure,
    assetId,
    asset: owner.asset,
    purl: c.purl,
    version: c.version,
    vulnerability,
    certain: v.certain,
    reason: v.reason,
    fixedVersions,
  })
  const byPackage = groupBy(
    components.filter((c) => c.purlType && c.purlName),
    (c) => packageKey(c.purlType!, c.purlName!),
  )

  // Found per advisory: Lockstep's published ones, then the imported ones.
  const found = new Map<
    string,
    {
      target: AlertTarget
      id: string
      title: string
      url: string | null
      severity: Severity | null
      matches: AffectedAsset[]
    }
  >()
  const published = await trx
    .selectFrom('advisories')
    .select(['id', 'snapshot'])
    .where('state', '=', 'published')
    .where('snapshot', 'is not', null)
    .execute()
  for (const row of published) {
    const s = row.snapshot as AdvisorySnapshot
    const matches: AffectedAsset[] = []
    for (const v of s.vulnerabilities) {
      for (const a of v.affected) {
        const parts = a.purl ? purlParts(a.purl) : null
        for (const c of parts ? (byPackage.get(packageKey(parts.type, parts.name)) ?? []) : []) {
          const verdict = componentAffected(c, a)
          if (verdict.affected) matches.push(matchOf(c, v.key, verdict, a.fixedVersions))
        }
      }
    }
    found.set(`lockstep:${row.id}`, {
      target: { kind: 'lockstep', advisoryId: row.id },
      id: s.id,
      title: s.title,
      url: advisoryLinks(s).page,
      severity: snapshotSeverity(s),
      matches,
    })
  }
  {
    const hits = await externalMatchesFor(
      trx,
      components.map((c, k) => ({ ...c, key: String(k) })),
    )
    const ids = [...new Set(hits.map((h) => h.advisoryId))]
    const named = new Map(
      ids.length
        ? (
            await trx
              .selectFrom('external_advisories')
              .select(['id', 'summary', 'severity', 'url'])
              .where('id', 'in', ids)
              .execute()
          ).map((r) => [r.id, { title: r.summary ?? r.id, severity: severityOfVector(r.severity), url: r.url }])
        : [],
    )
    for (const h of hits) {
      const entry = found.get(`osv:${h.advisoryId}`) ?? {
        target: { kind: 'osv' as const, externalAdvisoryId: h.advisoryId },
        id: h.advisoryId,
        title: named.get(h.advisoryId)?.title ?? h.advisoryId,
        severity: named.get(h.advisoryId)?.severity ?? null,
        url: externalPageUrl(h.advisoryId, named.get(h.advisoryId)?.url),
        matches: [],
      }
      entry.matches.push(matchOf(components[Number(h.componentKey)]!, h.vulnerability, h, h.fixedVersions))
      found.set(`osv:${h.advisoryId}`, entry)
    }
  }

  // Before recording: an item that follows its component to a new version is not new.
  const settled = await settleOpenItems(trx, assetId, components, found, now)
  const mailed: AlertedAdvisory[] = []
  let newItems = 0
  for (const [, f] of found) {
    if (f.matches.length === 0) continue
    const [recorded] = await recordAlerts(trx, f.target, f.matches, 'alert', now)
    if (recorded?.newItems.length) {
      newItems += recorded.newItems.length
      mailed.push({ id: f.id, title: f.title, url: f.url, severity: f.severity, items: recorded.newItems })
    }
  }
  await mailAlerts(trx, owner.organization_id, mailed)
  return {
    advisories: [...found.values()].filter((f) => f.matches.length > 0).length,
    newItems,
    resolved: settled.patched,
    stillAffected: settled.stillAffected,
    removed: settled.removed,
  }
}
