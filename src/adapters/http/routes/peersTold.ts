// The routes a case (federationHandoff.ts) and a report in triage (federationReports.ts) share once
// offered to several peers (issue 17 item 6): a peer deliberately told later, and why; and for each
// peer when it was told, when that reached it and when it answered. The subjects differ in their
// path, their policy actions, their commands and what else their list says, given by the caller.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Actor } from '../../../domain/actor.js'
import type { RouteAccess } from '../plugins/authentication.js'
import * as s from '../schemas.js'

type App = Parameters<FastifyPluginAsyncZod>[0]

export const when = (d: Date | null) => d?.toISOString() ?? null

/** A pinned peer, one the subject could be sent to. */
export const pinnedPeer = z.object({ id: s.id, name: z.string(), baseUrl: z.string() })

/** One message queued for one peer of those named at once. */
export const offerQueued = z.object({ peerId: s.id, offerId: s.id, activityId: z.string() })

/** A peer to be told later, and why. */
const deferralBody = z.strictObject({
  peerId: s.id,
  justification: z.string().trim().min(1, 'must not be empty: say why').max(2000),
  until: s.timestamp.optional().describe('Not before this instant'),
})

/** A peer deliberately told later, as listed beside those told. */
export const deferredPeer = z.object({
  peerId: s.id,
  peerName: z.string(),
  justification: z.string(),
  until: s.timestamp.nullable(),
  decidedAt: s.timestamp,
  decidedBy: z.string(),
})

/** A peer told, its name first and its instants last; `about` is what else the subject says of it. */
export const toldPeer = <A extends z.ZodRawShape>(about: A) =>
  z.object({
    peerId: s.id,
    peerName: z.string(),
    ...about,
    toldAt: s.timestamp,
    deliveredAt: s.timestamp.nullable(),
    answeredAt: s.timestamp.nullable(),
  })

/** A peer told, its instants as the API writes them. */
export const toldTimes = <T extends { toldAt: Date; deliveredAt: Date | null; answeredAt: Date | null }>(t: T) => ({
  ...t,
  toldAt: t.toldAt.toISOString(),
  deliveredAt: when(t.deliveredAt),
  answeredAt: when(t.answeredAt),
})

/**
 * `POST /{subject}s/:id/peer-offers/deferrals` (201 with the instant) and `GET /{subject}s/:id/peers-told`,
 * declared the same way for a case and a report.
 */
export function deferralAndToldRoutes<Told extends z.ZodTypeAny>(
  app: App,
  spec: {
    subject: 'case' | 'report'
    defer: {
      access: RouteAccess
      run: (
        actor: Actor,
        o: { id: string; peerId: string; justification: string; until: Date | undefined },
      ) => Promise<{ deferredAt: string }>
    }
    told: {
      access: RouteAccess
      summary: string
      response: Told
      list: (actor: Actor, id: string) => Promise<z.input<Told>>
    }
  },
): void {
  app.post(
    `/${spec.subject}s/:id/peer-offers/deferrals`,
    {
      config: { access: spec.defer.access },
      schema: {
        tags: ['federation'],
        summary: `Record that a peer not yet told of the ${spec.subject} will be told later, and why`,
        params: s.idParams,
        body: deferralBody,
        response: { 201: z.object({ deferredAt: s.timestamp }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await spec.defer.run(request.actor, {
          id: request.params.id,
          peerId: request.body.peerId,
          justification: request.body.justification,
          until: request.body.until ? new Date(request.body.until) : undefined,
        }),
      ),
  )

  app.get(
    `/${spec.subject}s/:id/peers-told`,
    {
      config: { access: spec.told.access },
      schema: {
        tags: ['federation'],
        summary: spec.told.summary,
        params: s.idParams,
        // Each subject's own list: the caller's `list` is checked against it where it is declared.
        response: { 200: spec.told.response as z.ZodTypeAny },
      },
    },
    async (request) => spec.told.list(request.actor, request.params.id),
  )
}
