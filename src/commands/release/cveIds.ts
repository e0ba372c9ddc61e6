// CVE IDs, the instance being a CNA: a vulnerability gets the next free ID of the configured
// blocks (LOCKSTEP_CVE_BLOCKS), or, when the blocks are used up and CVE Services is configured,
// one reserved there (the caller passes that reservation in: the client is an adapter). The ID
// goes into the vulnerability, the CVE record is written at release.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'

/** "CVE-2026-10000..CVE-2026-10099" → its IDs; a single "CVE-2026-10000" is a block of one. */
export function expandBlock(block: string): string[] {
  const m = /^CVE-(\d{4})-(\d{4,19})(?:\.\.CVE-(\d{4})-(\d{4,19}))?$/.exec(block.trim())
  if (!m) throw new Error(`LOCKSTEP_CVE_BLOCKS: "${block}" is not CVE-YYYY-NNNN or CVE-YYYY-NNNN..CVE-YYYY-MMMM`)
  if (m[3] && m[3] !== m[1]) throw new Error(`LOCKSTEP_CVE_BLOCKS: "${block}" spans two years; give one block per year`)
  const from = Number(m[2])
  const to = m[4] ? Number(m[4]) : from
  if (to < from || to - from > 100_000) throw new Error(`LOCKSTEP_CVE_BLOCKS: "${block}" is not a sensible range`)
  const width = m[2]!.length
  return Array.from({ length: to - from + 1 }, (_, i) => `CVE-${m[1]}-${String(from + i).padStart(width, '0')}`)
}

/** Makes the configured blocks' IDs known (once; a restart adds nothing). */
export async function loadCveBlocks(db: Db, blocks: readonly string[]): Promise<void> {
  for (const block of blocks) {
    const ids = expandBlock(block)
    for (let i = 0; i < ids.length; i += 1000) {
      await db
        .insertInto('cve_ids')
        .values(
          ids.slice(i, i + 1000).map((id) => ({ cve_id: id, year: Number(id.slice(4, 8)), source: 'block' as const })),
        )
        .onConflict((oc) => oc.column('cve_id').doNothing())
        .execute()
    }
  }
}

/** Whoever may update the case (the coordinator) gives its vulnerabilities their CVE IDs. */
export async function assignCveId(
  db: Db,
  actor: Actor,
  caseRef: string,
  vulnerabilityId: string,
  reserveRemote: ((year: number) => Promise<string>) | null,
  now = new Date(),
): Promise<string> {
  const caseId = (await loadCaseFor(db, actor, caseRef, 'update')).row.id
  const v = isUuid(vulnerabilityId)
    ? await db
        .selectFrom('vulnerabilities')
        .select(['id', 'cve_id', 'title'])
        .where('case_id', '=', caseId)
        .where('id', '=', vulnerabilityId)
        .executeTakeFirst()
    : undefined
  if (!v) throw new NotFoundError('vulnerability')
  if (v.cve_id) throw new ConflictError(`“${v.title}” already has ${v.cve_id}.`)
  const year = now.getUTCFullYear()
  const fromBlock = await inTransaction(db, async (trx) => {
    const free = await trx
      .selectFrom('cve_ids')
      .select('cve_id')
      .where('state', '=', 'available')
      .where('year', '=', year)
      .orderBy('cve_id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst()
    if (!free) return null
    await take(trx, actor, caseId, v.id, free.cve_id, now)
    return free.cve_id
  })
  if (fromBlock) return fromBlock
  if (!reserveRemote)
    throw new ConflictError(
      `No CVE ID of ${year} is left in this instance's blocks: add a block to LOCKSTEP_CVE_BLOCKS, or configure CVE Services (LOCKSTEP_CVE_API_URL and its credentials).`,
    )
  // Outside a transaction: a reservation at CVE Services cannot be rolled back anyway.
  const id = await reserveRemote(year)
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('cve_ids')
      .values({ cve_id: id, year, source: 'cve-services' })
      .onConflict((oc) => oc.column('cve_id').doNothing())
      .execute()
    await take(trx, actor, caseId, v.id, id, now)
    return id
  })
}

async function take(
  trx: Db,
  actor: Actor,
  caseId: string,
  vulnerabilityId: string,
  cveId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('cve_ids')
    .set({ state: 'reserved', vulnerability_id: vulnerabilityId, reserved_at: now })
    .where('cve_id', '=', cveId)
    .execute()
  const updated = await trx
    .updateTable('vulnerabilities')
    .set({ cve_id: cveId })
    .where('id', '=', vulnerabilityId)
    .where('cve_id', 'is', null)
    .returning(['title'])
    .executeTakeFirst()
  if (!updated) throw new ConflictError('The vulnerability got a CVE ID meanwhile.')
  await appendLedger(
    trx,
    caseId,
    await ledgerActorOf(trx, actor),
    'cve.assigned',
    { vulnerability: updated.title, cve: cveId },
    now,
  )
}
