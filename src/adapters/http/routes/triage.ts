// The triage queue and a report's detail for the coordinator staff (and for a signed-in reporter,
// their own report): assign, move through the RM states, score.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Actor } from '../../../domain/actor.js'
import { abilities } from '../../../domain/policy/index.js'
import { allowedEvents, rmEvents, rmStateLabels } from '../../../domain/reportManagement.js'
import { severityOf } from '../../../domain/cvss.js'
import { explainTriage, validateTriageInputs } from '../../../domain/ssvc.js'
import {
  assignReport,
  listReportsForTriage,
  loadReport,
  reportHistory,
  reportResource,
  scoreReport,
  similarReports,
  transitionReport,
} from '../../../commands/reports/triage.js'
import type { ReportRow } from '../../../store/schema.js'
import { findCase } from '../../../store/cases.js'
import {
  listReportMessages,
  postCoordinatorMessage,
  lastReadOfReport,
  unreadFromReporters,
} from '../../../commands/reports/messages.js'
import { listReportAttachments } from '../../../store/attachments.js'
import { presentAttachment } from './attachments.js'
import type { HttpContext } from '../context.js'
import { conversationReader, markReportReadFor } from '../../../commands/reports/reading.js'
import * as s from '../schemas.js'
import { presentReportMessage } from '../presenters.js'

const reportState = z.enum(['received', 'invalid', 'valid', 'accepted', 'deferred', 'closed'])
const rmEvent = z.enum(
  rmEvents.filter((e) => e !== 'receive') as ['validate', 'invalidate', 'accept', 'defer', 'close'],
)
const creditPreference = z.enum(['name', 'organization', 'anonymous', 'none'])
const reportAbilities = z.object({ read: z.boolean(), triage: z.boolean(), send_to_peer: z.boolean() })

const cvss = z.object({ vector: z.string(), score: z.number(), severity: z.string() }).nullable()
export const ssvc = z
  .object({
    outcome: z.string(),
    inputs: z.record(z.string(), z.string()),
    version: z.string(),
    path: z
      .array(
        z.object({
          point: z.string(),
          value: z.string(),
          otherwise: z.array(z.object({ value: z.string(), outcome: z.string() })),
        }),
      )
      .describe(
        'Each decision point in order with the value chosen, and the single changes that would have decided otherwise',
      ),
  })
  .nullable()

/** The stored decision with the path the table took through it, for the page to explain. */
export function presentSsvc(stored: unknown): z.infer<typeof ssvc> {
  const decision = stored as Omit<NonNullable<z.infer<typeof ssvc>>, 'path'> | null
  if (!decision) return null
  const check = validateTriageInputs(decision.inputs)
  return { ...decision, path: check.ok ? explainTriage(check.inputs) : [] }
}

const reportSummary = z.object({
  id: s.id,
  trackingId: z.string(),
  title: z.string(),
  state: reportState,
  stateLabel: z.string(),
  assignedTo: s.id.nullable(),
  cvss,
  ssvcOutcome: z.string().nullable(),
  submittedAt: s.timestamp,
  unreadMessages: z.number().describe("The reporter's messages you have not read yet"),
  abilities: reportAbilities,
})

const reportDetail = reportSummary.extend({
  allowedEvents: z.array(rmEvent).describe('The RM transitions possible from the current state'),
  anonymous: z.boolean(),
  reporter: z
    .object({
      name: z.string().nullable(),
      organization: z.string().nullable(),
      email: z.string().nullable(),
      pgpKey: z.string().nullable(),
    })
    .nullable(),
  affected: z.array(
    z.object({ vendor: z.string(), product: z.string(), versions: z.string().nullable(), purl: z.string().nullable() }),
  ),
  description: z.string(),
  impact: z.string().nullable(),
  reproduction: z.string().nullable(),
  publicAlready: z.boolean(),
  publicReferences: z.array(z.string()),
  exploitedAlready: z.boolean(),
  exploitedReferences: z.array(z.string()),
  vendorContact: z
    .object({
      contacted: z.boolean(),
      how: z.string().nullable(),
      when: z.string().nullable(),
      answer: z.string().nullable(),
    })
    .nullable(),
  disclosurePlans: z.string().nullable(),
  disclosureDeadline: z.string().nullable(),
  credit: z.object({ preference: creditPreference, text: z.string().nullable() }),
  cwe: z.string().nullable(),
  ssvc,
  history: z.array(z.object({ at: s.timestamp, kind: z.string(), actor: z.string().nullable(), payload: z.unknown() })),
  messages: z.array(s.reportMessage),
  attachments: z.array(s.attachment),
  case: z
    .object({ id: s.id, caseNumber: z.string() })
    .nullable()
    .describe('The case the report went into, if any (null for callers who cannot see it)'),
})

