// Cases: open one from reports (staff), list the cases you take part in, read one with its
// participants and vulnerabilities, and (staff) its ledger. A case you do not take part in
// answers 404, exactly as one that does not exist.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Actor } from '../../../domain/actor.js'
import { abilities, type Resources } from '../../../domain/policy/index.js'
import { rmEvents, rmStateLabels, rmStates } from '../../../domain/reportManagement.js'
import { allVendorEvents, csVector } from '../../../domain/caseStatus.js'
import { tlpLabels } from '../../../domain/tlp.js'
import { openCase } from '../../../commands/cases/openCase.js'
import { addReportToCase } from '../../../commands/cases/addReport.js'
import type { listParticipants } from '../../../store/cases.js'
import {
  caseLedger,
  caseLedgerPage,
  listCases,
  pageParticipants,
  viewCase,
  type CaseView,
} from '../../../commands/cases/viewCase.js'
import type { HttpContext } from '../context.js'
import { presentVulnerability, vulnerability } from './caseEditing.js'
import { changesSinceLastVisit, visitCase } from '../../../commands/cases/changes.js'
import * as s from '../schemas.js'
import { participantMoves } from '../presenters.js'

// A case may have a thousand vendors: the case answers with the first page of them.
const FIRST_PAGE = 50

const tlp = z.enum(tlpLabels)
const caseAbilities = z.object({
  read: z.boolean(),
  update: z.boolean(),
  read_ledger: z.boolean(),
  read_ledger_heads: z.boolean(),
  offer_to_peer: z.boolean().describe('Offer the case to another coordinator’s instance'),
})
const caseEvents = z.object({
  publicAware: s.timestamp.nullable(),
  exploitPublic: s.timestamp.nullable(),
  attacksObserved: s.timestamp.nullable(),
})

const caseSummary = z.object({
  id: s.id,
  caseNumber: z.string(),
  title: z.string(),
  tlp,
  createdAt: s.timestamp,
  abilities: caseAbilities,
})
const participant = z.object({
  id: s.id,
  name: z.string(),
  kind: z.enum(['organization', 'person']),
  organizationId: s.id.nullable().describe('The participating organization (null for a person)'),
  userId: s.id.nullable().describe('The participating person (null for an organization)'),
  roles: z.array(z.string()),
  rmState: z.enum(rmStates),
  rmStateLabel: z.string(),
  status: z.string().describe('The CS vector: V F D for this vendor, P X A for the case; upper case once it happened'),
  rmMoves: z
    .array(z.object({ event: z.enum(rmEvents), to: z.enum(rmStates) }))
    .describe('The report-management moves you may make on this participant now, each with the state it leads to'),
  nextVendorEvent: z
    .enum(allVendorEvents)
    .nullable()
    .describe('The vendor event you may record for this participant next, if any'),
})

const caseDetail = caseSummary.extend({
  summary: z.string(),
  participantCount: z.number(),
  caseEvents,
  reports: z.array(z.object({ id: s.id, trackingId: z.string(), title: z.string() })),
  vulnerabilities: z.array(vulnerability),
  previousVisitAt: s.timestamp
    .nullable()
    .describe('When your previous visit to this case ended; GET /cases/:id/changes lists what happened since'),
  participants: z
    .array(participant)
    .describe(`The first ${FIRST_PAGE}; page through the rest with GET /cases/:id/participants`),
})
const ledgerEntry = z.object({
  sequence: z.number(),
  instant: z.string(),
  actor: z.string(),
  kind: z.string(),
  payload: z.unknown(),
  hash: z.string(),
})

const iso = (d: Date | null) => d?.toISOString() ?? null

type ParticipantRowWithNames = Awaited<ReturnType<typeof listParticipants>>[number]
function presentParticipant(
  actor: Actor,
  resource: Resources['case'],
  x: ParticipantRowWithNames,
  events: { publicAware: Date | null; exploitPublic: Date | null; attacksObserved: Date | null },
): z.infer<typeof participant> {
  return {
    id: x.id,
    name: x.organization_name ?? x.user_name ?? 'Unknown',
    kind: x.organization_id ? 'organization' : 'person',
    organizationId: x.organization_id,
    userId: x.user_id,
    roles: x.roles,
    rmState: x.rm_state,
    rmStateLabel: rmStateLabels[x.rm_state],
    status: csVector(
      { vendorAware: x.vendor_aware_at, fixReady: x.fix_ready_at, fixDeployed: x.fix_deployed_at },
      events,
    ),
    ...participantMoves(actor, resource, x),
  }
}

