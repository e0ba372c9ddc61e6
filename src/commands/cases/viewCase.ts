// Reading cases: the list of those the actor may see, and one case with what its page shows first
// (the first page of participants, the vulnerabilities, the reports, when the previous visit
// ended). Reading writes nothing; the page records its visit with visitCase.
import { actorUserId, type Actor } from '../../domain/actor.js'
import { caseScope, type Resources } from '../../domain/policy/index.js'
import {
  caseResource,
  listCaseReports,
  listCasesVisibleTo,
  listParticipants,
  listVulnerabilities,
  pageOfParticipants,
} from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import { readVerifiedLedger } from '../../store/ledger.js'
import { readLedgerPage } from '../../store/ledgerPage.js'
import { readSignedHeads } from '../../store/ledgerHeads.js'
import type { CaseRow } from '../../store/schema.js'
import { asSeenBy } from './identities.js'
import { loadCaseFor } from './caseAccess.js'
import { previousVisit } from './changes.js'

/** The cases the actor may see, newest first, each as the policy sees it for the actor. */
export async function listCases(db: Db, actor: Actor) {
  const rows = await listCasesVisibleTo(db, caseScope(actor))
  return Promise.all(rows.map(async (row) => ({ row, resource: await caseResource(db, row.id, actor, row) })))
}

export interface CaseView {
  row: CaseRow
  resource: Resources['case']
  participants: Awaited<ReturnType<typeof listParticipants>>
  participantCount: number
  vulnerabilities: Awaited<ReturnType<typeof listVulnerabilities>>
  reports: Awaited<ReturnType<typeof listCaseReports>>
  previousVisitAt: Date | null
}

/** One case, by id or LS number, with the first `firstPage` participants. */
export async function viewCase(db: Db, actor: Actor, idOrNumber: string, firstPage: number): Promise<CaseView> {
  const { row, resource } = await loadCaseFor(db, actor, idOrNumber, 'read')
  const userId = actorUserId(actor)
  const [{ items: participants, total: participantCount }, vulnerabilities, reports, previousVisitAt] =
    await Promise.all([
      pageOfParticipants(db, row.id, { limit: firstPage, offset: 0 }),
      listVulnerabilities(db, row.id),
      listCaseReports(db, row.id),
      userId ? previousVisit(db, userId, row.id) : null,
    ])
  return {
    row,
    resource,
    participants: participants.map((p) => asSeenBy(actor, resource, p)),
    participantCount,
    vulnerabilities,
    reports,
    previousVisitAt,
  }
}

/** A page of the case's participants, optionally of one role, and how many there are in all. */
export async function pageParticipants(
  db: Db,
  actor: Actor,
  idOrNumber: string,
  page: { limit: number; offset: number; role?: string | undefined },
) {
  const { row, resource } = await loadCaseFor(db, actor, idOrNumber, 'read')
  const { items, total } = await pageOfParticipants(db, row.id, page)
  return { row, resource, items: items.map((p) => asSeenBy(actor, resource, p)), total }
}

/** The case's hash-chained ledger, checked, for who may read it. */
export async function caseLedger(db: Db, actor: Actor, idOrNumber: string) {
  const { row } = await loadCaseFor(db, actor, idOrNumber, 'read_ledger')
  return readVerifiedLedger(db, row.id)
}

/** A page of the case's ledger, newest page first, checked from its signed heads. */
export async function caseLedgerPage(
  db: Db,
  actor: Actor,
  idOrNumber: string,
  page: { limit: number; before?: number | undefined },
) {
  const { row } = await loadCaseFor(db, actor, idOrNumber, 'read_ledger')
  return readLedgerPage(db, row.id, page)
}

/** The case's signed ledger heads, for everyone in the case to keep (see domain/ledgerHead.ts). */
export async function caseLedgerHeads(db: Db, actor: Actor, idOrNumber: string) {
  const { row } = await loadCaseFor(db, actor, idOrNumber, 'read_ledger_heads')
  return { row, heads: await readSignedHeads(db, row.id) }
}