function cvssOf(r: ReportRow) {
  if (!r.cvss_vector || r.cvss_score === null) return null
  const score = Number(r.cvss_score)
  return { vector: r.cvss_vector, score, severity: severityOf(score) }
}

function summary(actor: Actor, r: ReportRow, unreadMessages = 0): z.infer<typeof reportSummary> {
  const decision = r.ssvc as { outcome: string } | null
  return {
    id: r.id,
    trackingId: r.tracking_id,
    title: r.title,
    state: r.state,
    stateLabel: rmStateLabels[r.state],
    assignedTo: r.assigned_to,
    cvss: cvssOf(r),
    ssvcOutcome: decision?.outcome ?? null,
    submittedAt: r.created_at.toISOString(),
    unreadMessages,
    abilities: abilities(actor, reportResource(r)),
  }
}

export const triageRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    async function detail(actor: Actor, r: ReportRow): Promise<z.infer<typeof reportDetail>> {
      const base = summary(actor, r)
      const reader = conversationReader(actor, r)
      const [history, messages, attachments, lastReadAt, inCase] = await Promise.all([
        base.abilities.triage ? reportHistory(ctx.db, r.id) : [],
        listReportMessages(ctx.db, r.id),
        listReportAttachments(ctx.db, r.id),
        lastReadOfReport(ctx.db, r.id, reader),
        r.case_id && base.abilities.triage ? findCase(ctx.db, r.case_id) : undefined,
      ])
      return {
        ...base,
        allowedEvents: base.abilities.triage ? allowedEvents(r.state).filter((e) => e !== 'receive') : [],
        anonymous: r.anonymous,
        reporter: r.anonymous
          ? null
          : {
              name: r.reporter_name,
              organization: r.reporter_organization,
              email: r.reporter_email,
              pgpKey: r.reporter_pgp_key,
            },
        affected: r.affected,
        description: r.description,
        impact: r.impact,
        reproduction: r.reproduction,
        publicAlready: r.public_already,
        publicReferences: r.public_references,
        exploitedAlready: r.exploited_already,
        exploitedReferences: r.exploited_references,
        vendorContact: r.vendor_contact,
        disclosurePlans: r.disclosure_plans,
        disclosureDeadline: r.disclosure_deadline,
        credit: r.credit,
        cwe: r.cwe,
        ssvc: presentSsvc(r.ssvc),
        history: history.map((h) => ({
          at: h.at.toISOString(),
          kind: h.kind,
          actor: h.actor_name,
          payload: h.payload,
        })),
        messages: messages.map((m) => presentReportMessage(m, { side: reader.side, lastReadAt })),
        attachments: attachments.map(presentAttachment),
        case: inCase ? { id: inCase.id, caseNumber: inCase.case_number } : null,
      }
    }

    app.get(
      '/reports',
      {
        config: { access: { policy: { resource: 'instance', action: 'list_reports' } } },
        schema: {
          tags: ['reports'],
          summary: 'The triage queue (staff)',
          querystring: s.page
            .extend({
              view: z.enum(['new', 'mine', 'unassigned', 'all']).default('all'),
              state: reportState.optional(),
              sort: z.enum(['oldest', 'newest', 'score']).default('oldest'),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(reportSummary), total: z.number() }) },
        },
      },
      async (request) => {
        const { rows, total } = await listReportsForTriage(ctx.db, request.actor, request.query)
        const unread = await unreadFromReporters(
          ctx.db,
          request.user!.id,
          rows.map((r) => r.id),
        )
        return { items: rows.map((r) => summary(request.actor, r, unread.get(r.id) ?? 0)), total }
      },
    )

    app.get(
      '/reports/:id',
      {
        config: { access: { policy: { resource: 'report', action: 'read' } } },
        schema: { tags: ['reports'], summary: 'One report', params: s.idParams, response: { 200: reportDetail } },
      },
      async (request) => detail(request.actor, await loadReport(ctx.db, request.actor, request.params.id, 'read')),
    )

    app.post(
      '/reports/:id/read',
      {
        config: { access: { policy: { resource: 'report', action: 'read' } } },
        schema: {
          tags: ['reports'],
          summary: "Say you have read the report's conversation (its page calls this once it has shown the messages)",
          params: s.idParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await markReportReadFor(ctx.db, request.actor, request.params.id)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/reports/:id/transitions',
      {
        config: { access: { policy: { resource: 'report', action: 'triage' } } },
        schema: {
          tags: ['reports'],
          summary: 'Move a report through report management: validate, invalidate, accept, defer, close',
          params: s.idParams,
          body: z.strictObject({ event: rmEvent, reason: z.string().trim().max(5000).optional() }),
          response: { 200: reportDetail },
        },
      },
      async (request) =>
        detail(
          request.actor,
          await transitionReport(ctx.db, request.actor, request.params.id, request.body.event, request.body.reason),
        ),
    )

    app.put(
      '/reports/:id/assignee',
      {
        config: { access: { policy: { resource: 'report', action: 'triage' } } },
        schema: {
          tags: ['reports'],
          summary: 'Assign a report to a coordinator (or null)',
          params: s.idParams,
          body: z.strictObject({ userId: s.id.nullable() }),
          response: { 200: reportDetail },
        },
      },
      async (request) =>
        detail(request.actor, await assignReport(ctx.db, request.actor, request.params.id, request.body.userId)),
    )

    app.post(
      '/reports/:id/messages',
      {
        config: { access: { policy: { resource: 'report', action: 'triage' } } },
        schema: {
          tags: ['reports'],
          summary: 'Write to the reporter (they read it through their follow-up link)',
          params: s.idParams,
          body: z.strictObject({
            body: z.string().trim().min(1, 'must not be empty').max(100_000),
            tlp: s.tlpLabel.default('AMBER'),
          }),
          response: { 201: reportDetail },
        },
      },
      async (request, reply) => {
        const report = await postCoordinatorMessage(
          ctx.db,
          request.actor,
          request.params.id,
          request.body.body,
          request.body.tlp,
        )
        return reply.code(201).send(await detail(request.actor, report))
      },
    )

    app.get(
      '/reports/:id/similar',
      {
        config: { access: { policy: { resource: 'report', action: 'triage' } } },
        schema: {
          tags: ['reports'],
          summary: 'Likely duplicates: open reports about the same product with similar text',
          params: s.idParams,
          response: {
            200: z.array(
              z.object({
                id: s.id,
                trackingId: z.string(),
                title: z.string(),
                state: reportState,
                caseNumber: z.string().nullable(),
                similarity: z.number(),
                sharedProducts: z.array(z.string()),
              }),
            ),
          },
        },
      },
      async (request) =>
        (await similarReports(ctx.db, request.actor, request.params.id)).map((r) => ({
          id: r.id,
          trackingId: r.tracking_id,
          title: r.title,
          state: r.state,
          caseNumber: r.case_number,
          similarity: Math.round(r.similarity * 100) / 100,
          sharedProducts: r.sharedProducts,
        })),
    )

    app.put(
      '/reports/:id/scores',
      {
        config: { access: { policy: { resource: 'report', action: 'triage' } } },
        schema: {
          tags: ['reports'],
          summary:
            'Set CVSS (3.1 or 4.0 vector), CWE and the SSVC coordinator-triage inputs; scores and the decision are computed',
          params: s.idParams,
          body: z.strictObject({
            cvss: z.string().max(300).nullable().optional(),
            cwe: z.string().max(20).nullable().optional(),
            ssvc: z.record(z.string(), z.unknown()).nullable().optional(),
          }),
          response: { 200: reportDetail },
        },
      },
      async (request) =>
        detail(request.actor, await scoreReport(ctx.db, request.actor, request.params.id, request.body)),
    )
  }
