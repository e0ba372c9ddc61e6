// Federation's case protocol for coordinators: offering a case to a pinned peer instance, the
// offers a case was sent in (or the one it was shared from), the offers peers sent here, and
// accepting (a shared case opened here) or declining one. Wire format: docs/FEDERATION.md.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { answerOffer } from '../../../commands/federation/caseOfferAnswers.js'
import { offerCaseToPeers } from '../../../commands/federation/onwardNotification.js'
import {
  caseOffersFor,
  offerCaseToPeer,
  receivedOffersFor,
  type CaseOfferView,
} from '../../../commands/federation/caseOffers.js'
import type { SharedCaseObject } from '../../../domain/federation/caseOffer.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'
import { offerQueued, pinnedPeer } from './peersTold.js'

const offer = z.object({
  id: s.id,
  direction: z.enum(['sent', 'received']).describe('sent: offered from here; received: offered by the peer'),
  kind: z.enum(['invite', 'handoff']).describe('invite: to share the case; handoff: the case handed over whole'),
  peer: z.object({ baseUrl: z.string(), name: z.string() }),
  state: z.enum(['offered', 'accepted', 'declined']),
  originCaseUrl: z.string().describe('The case on the instance that offered it'),
  sharedCaseUrl: z.string().nullable().describe('The shared case on the instance that accepted it'),
  caseNumber: z.string().nullable().describe('The case here: the one offered, or the one opened on acceptance'),
  title: z.string(),
  summary: z.string(),
  tlp: s.tlpLabel,
  vulnerabilities: z.array(z.string()),
  notes: z.array(z.object({ content: z.string(), tlp: s.tlpLabel })),
  finders: z.array(z.string().nullable()).describe('A finder named with their consent, otherwise null'),
  reason: z.string().nullable(),
  offeredAt: s.timestamp,
  answeredAt: s.timestamp.nullable(),
})

const present = (o: CaseOfferView) => {
  const c = o.offered_case as SharedCaseObject
  return {
    id: o.id,
    direction: o.direction,
    kind: o.kind,
    peer: { baseUrl: o.base_url, name: o.peer_name },
    state: o.state,
    originCaseUrl: o.origin_case_url,
    sharedCaseUrl: o.shared_case_url,
    caseNumber: o.case_number,
    title: c.name,
    summary: c.summary,
    tlp: c['lockstep:tlp'],
    vulnerabilities: c['lockstep:vulnerabilities'].map((v) => v.title),
    notes: c['lockstep:notes'].map((n) => ({ content: n.content, tlp: n.tlp })),
    finders: c['lockstep:finders'].map((f) => f.name),
    reason: o.answer_reason,
    offeredAt: o.created_at.toISOString(),
    answeredAt: o.answered_at?.toISOString() ?? null,
  }
}

export const federationCaseRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/cases/:id/peer-offers',
      {
        config: { access: { policy: { resource: 'case', action: 'offer_to_peer' } } },
        schema: {
          tags: ['federation'],
          summary:
            'Offer the case to a pinned peer instance (refused for TLP:RED and AMBER+STRICT; private threads stay here)',
          params: s.idParams,
          body: z.strictObject({
            peerId: s.id.optional(),
            peerIds: z.array(s.id).max(50).optional().describe('Several peers at once (onward notification)'),
            shareFinderIdentity: z.boolean().default(false).describe('Only when the finder agreed to be named there'),
          }),
          response: {
            202: z.object({
              offerId: s.id,
              activityId: z.string(),
              offers: z.array(offerQueued),
            }),
          },
        },
      },
      async (request, reply) => {
        const { peerId, peerIds, shareFinderIdentity } = request.body
        const o = { caseId: request.params.id, finderConsent: shareFinderIdentity, ourBaseUrl: ctx.config.publicUrl }
        const offers =
          peerId && !peerIds
            ? [{ peerId, ...(await offerCaseToPeer(ctx.db, request.actor, { ...o, peerId })) }]
            : await offerCaseToPeers(ctx.db, request.actor, { ...o, peerIds: peerIds ?? [] })
        return reply.code(202).send({ ...offers[0]!, offers })
      },
    )

    app.get(
      '/cases/:id/peer-offers',
      {
        config: { access: { policy: { resource: 'case', action: 'read_ledger' } } },
        schema: {
          tags: ['federation'],
          summary: 'The peers this case was offered to (or the peer it was shared from), and the pinned peers',
          params: s.idParams,
          response: {
            200: z.object({
              offers: z.array(offer),
              peers: z.array(pinnedPeer),
            }),
          },
        },
      },
      async (request) => {
        const { offers, peers } = await caseOffersFor(ctx.db, request.actor, request.params.id)
        return {
          offers: offers.map(present),
          peers: peers.map((p) => ({ id: p.id, name: p.name, baseUrl: p.base_url })),
        }
      },
    )

    app.get(
      '/federation/offers',
      {
        config: { access: { policy: { resource: 'instance', action: 'list_peer_offers' } } },
        schema: {
          tags: ['federation'],
          summary: 'Cases peer instances offered to this one: the open ones first',
          response: { 200: z.array(offer) },
        },
      },
      async (request) => (await receivedOffersFor(ctx.db, request.actor)).map(present),
    )

    for (const [path, accept] of [
      ['accept', true],
      ['decline', false],
    ] as const)
      app.post(
        `/federation/offers/:id/${path}`,
        {
          config: { access: { policy: { resource: 'instance', action: 'answer_peer_offer' } } },
          schema: {
            tags: ['federation'],
            summary: accept
              ? 'Accept a peer’s offer: a shared case is opened here, linked to the origin'
              : 'Decline a peer’s offer, saying why',
            params: s.idParams,
            body: z.strictObject({ reason: z.string().trim().max(2000).optional() }),
            response: { 200: z.object({ caseNumber: z.string().nullable(), activityId: z.string() }) },
          },
        },
        async (request) =>
          answerOffer(ctx.db, request.actor, {
            offerId: request.params.id,
            accept,
            reason: request.body.reason,
            ourBaseUrl: ctx.config.publicUrl,
          }),
      )
  }
