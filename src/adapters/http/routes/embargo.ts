// The embargo of a case: read it (state, terms in force, proposal on the table, each party's
// answer), propose terms (opening, countering or revising, by the embargo's state), answer,
// reject, withdraw, end it early, and report that the case is public now.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { embargoView } from '../../../commands/embargo/embargoView.js'
import { reportCasePublic } from '../../../commands/embargo/reportPublic.js'
import {
  answerProposal,
  proposeTerms,
  rejectProposal,
  terminateEmbargo,
  withdrawProposal,
} from '../../../commands/embargo/negotiation.js'
import { emStates } from '../../../domain/embargo.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const proposalParams = z.strictObject({ id: z.string(), proposalId: z.string() })
const negotiate = { access: { policy: { resource: 'participant', action: 'negotiate_embargo' } } } as const
const update = { access: { policy: { resource: 'case', action: 'update' } } } as const

const answer = z.object({
  participantId: s.id.nullable().describe('Null for a party on a peer instance sharing the case'),
  name: z.string(),
  state: z.enum(['none', 'invited', 'signatory', 'lapsed', 'declined']),
  stateLabel: z.string(),
  answerBy: s.timestamp.nullable(),
  answeredAt: s.timestamp.nullable(),
  yours: z.boolean(),
})
const proposal = z.object({
  id: s.id,
  kind: z.enum(['proposal', 'revision', 'policy']),
  endsAt: s.timestamp,
  timeZone: z.string().describe('The zone the proposer wrote it in'),
  proposer: z.string(),
  reason: z.string().nullable(),
  answerBy: s.timestamp.nullable(),
  status: z.enum(['open', 'accepted', 'rejected', 'withdrawn', 'countered', 'superseded']),
  at: s.timestamp,
  proposedByYou: z.boolean(),
})
const embargo = z.object({
  state: z.enum(emStates as [string, ...string[]]),
  stateLabel: z.string(),
  endsAt: s.timestamp.nullable().describe('The end of the terms in force: the release instant'),
  endedAt: s.timestamp.nullable(),
  endReason: z.string().nullable(),
  policy: z.object({
    defaultDays: z.number(),
    maxDays: z.number(),
    answerDays: z.number(),
    minAnswerHours: z.number(),
  }),
  inForce: proposal.extend({ answers: z.array(answer) }).nullable(),
  open: proposal.extend({ answers: z.array(answer) }).nullable(),
  policies: z.array(proposal).describe("Parties' published policies longer than the terms: revisions to propose later"),
  history: z.array(proposal),
  abilities: z.object({
    propose: z.boolean(),
    answer: z.boolean(),
    reject: z.boolean(),
    withdraw: z.boolean(),
    terminate: z.boolean(),
    reportPublic: z.boolean(),
  }),
})

export const embargoRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Each command loads the case for the caller and asks the policy; the view does too.
    const view = (caseRef: string, actor: Parameters<typeof embargoView>[1]) =>
      embargoView(ctx.db, actor, caseRef, ctx.config.embargo)

    app.get(
      '/cases/:id/embargo',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['embargo'],
          summary: "The case's embargo: state, terms in force, the proposal on the table and every party's answer",
          params: s.idParams,
          response: { 200: embargo },
        },
      },
      async (request) => view(request.params.id, request.actor),
    )

    app.post(
      '/cases/:id/embargo/proposals',
      {
        config: negotiate,
        schema: {
          tags: ['embargo'],
          summary:
            'Propose an end instant: opens the embargo (no embargo), counters the proposal (proposed) or proposes a revision (active)',
          params: s.idParams,
          body: z.strictObject({
            endsAt: z.string().max(64).describe('ISO 8601 with a time zone offset, e.g. 2003-03-03T17:00:00Z'),
            timeZone: z.string().max(64).optional().describe('The IANA zone you think in, e.g. America/New_York'),
            answerBy: z
              .string()
              .max(64)
              .optional()
              .describe('Deadline to answer (default 7 days, never under 72 hours)'),
            reason: z.string().max(2000).optional(),
            participantId: z.string().optional().describe('Staff: on whose behalf'),
            event: z
              .enum(['propose', 'counter', 'revise'])
              .optional()
              .describe('The transition you mean; refused (409) if the embargo is not in a state that allows it'),
          }),
          response: { 201: embargo },
        },
      },
      async (request, reply) => {
        await proposeTerms(ctx.db, request.actor, request.params.id, request.body, ctx.config.embargo)
        reply.code(201)
        return view(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/embargo/proposals/:proposalId/answer',
      {
        config: negotiate,
        schema: {
          tags: ['embargo'],
          summary:
            "Agree to or decline the proposal on the table in your party's name; the coordinator's agreement (or everyone's) puts it in force",
          params: proposalParams,
          body: z.strictObject({ answer: z.enum(['accept', 'decline']), participantId: z.string().optional() }),
          response: { 200: embargo },
        },
      },
      async (request) => {
        await answerProposal(ctx.db, request.actor, request.params.id, request.params.proposalId, request.body)
        return view(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/embargo/proposals/:proposalId/reject',
      {
        config: update,
        schema: {
          tags: ['embargo'],
          summary: 'Reject the proposal (or revision) on the table',
          params: proposalParams,
          body: z.strictObject({ reason: z.string().max(2000).optional() }),
          response: { 200: embargo },
        },
      },
      async (request) => {
        await rejectProposal(ctx.db, request.actor, request.params.id, request.params.proposalId, request.body.reason)
        return view(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/embargo/proposals/:proposalId/withdraw',
      {
        config: negotiate,
        schema: {
          tags: ['embargo'],
          summary: "Withdraw your party's own proposal (staff: any)",
          params: proposalParams,
          body: z.strictObject({ participantId: z.string().optional() }).optional(),
          response: { 200: embargo },
        },
      },
      async (request) => {
        await withdrawProposal(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.proposalId,
          request.body?.participantId,
        )
        return view(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/embargo/terminate',
      {
        config: update,
        schema: {
          tags: ['embargo'],
          summary: 'End the embargo before its term, with a reason',
          params: s.idParams,
          body: z.strictObject({ reason: z.string().max(2000) }),
          response: { 200: embargo },
        },
      },
      async (request) => {
        await terminateEmbargo(ctx.db, request.actor, request.params.id, request.body.reason)
        return view(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/embargo/public',
      {
        config: negotiate,
        schema: {
          tags: ['embargo'],
          summary: 'Report that the case is public now, with a reference: the embargo ends at once',
          params: s.idParams,
          body: z.strictObject({ reference: z.url().max(2000), participantId: z.string().optional() }),
          response: { 200: embargo },
        },
      },
      async (request) => {
        await reportCasePublic(ctx.db, request.actor, request.params.id, request.body, ctx.config.embargo)
        return view(request.params.id, request.actor)
      },
    )
  }