export const caseRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    function detail(actor: Actor, view: CaseView): z.infer<typeof caseDetail> {
      const { row, resource, participants, participantCount, vulnerabilities, reports, previousVisitAt } = view
      const events = {
        publicAware: row.public_aware_at,
        exploitPublic: row.exploit_public_at,
        attacksObserved: row.attacks_observed_at,
      }
      return {
        id: row.id,
        caseNumber: row.case_number,
        title: row.title,
        tlp: row.tlp,
        createdAt: row.created_at.toISOString(),
        abilities: abilities(actor, resource),
        summary: row.summary,
        participantCount,
        caseEvents: {
          publicAware: iso(events.publicAware),
          exploitPublic: iso(events.exploitPublic),
          attacksObserved: iso(events.attacksObserved),
        },
        reports: reports.map((r) => ({ id: r.id, trackingId: r.tracking_id, title: r.title })),
        vulnerabilities: vulnerabilities.map(presentVulnerability),
        previousVisitAt: previousVisitAt?.toISOString() ?? null,
        participants: participants.map((x) => presentParticipant(actor, resource, x, events)),
      }
    }

    app.post(
      '/cases',
      {
        config: { access: { policy: { resource: 'instance', action: 'open_case' } } },
        schema: {
          tags: ['cases'],
          summary: 'Open a case from one or more valid reports (duplicates merge into one case)',
          body: z.strictObject({
            reportIds: z.array(s.id).min(1, 'must name at least one report').max(50),
            title: z.string().trim().min(1).max(300),
            summary: z.string().max(20_000).optional(),
            tlp: tlp.optional(),
          }),
          response: { 201: caseDetail },
        },
      },
      async (request, reply) => {
        const row = await openCase({ db: ctx.db, actor: request.actor, ...request.body })
        return reply.code(201).send(detail(request.actor, await viewCase(ctx.db, request.actor, row.id, FIRST_PAGE)))
      },
    )

    app.get(
      '/cases',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['cases'],
          summary: 'The cases you take part in (all of them for staff)',
          response: { 200: z.array(caseSummary) },
        },
      },
      async (request) => {
        return (await listCases(ctx.db, request.actor)).map(({ row, resource }) => ({
          id: row.id,
          caseNumber: row.case_number,
          title: row.title,
          tlp: row.tlp,
          createdAt: row.created_at.toISOString(),
          abilities: abilities(request.actor, resource),
        }))
      },
    )

    app.get(
      '/cases/:id',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary: 'One case, by id or LS number',
          params: s.idParams,
          response: { 200: caseDetail },
        },
      },
      async (request) => detail(request.actor, await viewCase(ctx.db, request.actor, request.params.id, FIRST_PAGE)),
    )

    app.post(
      '/cases/:id/visit',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary:
            'Record a visit to the case (the case page does, once, when it opens): what changed is then counted from the next one',
          params: s.idParams,
          response: {
            200: z.object({
              previousVisitAt: s.timestamp.nullable().describe('When your previous visit ended; null on a first visit'),
            }),
          },
        },
      },
      async (request) => {
        const previous = await visitCase(ctx.db, request.actor, request.params.id)
        return { previousVisitAt: previous?.toISOString() ?? null }
      },
    )

    app.post(
      '/cases/:id/reports',
      {
        config: { access: { policy: { resource: 'case', action: 'update' } } },
        schema: {
          tags: ['cases'],
          summary: 'Merge a duplicate: add a valid report to the case',
          params: s.idParams,
          body: z.strictObject({ reportId: s.id }),
          response: { 200: caseDetail },
        },
      },
      async (request) => {
        await addReportToCase(ctx.db, request.actor, request.params.id, request.body.reportId)
        return detail(request.actor, await viewCase(ctx.db, request.actor, request.params.id, FIRST_PAGE))
      },
    )

    app.get(
      '/cases/:id/participants',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary: "A page of the case's participants, optionally of one role",
          params: s.idParams,
          querystring: s.page
            .extend({
              role: z.enum(['finder', 'reporter', 'vendor', 'coordinator', 'deployer', 'observer']).optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(participant), total: z.number() }) },
        },
      },
      async (request) => {
        const { row, resource, items, total } = await pageParticipants(
          ctx.db,
          request.actor,
          request.params.id,
          request.query,
        )
        const events = {
          publicAware: row.public_aware_at,
          exploitPublic: row.exploit_public_at,
          attacksObserved: row.attacks_observed_at,
        }
        return { items: items.map((x) => presentParticipant(request.actor, resource, x, events)), total }
      },
    )

    app.get(
      '/cases/:id/changes',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary:
            'What changed since your previous visit: each change in words, and new messages per thread you may read',
          params: s.idParams,
          response: {
            200: z.object({
              since: s.timestamp.nullable().describe('The end of your previous visit; null on a first visit'),
              items: z
                .array(z.object({ at: s.timestamp, actor: z.string(), kind: z.string(), text: z.string() }))
                .describe('Newest first'),
              more: z.boolean().describe('More changes than listed'),
              threads: z.array(z.object({ key: z.string(), title: z.string(), newMessages: z.number() })),
            }),
          },
        },
      },
      async (request) => {
        const changes = await changesSinceLastVisit(ctx.db, request.actor, request.params.id)
        return { ...changes, since: changes.since?.toISOString() ?? null }
      },
    )

    app.get(
      '/cases/:id/ledger',
      {
        config: { access: { policy: { resource: 'case', action: 'read_ledger' } } },
        schema: {
          tags: ['cases'],
          summary:
            "The case's hash-chained ledger, with the result of checking it. With limit (and before), one page: the newest entries before that sequence, checked from the instance's signed heads instead of from the first entry",
          params: s.idParams,
          querystring: z.strictObject({
            limit: z.coerce
              .number()
              .int()
              .min(1)
              .max(500)
              .optional()
              .describe('Entries per page; without it, all of them'),
            before: z.coerce
              .number()
              .int()
              .min(1)
              .optional()
              .describe("Entries before this sequence (the previous page's nextBefore); the newest without it"),
          }),
          response: {
            200: z.object({
              intact: z.boolean(),
              brokenAt: z.number().nullable().describe('The first bad entry'),
              problem: z.string().nullable(),
              entries: z.array(ledgerEntry).describe('Oldest first'),
              total: z.number().describe('Entries in the whole ledger'),
              nextBefore: z
                .number()
                .nullable()
                .describe('Ask before= this for the older page; null at the first entry'),
              checked: z
                .enum(['chain', 'signed heads'])
                .describe('The whole chain was recomputed, or this page against the signed head it ends at'),
            }),
          },
        },
      },
      async (request) => {
        const { limit, before } = request.query
        const paged = limit !== undefined || before !== undefined
        const read = paged
          ? await caseLedgerPage(ctx.db, request.actor, request.params.id, { limit: limit ?? 100, before })
          : await caseLedger(ctx.db, request.actor, request.params.id).then(({ entries, verdict }) => ({
              entries,
              total: entries.length,
              nextBefore: null,
              verdict: verdict.ok ? ({ ok: true } as const) : verdict,
            }))
        const { entries, verdict } = read
        return {
          intact: verdict.ok,
          brokenAt: verdict.ok ? null : verdict.sequence,
          problem: verdict.ok ? null : `entry ${verdict.sequence}: ${verdict.reason}`,
          total: read.total,
          nextBefore: read.nextBefore,
          checked: paged ? ('signed heads' as const) : ('chain' as const),
          entries: entries.map((e) => ({
            sequence: e.sequence,
            instant: e.instant,
            actor: e.actor.displayName,
            kind: e.kind,
            payload: e.payload,
            hash: e.hash,
          })),
        }
      },
    )
  }
