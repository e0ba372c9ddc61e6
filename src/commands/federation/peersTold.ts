// What offering a case to several peers (onwardNotification.ts) and sending a report in triage to
// several peers (reportOffers.ts) share (issue 17 item 6): the peers named at once checked, a peer
// deliberately told later (refused once told, its entry written and read back the same way), and
// for each peer when it was told, when that reached it (the outbox's delivery) and when it
// answered. The two differ only in the subject: its table of offers, its history, its policy action.
import { randomUUID } from 'node:crypto'
import type { Selectable } from 'kysely'
import { ConflictError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { actorOf, normalizeBaseUrl } from '../../domain/federation/peerDocument.js'
import { isUuid, type Db } from '../../store/db.js'
import type { Database } from '../../store/schema.js'

/** Where the offers of each subject are kept: the table, the column naming the subject, the offer's message. */
const offerTables = {
  case: { table: 'federation_case_offers', subject: 'case_id', activity: 'invite_activity_id' },
  report: { table: 'federation_report_offers', subject: 'report_id', activity: 'offer_activity_id' },
} as const

/** What is offered to peers: a case or a report. */
export type OfferSubject = keyof typeof offerTables

type OfferRow<S extends OfferSubject> = Selectable<Database[(typeof offerTables)[S]['table']]>

export type PinnedPeer = { id: string; name: string; base_url: string }

export const pinnedPeers = async (trx: Db, ids: string[]): Promise<PinnedPeer[]> =>
  ids.some(isUuid)
    ? trx
        .selectFrom('federation_peers')
        .select(['id', 'name', 'base_url'])
        .where('state', '=', 'pinned')
        .where('id', 'in', ids.filter(isUuid))
        .execute()
    : []

/** Every pinned peer, by name: those a case or a report could go to. */
export const pinnedPeersByName = (db: Db): Promise<PinnedPeer[]> =>
  db
    .selectFrom('federation_peers')
    .select(['id', 'name', 'base_url'])
    .where('state', '=', 'pinned')
    .orderBy('name')
    .execute()

/** An offer's envelope: a new activity of this instance, from it to `peer`, sent by `by` now. */
export function offerEnvelope(ourBaseUrl: string, peer: { base_url: string }, by: string) {
  const ours = normalizeBaseUrl(ourBaseUrl)
  const id = `${ours}/federation/activities/${randomUUID()}`
  return { id, from: actorOf(ours), to: actorOf(peer.base_url), by, at: new Date() }
}

/**
 * Refuses (422) a list of peers to tell at once that names no peer, one not pinned here or one
 * twice, each by its place (`peerIds.1`), before anything is queued.
 */
export async function checkPeerList(trx: Db, peerIds: string[]): Promise<void> {
  const pinned = new Set((await pinnedPeers(trx, peerIds)).map((p) => p.id))
  const problems: FieldProblem[] = peerIds.flatMap((id, i) =>
    !pinned.has(id)
      ? [{ field: `peerIds.${i}`, message: 'is not a peer whose fingerprint was confirmed here' }]
      : peerIds.indexOf(id) !== i
        ? [{ field: `peerIds.${i}`, message: 'names the same peer twice' }]
        : [],
  )
  if (!peerIds.length) problems.push({ field: 'peerIds', message: 'names no peer' })
  if (problems.length) throw new ValidationError(problems)
}

/** A deferral's justification, trimmed; an empty one is refused (422). */
export function justificationOf(text: string): string {
  const justification = text.trim()
  if (!justification) throw new ValidationError({ field: 'justification', message: 'is empty: say why' })
  return justification
}

/** The pinned peer to be told later (422 when it is none), refused (409) once sent the subject already. */
async function peerNotToldYet(trx: Db, peerId: string, what: OfferSubject, subjectId: string) {
  const [peer] = await pinnedPeers(trx, [peerId])
  if (!peer)
    throw new ValidationError({ field: 'peerId', message: 'is not a peer whose fingerprint was confirmed here' })
  const t = offerTables[what]
  const told = await trx
    .selectFrom(trx.dynamic.table(t.table).as('offer'))
    .select('offer.id')
    .where('offer.direction', '=', 'sent')
    .where(trx.dynamic.ref(`offer.${t.subject}`), '=', subjectId)
    .where('offer.peer_id', '=', peer.id)
    .executeTakeFirst()
  if (told) throw new ConflictError(`${peer.name} was told of this ${what} already.`)
  return peer
}

/**
 * What the entry of a peer deliberately told later says (on a case's ledger or in a report's
 * history), read back by `deferralOf`; the peer checked first by `peerNotToldYet`.
 */
export async function deferralEntry(
  trx: Db,
  what: OfferSubject,
  subjectId: string,
  o: { peerId: string; justification: string; until?: Date | undefined },
) {
  const peer = await peerNotToldYet(trx, o.peerId, what, subjectId)
  return {
    peer: peer.base_url,
    peerName: peer.name,
    peerId: peer.id,
    justification: o.justification,
    until: o.until?.toISOString() ?? null,
  }
}

/** A deferral as listed beside the peers told, from its entry (a case's ledger or a report's history). */
export function deferralOf(payload: unknown, at: Date, by: string) {
  const p = payload as Awaited<ReturnType<typeof deferralEntry>>
  return {
    peerId: p.peerId,
    peerName: p.peerName,
    justification: p.justification,
    until: p.until,
    decidedAt: at.toISOString(),
    decidedBy: by,
  }
}

/** One offer of the subject, with its peer and when it was told, reached and answered. */
export type ToldPeer = {
  direction: 'sent' | 'received'
  peerId: string
  peerName: string
  state: 'offered' | 'accepted' | 'declined'
  toldAt: Date
  deliveredAt: Date | null
  answeredAt: Date | null
}

/**
 * Every offer of the subject (sent and received), with `also` columns of its own table; when it
 * was reached is the outbox's delivery of the offer's message to that peer.
 */
export async function offersOfSubject<S extends OfferSubject, C extends keyof OfferRow<S> & string>(
  db: Db,
  what: S,
  subjectId: string,
  also: readonly C[],
): Promise<(ToldPeer & Pick<OfferRow<S>, C>)[]> {
  const t = offerTables[what]
  const { ref, table } = db.dynamic
  const rows = await db
    .selectFrom(table(t.table).as('offer'))
    .innerJoin('federation_peers', 'federation_peers.id', 'offer.peer_id')
    .leftJoin('federation_outbox', (j) =>
      j
        .onRef('federation_outbox.activity_id', '=', ref(`offer.${t.activity}`))
        .onRef('federation_outbox.peer_id', '=', 'offer.peer_id'),
    )
    .select([
      'offer.direction',
      'federation_peers.id as peerId',
      'federation_peers.name as peerName',
      'offer.state',
      'offer.created_at as toldAt',
      'federation_outbox.delivered_at as deliveredAt',
      'offer.answered_at as answeredAt',
    ])
    .select(also.map((c) => ref(`offer.${c}`)))
    .where(ref(`offer.${t.subject}`), '=', subjectId)
    // Sent in one request, offers share their instant: then by the peer's name.
    .orderBy('offer.created_at')
    .orderBy('federation_peers.name')
    .execute()
  // The columns of `also` are named at run time, so their types are the table's, said here.
  return rows as unknown as (ToldPeer & Pick<OfferRow<S>, C>)[]
}
