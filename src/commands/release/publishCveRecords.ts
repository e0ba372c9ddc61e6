// After the release: the CVE records of IDs reserved at CVE Services are published there too, so
// cve.org shows them. Outside the release's transaction (a remote call cannot be rolled back, and
// must not hold the release back), each outcome recorded in the ledger. IDs from the instance's
// own blocks are only served at /cve/<ID>.json. The client is passed in: it is an adapter.
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { toCveRecord, type CveNumberingAuthority } from '../../domain/advisory/cve5.js'
import type { Db } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import { inTransaction } from '../../store/db.js'

export interface CvePublisher {
  publishRecord(id: string, cnaContainer: Record<string, unknown>): Promise<unknown>
}

const LEDGER_ACTOR = { id: 'system', displayName: 'Lockstep (CVE Services)' }

export async function publishCveRecords(
  db: Db,
  caseId: string,
  cna: CveNumberingAuthority,
  publisher: CvePublisher,
  now = new Date(),
): Promise<{ published: string[]; failed: { id: string; message: string }[] }> {
  const a = await db
    .selectFrom('advisories')
    .select(['snapshot'])
    .where('case_id', '=', caseId)
    .where('state', '=', 'published')
    .executeTakeFirst()
  if (!a) return { published: [], failed: [] }
  const snapshot = a.snapshot as AdvisorySnapshot
  const remote = new Set(
    (
      await db
        .selectFrom('cve_ids')
        .innerJoin('vulnerabilities', 'vulnerabilities.id', 'cve_ids.vulnerability_id')
        .select('cve_ids.cve_id')
        .where('vulnerabilities.case_id', '=', caseId)
        .where('cve_ids.source', '=', 'cve-services')
        .execute()
    ).map((r) => r.cve_id),
  )
  // A retried job publishes again only what is not yet published there.
  const done = new Set(
    (
      await db
        .selectFrom('ledger_entries')
        .select('payload')
        .where('case_id', '=', caseId)
        .where('kind', '=', 'cve.published')
        .execute()
    ).map((r) => (r.payload as { cve: string }).cve),
  )
  const published: string[] = []
  const failed: { id: string; message: string }[] = []
  for (const v of snapshot.vulnerabilities) {
    if (!v.cve || !remote.has(v.cve) || done.has(v.cve)) continue
    const record = toCveRecord(snapshot, v, cna) as { containers: { cna: Record<string, unknown> } }
    try {
      await publisher.publishRecord(v.cve, record.containers.cna)
      published.push(v.cve)
    } catch (error) {
      failed.push({ id: v.cve, message: error instanceof Error ? error.message : String(error) })
    }
  }
  if (published.length || failed.length) {
    await inTransaction(db, async (trx) => {
      for (const id of published) await appendLedger(trx, caseId, LEDGER_ACTOR, 'cve.published', { cve: id }, now)
      for (const f of failed)
        await appendLedger(trx, caseId, LEDGER_ACTOR, 'cve.publish_failed', { cve: f.id, message: f.message }, now)
    })
  }
  return { published, failed }
}
