// Recording what happened in a case (staff): the case's public / exploit / attacks events, each
// vendor's aware / fix ready / fix deployed, each participant's RM transitions. 409 names the rule.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  recordCaseFactAsCoordinator,
  recordVendorFact,
  transitionParticipant,
} from '../../../commands/cases/caseStatus.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const participantParams = z.strictObject({ id: z.string(), participantId: z.string() })
const when = s.timestamp.optional().describe('When it happened (default: now)')

export const caseStatusRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const update = { access: { policy: { resource: 'case', action: 'update' } } } as const

    app.post(
      '/cases/:id/events',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary:
            'Record that the case became public, an exploit is public, or attacks were observed (each happens once)',
          params: s.idParams,
          body: z.strictObject({
            event: z.enum(['publicAware', 'exploitPublic', 'attacksObserved']),
            at: when,
            reference: z.url().max(2000).optional(),
          }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await recordCaseFactAsCoordinator(
          ctx.db,
          request.actor,
          request.params.id,
          request.body.event,
          request.body.at ? new Date(request.body.at) : new Date(),
          request.body.reference,
          ctx.config.embargo,
        )
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/cases/:id/participants/:participantId/events',
      {
        // A vendor records its own fix ready / fix deployed; the staff any vendor's events.
        config: { access: { policy: { resource: 'participant', action: 'state_position' } } },
        schema: {
          tags: ['cases'],
          summary:
            "Record a vendor's event: vendor aware, then fix ready (once it accepted the report), then fix deployed",
          params: participantParams,
          body: z.strictObject({ event: z.enum(['vendorAware', 'fixReady', 'fixDeployed']), at: when }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await recordVendorFact(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.participantId,
          request.body.event,
          request.body.at ? new Date(request.body.at) : new Date(),
        )
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/cases/:id/participants/:participantId/transitions',
      {
        // A vendor works the report through its own process (received, valid, accepted...); the
        // staff move any participant's state.
        config: { access: { policy: { resource: 'participant', action: 'state_position' } } },
        schema: {
          tags: ['cases'],
          summary:
            "Move a participant's report-management state (receive, validate, invalidate, accept, defer, close): a vendor its own, the staff anyone's",
          params: participantParams,
          body: z.strictObject({ event: z.enum(['receive', 'validate', 'invalidate', 'accept', 'defer', 'close']) }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        const { id, participantId } = request.params
        await transitionParticipant(ctx.db, request.actor, id, participantId, request.body.event)
        return reply.code(204).send(null)
      },
    )
  }
