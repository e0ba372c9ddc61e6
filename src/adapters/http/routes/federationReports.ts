// Onward notification of a report (issue 17 item 6): a report in triage sent to several pinned
// peers at once (Vultron's RmSubmitReport, one Offer per peer), a peer deliberately told later with
// why, and for each peer when it was told, reached and ruled (or, for a report received from a
// peer, where it came from). Wire format: docs/FEDERATION.md.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { deferReportToPeer, peersToldOfReport, sendReportToPeers } from '../../../commands/federation/reportOffers.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'
import { deferralAndToldRoutes, deferredPeer, offerQueued, pinnedPeer, toldPeer, toldTimes } from './peersTold.js'

const crossingTlp = z.enum(['CLEAR', 'GREEN', 'AMBER'])

export const federationReportRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/reports/:id/peer-offers',
      {
        config: { access: { policy: { resource: 'report', action: 'send_to_peer' } } },
        schema: {
          tags: ['federation'],
          summary:
            'Send the report to several pinned peers at once, one message each, all or none (TLP:RED and AMBER+STRICT never leave)',
          params: s.idParams,
          body: z.strictObject({
            peerIds: z.array(s.id).max(50),
            tlp: s.tlpLabel.default('AMBER').describe('The label the report crosses under'),
            shareFinderIdentity: z.boolean().default(false).describe('Only when the finder agreed to be named there'),
          }),
          response: {
            202: z.object({ offers: z.array(offerQueued) }),
          },
        },
      },
      async (request, reply) =>
        reply.code(202).send({
          offers: await sendReportToPeers(ctx.db, request.actor, {
            reportId: request.params.id,
            peerIds: request.body.peerIds,
            tlp: request.body.tlp,
            finderConsent: request.body.shareFinderIdentity,
            ourBaseUrl: ctx.config.publicUrl,
          }),
        }),
    )

    deferralAndToldRoutes(app, {
      subject: 'report',
      defer: {
        access: { policy: { resource: 'report', action: 'send_to_peer' } },
        run: (actor, o) => deferReportToPeer(ctx.db, actor, { ...o, reportId: o.id }),
      },
      told: {
        access: { policy: { resource: 'report', action: 'triage' } },
        summary:
          'For each peer: when it was told of the report, when that reached it, its ruling; the deferrals; the pinned peers; where a report received came from',
        response: z.object({
          told: z.array(
            toldPeer({
              state: z.enum(['offered', 'accepted', 'declined']).describe('accepted: found valid there'),
              tlp: crossingTlp,
              reason: z.string().nullable(),
            }),
          ),
          deferred: z.array(deferredPeer),
          peers: z.array(pinnedPeer),
          receivedFrom: z
            .object({
              peerName: z.string(),
              originReportUrl: z.string(),
              tlp: crossingTlp,
              receivedAt: s.timestamp,
            })
            .nullable(),
        }),
        list: async (actor, id) => {
          const r = await peersToldOfReport(ctx.db, actor, id)
          return {
            ...r,
            told: r.told.map(toldTimes),
            receivedFrom: r.receivedFrom && { ...r.receivedFrom, receivedAt: r.receivedFrom.receivedAt.toISOString() },
          }
        },
      },
    })
  }
