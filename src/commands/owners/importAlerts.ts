// After an OSV import: the owners whose inventories the new or changed advisories affect are
// alerted, one mail per owner for all of them, in one transaction. Imported advisories are public
// already, so there is no pre-notice; an advisory re-imported unchanged alerts nobody twice.
import type { Db } from '../../store/db.js'
import { groupBy } from '../../domain/grouping.js'
import { inTransaction } from '../../store/db.js'
import { externalAffectedAssets } from './externalAdvisories.js'
import { mailAlerts, externalPageUrl, type AlertedAdvisory } from './ownerMail.js'
import { severityOfVector } from '../../domain/cvss.js'
import { recordAlerts } from './recordAlerts.js'

export interface ImportAlertOutcome {
  owners: number
  newItems: number
}

export async function alertOwnersOfImported(
  db: Db,
  advisoryIds: readonly string[],
  now = new Date(),
): Promise<ImportAlertOutcome> {
  return inTransaction(db, async (trx) => {
    const found = await externalAffectedAssets(trx, advisoryIds)
    if (found.length === 0) return { owners: 0, newItems: 0 }
    const byAdvisory = groupBy(found, (f) => f.advisoryId)
    const named = new Map(
      (
        await trx
          .selectFrom('external_advisories')
          .select(['id', 'summary', 'severity', 'url'])
          .where('id', 'in', [...byAdvisory.keys()])
          .execute()
      ).map((r) => [r.id, { title: r.summary ?? r.id, severity: severityOfVector(r.severity), url: r.url }]),
    )
    const told: (AlertedAdvisory & { organizationId: string })[] = []
    let newItems = 0
    for (const [advisoryId, matches] of byAdvisory) {
      for (const r of await recordAlerts(trx, { kind: 'osv', externalAdvisoryId: advisoryId }, matches, 'alert', now)) {
        if (r.newItems.length === 0) continue
        newItems += r.newItems.length
        told.push({
          organizationId: r.organizationId,
          id: advisoryId,
          title: named.get(advisoryId)?.title ?? advisoryId,
          severity: named.get(advisoryId)?.severity ?? null,
          url: externalPageUrl(advisoryId, named.get(advisoryId)?.url),
          items: r.newItems,
        })
      }
    }
    const perOwner = groupBy(told, (a) => a.organizationId)
    for (const [organizationId, advisories] of perOwner) await mailAlerts(trx, organizationId, advisories)
    return { owners: perOwner.size, newItems }
  })
}
