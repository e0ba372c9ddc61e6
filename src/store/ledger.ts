// Each case's hash-chained ledger (domain/ledger.ts), appended in the same transaction as the
// change it records. The case row is locked while appending, so entries get gapless sequences,
// and it keeps the ledger's length and head hash so a truncated ledger is detected too. Each new
// head is signed with the instance's ledger key in the same transaction (ledgerHeads.ts).
import type { Actor } from '../domain/actor.js'
import { nextEntry, verifyChain, type JsonValue, type LedgerActor, type LedgerEntry } from '../domain/ledger.js'
import type { LedgerKind } from '../domain/eventKinds.js'
import type { Db } from './db.js'
import { signLedgerHead } from './ledgerHeads.js'
import { readLedger } from './ledgerRows.js'

export { readLedger }

export async function ledgerActorOf(db: Db, actor: Actor): Promise<LedgerActor> {
  if (actor.kind !== 'user')
    return { id: 'system', displayName: actor.kind === 'system' ? 'Lockstep (console)' : 'Anonymous' }
  const user = await db.selectFrom('users').select('name').where('id', '=', actor.userId).executeTakeFirst()
  return { id: actor.userId, displayName: user?.name ?? 'Unknown user' }
}

/** Must run inside the transaction that makes the change. */
export async function appendLedger(
  trx: Db,
  caseId: string,
  actor: LedgerActor,
  kind: LedgerKind,
  payload: JsonValue,
  at = new Date(),
): Promise<LedgerEntry> {
  return (await appendLedgerBatch(trx, caseId, actor, [{ kind, payload, at }]))!
}

export interface LedgerItem {
  kind: string
  payload: JsonValue
  at: Date
}

/**
 * Several entries at once, for work that records many facts together (an imported case and its
 * vendors): chained in memory, written in one insert, the case's head moved once and the last
 * head signed. The chain is the same as appending them one by one, in half a dozen statements.
 */
export async function appendLedgerBatch(
  trx: Db,
  caseId: string,
  actor: LedgerActor,
  items: readonly LedgerItem[],
): Promise<LedgerEntry | null> {
  if (!items.length) return null
  // FOR NO KEY UPDATE, not FOR UPDATE: the transaction has often inserted rows pointing at the case
  // already (a message, an outbox row), which holds the case's row FOR KEY SHARE; two such
  // transactions each asking FOR UPDATE would wait on the other's share lock (deadlock).
  const head = await trx
    .selectFrom('cases')
    .select(['ledger_count', 'ledger_head'])
    .where('id', '=', caseId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow()
  const previous: LedgerEntry | null =
    head.ledger_count === 0 ? null : ({ caseId, sequence: head.ledger_count, hash: head.ledger_head } as LedgerEntry)
  const entries = chainEntries(previous, caseId, actor, items)
  await trx
    .insertInto('ledger_entries')
    .values(entries.map((e) => ({ ...ledgerEntryRow(e), payload: JSON.stringify(e.payload) })))
    .execute()
  const last = entries.at(-1)!
  await trx
    .updateTable('cases')
    .set({ ledger_count: last.sequence, ledger_head: last.hash })
    .where('id', '=', caseId)
    .execute()
  await signLedgerHead(trx, last)
  return last
}

/** The items chained after `previous` (null: the case's first entries), in memory. */
export function chainEntries(
  previous: LedgerEntry | null,
  caseId: string,
  actor: LedgerActor,
  items: readonly LedgerItem[],
): LedgerEntry[] {
  const entries: LedgerEntry[] = []
  for (const item of items) {
    previous = nextEntry(previous, {
      caseId,
      instant: item.at.toISOString(),
      actor,
      kind: item.kind,
      payload: item.payload,
    })
    entries.push(previous)
  }
  return entries
}

/** An entry as its ledger_entries row (the payload as it is: the writer serialises it). */
export function ledgerEntryRow(entry: LedgerEntry) {
  return {
    case_id: entry.caseId,
    sequence: entry.sequence,
    instant: entry.instant,
    actor_id: entry.actor.id,
    actor_name: entry.actor.displayName,
    kind: entry.kind,
    payload: entry.payload,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  }
}

export type LedgerVerdict = { ok: true; count: number; head: string } | { ok: false; sequence: number; reason: string }

/**
 * The ledger and the verdict on it, read in one snapshot. Entries are appended by background work
 * (mail delivery, the scheduler) while someone reads, so reading the entries and the case's head
 * separately could see one append and not the other and call an intact ledger broken.
 */
export async function readVerifiedLedger(
  db: Db,
  caseId: string,
): Promise<{ entries: LedgerEntry[]; verdict: LedgerVerdict }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const expected = await trx
        .selectFrom('cases')
        .select(['ledger_count', 'ledger_head'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
      const entries = await readLedger(trx, caseId)
      return { entries, verdict: verdictOn(entries, caseId, expected) }
    })
}

/** Checks the chain, then that it ends where the case row says it ends. */
export async function verifyCaseLedger(db: Db, caseId: string): Promise<LedgerVerdict> {
  return (await readVerifiedLedger(db, caseId)).verdict
}

function verdictOn(
  entries: LedgerEntry[],
  caseId: string,
  expected: { ledger_count: number; ledger_head: string },
): LedgerVerdict {
  const verdict = verifyChain(entries, { caseId })
  if (!verdict.ok) return { ok: false, ...verdict.firstBad }
  if (verdict.count < expected.ledger_count)
    return {
      ok: false,
      sequence: verdict.count + 1,
      reason: `missing: the case records ${expected.ledger_count} entries`,
    }
  if (verdict.count > expected.ledger_count || verdict.head !== expected.ledger_head) {
    return {
      ok: false,
      sequence: expected.ledger_count,
      reason: 'the chain does not end at the head recorded on the case',
    }
  }
  return verdict
}
