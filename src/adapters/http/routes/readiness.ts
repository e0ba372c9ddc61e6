// A case's release readiness for its coordinators: the checklist of what the advisory would leave
// out if released now (statements not approved, silent vendors, missing CVE IDs or scores, an
// unreviewed draft, owners matched), and leaving an item out on purpose with a reason.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { leaveOut, readReadiness, type Readiness } from '../../../commands/release/readiness.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const item = z.object({
  key: z.string().describe('Names the item when leaving it out'),
  kind: z.enum(['statement', 'vendor', 'cve', 'score', 'draft']),
  what: z.string(),
  todo: z.string().describe('What to do about it'),
  vendor: z.string().nullable(),
  statementId: s.id.nullable().describe('The statement to approve'),
  status: z.string().nullable(),
  givenAt: s.timestamp.nullable(),
  givenAfterReview: z.boolean().describe('Given after the draft was last reviewed (or no one reviewed it yet)'),
  publishedInstead: z.string().nullable().describe('The status of an older approved statement shown until then'),
  vulnerability: z.string().nullable(),
  leftOut: z.object({ reason: z.string(), by: z.string(), at: s.timestamp }).nullable(),
})
const readiness = z.object({
  endsAt: s.timestamp.nullable().describe("The embargo's end, when one is in force"),
  released: z.boolean(),
  draftVersion: z.number().nullable(),
  lastReview: z.object({ version: z.number(), by: z.string(), at: s.timestamp }).nullable(),
  items: z.array(item),
  open: z.number().describe('Items neither approved nor left out'),
  owners: z.object({ organizations: z.number(), assets: z.number() }),
  fromPeers: z
    .array(
      z.object({
        via: z.object({ name: z.string(), url: z.string() }).describe('The peer coordinator that approved it'),
        vendor: z.string(),
        vulnerability: z.string(),
        status: z.string(),
        approvedAt: s.timestamp,
        receivedAt: s.timestamp,
        leftOut: z.string().nullable().describe('Why the advisory would not carry it (null: it would)'),
      }),
    )
    .describe("The peers' vendors' approved statements the advisory would carry now"),
})

const iso = (d: Date) => d.toISOString()
const present = (r: Readiness): z.infer<typeof readiness> => ({
  endsAt: r.endsAt ? iso(r.endsAt) : null,
  released: r.released,
  draftVersion: r.draftVersion,
  lastReview: r.lastReview ? { ...r.lastReview, at: iso(r.lastReview.at) } : null,
  items: r.items.map((i) => ({
    ...i,
    givenAt: i.givenAt ? iso(i.givenAt) : null,
    leftOut: i.leftOut ? { ...i.leftOut, at: iso(i.leftOut.at) } : null,
  })),
  open: r.open,
  owners: r.owners,
  fromPeers: r.fromPeers.map((p) => ({ ...p, approvedAt: iso(p.approvedAt), receivedAt: iso(p.receivedAt) })),
})

export const readinessRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cases/:id/release-readiness',
      {
        config: { access: { policy: { resource: 'advisory', action: 'read_readiness' } } },
        schema: {
          tags: ['advisories'],
          summary: "The coordinators' checklist before the release: what the advisory would leave out now",
          params: s.idParams,
          response: { 200: readiness },
        },
      },
      async (request) => present(await readReadiness(ctx.db, request.actor, request.params.id)),
    )

    app.post(
      '/cases/:id/release-readiness/leave-outs',
      {
        config: { access: { policy: { resource: 'advisory', action: 'leave_out' } } },
        schema: {
          tags: ['advisories'],
          summary: 'Leave a checklist item out of the release on purpose, with the reason (kept in the ledger)',
          params: s.idParams,
          body: z.strictObject({ item: z.string().max(200), reason: z.string().max(2000) }),
          response: { 201: readiness },
        },
      },
      async (request, reply) => {
        const r = await leaveOut(ctx.db, request.actor, request.params.id, request.body)
        reply.code(201)
        return present(r)
      },
    )
  }
