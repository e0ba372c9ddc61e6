// The instance's own ledger: what is not about one case (peers added and pinned, messages sent to
// and received from them), hash-chained exactly as a case's ledger (domain/ledger.ts) under the
// stream name "instance", and appended in the same transaction as the change it records. The one
// head row is locked while appending, so entries get gapless sequences under concurrent appends.
import { nextEntry, verifyChain, type JsonValue, type LedgerActor, type LedgerEntry } from '../../domain/ledger.js'
import type { LedgerKind } from '../../domain/eventKinds.js'
import type { Db } from '../db.js'
import { ledgerEntryOf } from '../ledgerRows.js'

/** The stream name the instance ledger's hashes are taken under (a case's are under its id). */
export const INSTANCE_STREAM = 'instance'

/** Must run inside the transaction that makes the change. */
export async function appendInstanceLedger(
  trx: Db,
  actor: LedgerActor,
  kind: LedgerKind,
  payload: JsonValue,
  at = new Date(),
): Promise<LedgerEntry> {
  const head = await trx
    .selectFrom('instance_ledger_head')
    .select(['ledger_count', 'ledger_head'])
    .forUpdate()
    .executeTakeFirstOrThrow()
  const previous =
    head.ledger_count === 0
      ? null
      : ({ caseId: INSTANCE_STREAM, sequence: head.ledger_count, hash: head.ledger_head } as LedgerEntry)
  const entry = nextEntry(previous, { caseId: INSTANCE_STREAM, instant: at.toISOString(), actor, kind, payload })
  // The entry and the new head in one statement: the head's lock is held one round trip less.
  await trx
    .with('entry', (db) =>
      db.insertInto('instance_ledger_entries').values({
        sequence: entry.sequence,
        instant: entry.instant,
        actor_id: actor.id,
        actor_name: actor.displayName,
        kind,
        payload: JSON.stringify(payload),
        prev_hash: entry.prevHash,
        hash: entry.hash,
      }),
    )
    .updateTable('instance_ledger_head')
    .set({ ledger_count: entry.sequence, ledger_head: entry.hash })
    .execute()
  return entry
}

/** The newest entries first, `limit` of them, before `before` (a sequence) when given. */
export async function readInstanceLedger(db: Db, o: { limit: number; before?: number } = { limit: 100 }) {
  let q = db.selectFrom('instance_ledger_entries').selectAll().orderBy('sequence', 'desc').limit(o.limit)
  if (o.before !== undefined) q = q.where('sequence', '<', o.before)
  return (await q.execute()).map(entryOf)
}

/** A row as the domain's LedgerEntry: the same reading as a case's, under the instance stream. */
const entryOf = (r: Awaited<ReturnType<typeof allRows>>[number]): LedgerEntry =>
  ledgerEntryOf({ ...r, case_id: INSTANCE_STREAM })

const allRows = (db: Db) => db.selectFrom('instance_ledger_entries').selectAll().orderBy('sequence').execute()

/** Checks the whole chain and that it ends at the recorded head. */
export async function verifyInstanceLedger(db: Db) {
  const head = await db.selectFrom('instance_ledger_head').selectAll().executeTakeFirstOrThrow()
  const entries = (await allRows(db)).map(entryOf)
  const verdict = verifyChain(entries, { caseId: INSTANCE_STREAM })
  if (!verdict.ok) return verdict
  if (verdict.count !== head.ledger_count || verdict.head !== head.ledger_head)
    return {
      ok: false as const,
      firstBad: { sequence: head.ledger_count, reason: 'the chain does not end at the recorded head' },
    }
  return verdict
}
