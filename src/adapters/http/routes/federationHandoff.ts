// Federation's handoff and onward notification for coordinators (issue 17 items 5 and 6): handing
// a case over to a pinned peer whole, what a case page shows of a hand-over, a peer deliberately
// told later with the justification, and for each peer when it was told, reached and answered.
// Offering to several peers at once is `POST /cases/:id/peer-offers {peerIds}` (federationCases.ts).
// Wire format: docs/FEDERATION.md.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { handoffOf } from '../../../commands/federation/caseHandoff.js'
import { offerCaseToPeer } from '../../../commands/federation/caseOffers.js'
import { deferPeerOffer, peersToldOf } from '../../../commands/federation/onwardNotification.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'
import { deferralAndToldRoutes, deferredPeer, toldPeer, toldTimes } from './peersTold.js'

export const federationHandoffRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/cases/:id/handoff',
      {
        config: { access: { policy: { resource: 'case', action: 'hand_over_to_peer' } } },
        schema: {
          tags: ['federation'],
          summary:
            'Hand the case over to a pinned peer, with its history and vendors; once accepted it is read-only here',
          params: s.idParams,
          body: z.strictObject({
            peerId: s.id,
            shareFinderIdentity: z.boolean().default(false).describe('Only when the finder agreed to be named there'),
          }),
          response: { 202: z.object({ offerId: s.id, activityId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(
          await offerCaseToPeer(ctx.db, request.actor, {
            caseId: request.params.id,
            peerId: request.body.peerId,
            finderConsent: request.body.shareFinderIdentity,
            ourBaseUrl: ctx.config.publicUrl,
            handoff: true,
          }),
        ),
    )

    app.get(
      '/cases/:id/handoff',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['federation'],
          summary:
            'Where the case was handed over to (read-only here), or whom it was taken over from with its history',
          params: s.idParams,
          response: {
            200: z.object({
              handedOver: z.object({ to: z.string(), at: s.timestamp, url: z.string().nullable() }).nullable(),
              takenOver: z
                .object({
                  from: z.string(),
                  originCaseUrl: z.string(),
                  history: z.array(
                    z.object({ kind: z.string(), at: z.string(), actor: z.string(), sentence: z.string() }),
                  ),
                })
                .nullable(),
            }),
          },
        },
      },
      async (request) => handoffOf(ctx.db, request.actor, request.params.id),
    )

    deferralAndToldRoutes(app, {
      subject: 'case',
      defer: {
        access: { policy: { resource: 'case', action: 'offer_to_peer' } },
        run: (actor, o) => deferPeerOffer(ctx.db, actor, { ...o, caseId: o.id }),
      },
      told: {
        access: { policy: { resource: 'case', action: 'read_ledger' } },
        summary: 'For each peer: when it was told of the case, when that reached it, its answer; and the deferrals',
        response: z.object({
          told: z.array(
            toldPeer({ kind: z.enum(['invite', 'handoff']), state: z.enum(['offered', 'accepted', 'declined']) }),
          ),
          deferred: z.array(deferredPeer),
        }),
        list: async (actor, id) => {
          const { told, deferred } = await peersToldOf(ctx.db, actor, id)
          return { told: told.map(toldTimes), deferred }
        },
      },
    })
  }
