// Handing a case over to a peer whole (issue 17 item 5; Vultron's RmOfferCaseOwnershipTransfer).
// The offer itself goes as any offer of a case does (caseOffers.ts, `handoff: true`): what crosses
// is what this instance's policy lets the peer's coordinators see, plus the parts gathered here,
// the history as a summary and the vendors by name and contact address. On the peer, accepting
// opens the case as its own with those vendors taking part; here, the peer's Accept marks the case
// handed over (read-only from then on, by the policy), its Reject changes nothing but the ledger.
import type { Actor } from '../../domain/actor.js'
import {
  draftThatCrosses,
  historySentence,
  withoutNames,
  type HandoffParts,
} from '../../domain/federation/caseHandoff.js'
import type { LedgerActor } from '../../domain/ledger.js'
import { authorize } from '../../domain/policy/index.js'
import { sql } from 'kysely'
import type { Db } from '../../store/db.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { appendLedger } from '../../store/ledger.js'
import { markHandedOver } from '../transitions/caseHandoff.js'
import type { CaseOfferRow } from '../transitions/peerOffer.js'
import { createVendor, seatVendor, vendorNamed } from '../vendors/newVendor.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { ensureAdvisory } from '../release/drafts.js'
import { sendTermsInForceTo } from './sharedEmbargo.js'

/**
 * The history, vendors and advisory draft of a case as they cross in a hand-over. `unnamed` are the
 * names that may not cross (a finder who did not consent or asked to stay anonymous): the summary
 * and the draft say "the finder"; the draft's credits cross only when a finder is named with consent.
 */
export async function handoffParts(
  trx: Db,
  caseId: string,
  o: { unnamed: string[]; creditsMayCross: boolean },
): Promise<HandoffParts> {
  const [entries, vendors, advisory] = await Promise.all([
    trx
      .selectFrom('ledger_entries')
      .select(['kind', 'instant', 'actor_name', 'payload'])
      .where('case_id', '=', caseId)
      .orderBy('sequence')
      .execute(),
    trx
      .selectFrom('participants')
      .innerJoin('organizations', 'organizations.id', 'participants.organization_id')
      .select([
        'organizations.name',
        (eb) =>
          eb
            .selectFrom('organization_contacts')
            .select('email')
            .whereRef('organization_contacts.organization_id', '=', 'organizations.id')
            .orderBy(sql`kind = 'primary'`, 'desc')
            .limit(1)
            .as('email'),
      ])
      .where('participants.case_id', '=', caseId)
      .where('participants.removed_at', 'is', null)
      .where(sql<boolean>`'vendor' = ANY(participants.roles)`)
      .orderBy('organizations.name')
      .execute(),
    trx
      .selectFrom('advisories')
      .select(['public_id', 'draft_version', 'draft'])
      .where('case_id', '=', caseId)
      .executeTakeFirst(),
  ])
  const hide = withoutNames(o.unnamed)
  return {
    'lockstep:history': entries.map((e) => ({
      kind: e.kind,
      at: new Date(e.instant).toISOString(),
      actor: hide(e.actor_name),
      sentence: hide(historySentence(e.kind, e.actor_name, e.payload)),
    })),
    'lockstep:participants': vendors.map((v) => ({ name: v.name, email: v.email ?? null })),
    // The vulnerabilities' descriptions already cross with the case (lockstep:vulnerabilities).
    'lockstep:advisoryDraft': advisory
      ? draftThatCrosses({ publicId: advisory.public_id, version: advisory.draft_version, draft: advisory.draft }, o)
      : null,
  }
}

/**
 * The accepting side takes the case over: the vendors that crossed take part in the case opened
 * here (found in the directory by name, or added to it with their contact address), not yet
 * notified, so the new owner's next "Notify" reaches them; the history stays on the offer's row;
 * the first owner's advisory draft becomes this case's first draft (before anything else creates
 * the advisory here, so it is version 1), with an `advisory.draft_from_peer` entry.
 */
export async function takeOverCase(
  trx: Db,
  actor: Actor,
  who: LedgerActor,
  o: {
    caseId: string
    offered: Partial<HandoffParts>
    peer: { base_url: string; name: string }
    originCaseUrl: string
  },
): Promise<void> {
  authorize(actor, 'create_organization', { type: 'instance' })
  const vendors = o.offered['lockstep:participants'] ?? []
  for (const v of vendors) {
    const org = (await vendorNamed(trx, v.name)) ?? (await createVendor(trx, v))
    await seatVendor(trx, o.caseId, org, who)
  }
  const handed = o.offered['lockstep:advisoryDraft']
  if (handed) {
    const from = `${o.peer.name} (${handed.publicId || 'its advisory'}, version ${handed.version})`
    const advisory = await ensureAdvisory(trx, o.caseId, who.displayName, new Date(), {
      draft: handed.draft,
      note: `Draft from ${from}`,
    })
    await appendLedger(trx, o.caseId, who, 'advisory.draft_from_peer', {
      advisory: advisory.public_id,
      peer: o.peer.base_url,
      peerName: o.peer.name,
      peerAdvisory: handed.publicId,
      peerVersion: handed.version,
    })
  }
  await appendLedger(trx, o.caseId, who, 'case.taken_over_from_peer', {
    peer: o.peer.base_url,
    originCaseUrl: o.originCaseUrl,
    history: (o.offered['lockstep:history'] ?? []).length,
    vendors: vendors.map((v) => v.name),
  })
}

/** The peer answered our hand-over: accepted, the case here is handed over; declined, only the ledger says so. */
export async function settleHandoff(
  trx: Db,
  peer: PeerRow,
  offer: CaseOfferRow,
  answer: { moved: boolean; accepted: boolean; activityId: string; sharedCaseUrl: string | null },
): Promise<void> {
  if (!answer.moved || !answer.accepted || !offer.case_id) return
  await markHandedOver(trx, offer.case_id, {
    peerName: peer.name,
    peerUrl: peer.base_url,
    newCaseUrl: answer.sharedCaseUrl,
    activityId: answer.activityId,
    at: new Date(),
  })
  // The agreed instant goes with the case: the new owner releases at it, this instance no longer does
  // (release.ts leaves a handed-over case to its new owner).
  await sendTermsInForceTo(trx, offer.case_id, peer.id)
}

/**
 * What a case page shows of a hand-over: where the case went (here, handed over: read-only), or
 * where it came from with the history that crossed with it (on the instance that took it over).
 */
export async function handoffOf(db: Db, actor: Actor, caseId: string) {
  const { row } = await loadCaseFor(db, actor, caseId, 'read')
  const received = await db
    .selectFrom('federation_case_offers')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_case_offers.peer_id')
    .select(['federation_peers.name', 'federation_case_offers.origin_case_url', 'federation_case_offers.offered_case'])
    .where('federation_case_offers.direction', '=', 'received')
    .where('federation_case_offers.kind', '=', 'handoff')
    .where('federation_case_offers.case_id', '=', row.id)
    .executeTakeFirst()
  return {
    handedOver: row.handed_over_at
      ? { to: row.handed_over_to ?? '', at: row.handed_over_at.toISOString(), url: row.handed_over_url }
      : null,
    takenOver: received
      ? {
          from: received.name,
          originCaseUrl: received.origin_case_url,
          history: (received.offered_case as Partial<HandoffParts>)['lockstep:history'] ?? [],
        }
      : null,
  }
}
