// The only writer of the parties' consent to embargo terms (embargo_consents.state, see
// domain/embargo.ts): asked when terms are proposed (invited; the proposer signatory), lapsed when
// the terms they agreed to are replaced, and each party's answer. Asking and lapsing are part of
// an EM move and are recorded by its entry, which the caller passes in (so they cannot happen
// without one); an answer appends its own 'embargo.consented' / 'embargo.declined'.
import type { JsonValue, LedgerActor, LedgerEntry } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import type { PeerPartyAnswer } from '../../store/schemaFederation.js'
import { appendLedger } from '../../store/ledger.js'

/** Every party asked about new terms; the one proposing them agrees by proposing. Recorded by the proposal's entry. */
export async function inviteToTerms(
  trx: Db,
  recordedBy: LedgerEntry,
  o: { proposalId: string; partyIds: string[]; proposerId: string | null; answerBy: Date; now: Date },
): Promise<void> {
  if (o.partyIds.length === 0) return
  await trx
    .insertInto('embargo_consents')
    .values(
      o.partyIds.map((id) => ({
        proposal_id: o.proposalId,
        participant_id: id,
        case_id: recordedBy.caseId,
        state: id === o.proposerId ? ('signatory' as const) : ('invited' as const),
        answer_by: id === o.proposerId ? null : o.answerBy,
        answered_at: id === o.proposerId ? o.now : null,
      })),
    )
    .execute()
}

/** Whoever agreed to terms now replaced (countered, superseded) has not agreed to the new ones. Recorded by the replacing move's entry. */
export async function lapseAgreements(trx: Db, _recordedBy: LedgerEntry, proposalId: string): Promise<void> {
  await trx
    .updateTable('embargo_consents')
    .set({ state: 'lapsed' })
    .where('proposal_id', '=', proposalId)
    .where('state', '=', 'signatory')
    .execute()
}

/** A party's answer to the terms on the table, with its entry. */
export async function answerTerms(
  trx: Db,
  o: {
    caseId: string
    proposalId: string
    participantId: string | null
    answer: 'accept' | 'decline'
    who: LedgerActor
    payload: JsonValue
    now: Date
  },
): Promise<void> {
  const state = o.answer === 'accept' ? ('signatory' as const) : ('declined' as const)
  if (o.participantId) {
    await trx
      .insertInto('embargo_consents')
      .values({
        proposal_id: o.proposalId,
        participant_id: o.participantId,
        case_id: o.caseId,
        state,
        answered_at: o.now,
      })
      .onConflict((oc) => oc.columns(['proposal_id', 'participant_id']).doUpdateSet({ state, answered_at: o.now }))
      .execute()
  }
  await appendLedger(
    trx,
    o.caseId,
    o.who,
    o.answer === 'accept' ? 'embargo.consented' : 'embargo.declined',
    o.payload,
    o.now,
  )
}

/**
 * What a peer reported of its parties' answers to a proposal made here, with its entry: the
 * peer's whole list replaces what it said before (an older report than the one kept changes nothing).
 */
export async function recordPeerAnswers(
  trx: Db,
  o: {
    caseId: string
    proposalId: string
    peerId: string
    parties: readonly {
      party: string
      name: string
      instance: string
      answer: PeerPartyAnswer
      answeredAt: Date | null
    }[]
    reportedAt: Date
    who: LedgerActor
    payload: JsonValue
  },
): Promise<boolean> {
  const newer = await trx
    .selectFrom('embargo_peer_answers')
    .select('party')
    .where('proposal_id', '=', o.proposalId)
    .where('peer_id', '=', o.peerId)
    .where('reported_at', '>', o.reportedAt)
    .executeTakeFirst()
  if (newer) return false
  await trx
    .deleteFrom('embargo_peer_answers')
    .where('proposal_id', '=', o.proposalId)
    .where('peer_id', '=', o.peerId)
    .execute()
  if (o.parties.length)
    await trx
      .insertInto('embargo_peer_answers')
      .values(
        o.parties.map((p) => ({
          proposal_id: o.proposalId,
          case_id: o.caseId,
          peer_id: o.peerId,
          party: p.party,
          name: p.name,
          instance: p.instance,
          answer: p.answer,
          answered_at: p.answeredAt,
          reported_at: o.reportedAt,
        })),
      )
      .execute()
  await appendLedger(trx, o.caseId, o.who, 'embargo.peer_answers', o.payload)
  return true
}
