// A ledger_entries row as the domain's LedgerEntry: one reading for the ledger, its audit and
// the signing of heads written before heads were signed.
import type { Selectable } from 'kysely'
import type { JsonValue, LedgerEntry } from '../domain/ledger.js'
import type { Db } from './db.js'
import type { Database } from './schema.js'

export function ledgerEntryOf(r: Selectable<Database['ledger_entries']>): LedgerEntry {
  return {
    caseId: r.case_id,
    sequence: r.sequence,
    instant: r.instant,
    actor: { id: r.actor_id, displayName: r.actor_name },
    kind: r.kind,
    payload: r.payload as JsonValue,
    prevHash: r.prev_hash,
    hash: r.hash,
  }
}

export async function readLedger(db: Db, caseId: string): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sequence')
    .execute()
  return rows.map(ledgerEntryOf)
}
