// A case's vendors: finding the makers of its products, adding one the directory lacks, notifying
// them in one action, the coordinator's vendor table and charts, and the parties' suggestions of
// vendors (the directory itself: vendors.ts; statements: vendorStatements.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { proposeVendorsForCase } from '../../../commands/vendors/finding.js'
import { notifyVendors } from '../../../commands/vendors/notify.js'
import { addNewVendorToCase } from '../../../commands/vendors/newVendor.js'
import { decideSuggestion, listSuggestions, suggestVendor } from '../../../commands/vendors/suggestions.js'
import { vendorStateLabels } from '../../../domain/vendorTracking.js'
import { vendorStates } from '../../../store/vendorTable.js'
import { caseVendorCharts, caseVendorTable } from '../../../commands/vendors/tracking.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const iso = (d: Date | null) => d?.toISOString() ?? null

export const caseVendorRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const update = { access: { policy: { resource: 'case', action: 'update' } } } as const

    app.get(
      '/cases/:id/vendor-proposals',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary: "Vendors whose products match the case's affected products and who do not take part yet",
          params: s.idParams,
          response: {
            200: z.array(
              z.object({
                organizationId: s.id,
                name: z.string(),
                matched: z.array(z.object({ affected: z.string(), pattern: z.string() })),
                contacts: z.number(),
                hasKey: z.boolean(),
              }),
            ),
          },
        },
      },
      async (request) => {
        return proposeVendorsForCase(ctx.db, request.actor, request.params.id)
      },
    )

    app.post(
      '/cases/:id/vendors/new',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary:
            'A vendor missing from the directory: create it there (name, contact address, optional OpenPGP key) and add it to the case, not yet notified',
          params: s.idParams,
          body: z.strictObject({
            name: z.string().trim().min(1, 'must not be empty').max(200),
            email: s.email,
            key: z.string().max(200_000).nullable().optional(),
          }),
          response: {
            201: z.object({
              id: s.id,
              name: z.string(),
              participantId: s.id,
              contacts: z.number(),
              keys: z.number(),
            }),
          },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await addNewVendorToCase(ctx.db, request.actor, request.params.id, request.body)),
    )

    app.post(
      '/cases/:id/vendors/notify',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary:
            'Notify vendors of the case in one action (all or none: a vendor nobody can be written to refuses it, named)',
          params: s.idParams,
          body: z.strictObject({
            organizationIds: z.array(z.string()).min(1, 'must name at least one vendor').max(5000),
          }),
          response: {
            200: z.object({
              notified: z.array(
                z.object({
                  organizationId: s.id,
                  participantId: s.id,
                  name: z.string(),
                  recipients: z.number(),
                  again: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        return notifyVendors(ctx.db, request.actor, request.params.id, request.body.organizationIds)
      },
    )

    app.get(
      '/cases/:id/vendors',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary:
            "The case's vendors for the coordinator: paged, filtered by state or name, with the count in each state",
          params: s.idParams,
          querystring: s.page
            .extend({ state: z.enum(vendorStates).optional(), query: z.string().max(200).optional() })
            .strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  participantId: s.id,
                  organizationId: s.id.nullable(),
                  name: z.string(),
                  state: z.enum(vendorStates),
                  stateLabel: z.string(),
                  rmState: z.string(),
                  statuses: z.array(z.string()).describe('The VEX statuses of its newest statements'),
                  notifiedAt: s.timestamp.nullable(),
                  seenAt: s.timestamp.nullable(),
                  respondedAt: s.timestamp.nullable(),
                  statementAt: s.timestamp.nullable(),
                  remindedAt: s.timestamp.nullable(),
                  escalatedAt: s.timestamp.nullable(),
                  fixReadyAt: s.timestamp.nullable(),
                  fixDeployedAt: s.timestamp.nullable(),
                }),
              ),
              total: z.number(),
              // Each state named (not a record), so the document and the web's types list them all.
              counts: z.object(
                Object.fromEntries(vendorStates.map((state) => [state, z.number()])) as Record<
                  (typeof vendorStates)[number],
                  z.ZodNumber
                >,
              ),
            }),
          },
        },
      },
      async (request) => {
        const t = await caseVendorTable(ctx.db, request.actor, request.params.id, request.query)
        return {
          items: t.rows.map((r) => ({
            participantId: r.id,
            organizationId: r.organization_id,
            name: r.name,
            state: r.state,
            stateLabel: vendorStateLabels[r.state],
            rmState: r.rm_state,
            statuses: r.statuses ?? [],
            notifiedAt: iso(r.notified_at),
            seenAt: iso(r.seen_at),
            respondedAt: iso(r.responded_at),
            statementAt: iso(r.statement_at),
            remindedAt: iso(r.reminded_at),
            escalatedAt: iso(r.escalated_at),
            fixReadyAt: iso(r.fix_ready_at),
            fixDeployedAt: iso(r.fix_deployed_at),
          })),
          total: t.total,
          counts: t.counts,
        }
      },
    )

    app.get(
      '/cases/:id/vendors/charts',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary:
            "For the case's charts: vendors notified, seen, responded and with a statement by day (cumulative), and how long vendors took to respond",
          params: s.idParams,
          response: {
            200: z.object({
              byDay: z.array(
                z.object({
                  date: z.string(),
                  notified: z.number(),
                  seen: z.number(),
                  responded: z.number(),
                  statement: z.number(),
                }),
              ),
              responseTimes: z.object({
                buckets: z.array(z.object({ label: z.string(), count: z.number() })),
                noResponseYet: z.number(),
                medianHours: z.number().nullable(),
              }),
            }),
          },
        },
      },
      async (request) => {
        return caseVendorCharts(ctx.db, request.actor, request.params.id)
      },
    )

    const suggestion = z.object({
      id: s.id,
      name: z.string(),
      organizationId: s.id.nullable(),
      reason: z.string(),
      suggestedBy: z.string().nullable(),
      decision: z.enum(['added', 'declined']).nullable(),
      at: s.timestamp,
    })

    app.post(
      '/cases/:id/vendor-suggestions',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['vendors'],
          summary: 'Suggest another vendor for the case (vendors of the case and staff); the coordinator decides',
          params: s.idParams,
          body: z.strictObject({
            organizationId: z.string().optional(),
            name: z.string().trim().max(200).optional(),
            reason: z.string().max(5000).default(''),
          }),
          response: { 201: suggestion },
        },
      },
      async (request, reply) => {
        const created = await suggestVendor(ctx.db, request.actor, request.params.id, request.body)
        return reply.code(201).send({
          id: created.id,
          name: created.name,
          organizationId: created.organization_id,
          reason: created.reason,
          suggestedBy: null,
          decision: null,
          at: created.created_at.toISOString(),
        })
      },
    )

    app.get(
      '/cases/:id/vendor-suggestions',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary: 'Vendors suggested for the case, newest first',
          params: s.idParams,
          response: { 200: z.array(suggestion) },
        },
      },
      async (request) => {
        return (await listSuggestions(ctx.db, request.actor, request.params.id)).map((x) => ({
          id: x.id,
          name: x.name,
          organizationId: x.organization_id,
          reason: x.reason,
          suggestedBy: x.suggested_by ?? 'coordinator',
          decision: x.decision,
          at: x.created_at.toISOString(),
        }))
      },
    )

    app.post(
      '/cases/:id/vendor-suggestions/:suggestionId/decision',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary: 'Add the suggested vendor to the case, or decline the suggestion',
          params: z.strictObject({ id: z.string(), suggestionId: z.string() }),
          body: z.strictObject({ decision: z.enum(['added', 'declined']) }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await decideSuggestion(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.suggestionId,
          request.body.decision,
        )
        return reply.code(204).send(null)
      },
    )
  }
