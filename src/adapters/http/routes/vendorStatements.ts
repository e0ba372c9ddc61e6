// Vendors' statements in VEX terms: listed as the viewer may see them, given per vulnerability by
// a vendor (or for it by the coordinators), and approved for the advisory.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { approveStatement, listStatements, postStatement } from '../../../commands/vendors/statements.js'
import { vexJustifications, vexStatuses } from '../../../domain/vex.js'
import type { VexJustification } from '../../../domain/vex.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const statement = z.object({
  id: s.id,
  vulnerabilityId: s.id,
  vulnerability: z.string(),
  participantId: s.id,
  participant: z.string(),
  status: z.enum(vexStatuses),
  justification: z.enum(vexJustifications).nullable(),
  fixedVersions: z.array(z.string()),
  remediation: z.string().nullable(),
  references: z.array(z.string()),
  shareable: z.boolean().describe('The vendor lets other participants see it before release'),
  approved: z.boolean().describe('Approved by the coordinator for publication'),
  at: s.timestamp,
})
type StatementRow = {
  id: string
  vulnerability_id: string
  vulnerability_title: string
  participant_id: string
  participant_name: string | null
  status: (typeof vexStatuses)[number]
  justification: string | null
  fixed_versions: string[]
  remediation: string | null
  references: string[]
  shareable: boolean
  approved_at: Date | null
  created_at: Date
}
const presentStatement = (r: StatementRow): z.infer<typeof statement> => ({
  id: r.id,
  vulnerabilityId: r.vulnerability_id,
  vulnerability: r.vulnerability_title,
  participantId: r.participant_id,
  participant: r.participant_name ?? 'Participant',
  status: r.status,
  // Only ever stored after validateStatement accepted it as one of the five.
  justification: r.justification as VexJustification | null,
  fixedVersions: r.fixed_versions,
  remediation: r.remediation,
  references: r.references,
  shareable: r.shareable,
  approved: r.approved_at !== null,
  at: r.created_at.toISOString(),
})

export const vendorStatementRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const update = { access: { policy: { resource: 'case', action: 'update' } } } as const
    app.get(
      '/cases/:id/statements',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['vendors'],
          summary:
            "Vendors' statements you may read: your own, and the others' that their vendor shares or the coordinator approved",
          params: s.idParams,
          response: { 200: z.array(statement) },
        },
      },
      async (request) => {
        return (await listStatements(ctx.db, request.actor, request.params.id)).map((r) =>
          presentStatement(r as StatementRow),
        )
      },
    )

    app.post(
      '/cases/:id/vulnerabilities/:vulnerabilityId/statements',
      {
        config: { access: { policy: { resource: 'participant', action: 'state_position' } } },
        schema: {
          tags: ['vendors'],
          summary:
            "State your organization's position on a vulnerability in VEX terms (staff: on a vendor's behalf, naming participantId)",
          params: z.strictObject({ id: z.string(), vulnerabilityId: z.string() }),
          body: z.strictObject({
            participantId: z.string().optional(),
            status: z.enum(vexStatuses),
            justification: z.enum(vexJustifications).nullable().optional(),
            fixedVersions: z.array(z.string().max(200)).max(100).optional(),
            remediation: z.string().max(20_000).nullable().optional(),
            references: z.array(z.string().max(2000)).max(50).optional(),
            shareable: z.boolean().optional(),
          }),
          response: { 201: statement },
        },
      },
      async (request, reply) => {
        const posted = await postStatement(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.vulnerabilityId,
          request.body,
        )
        return reply.code(201).send(presentStatement(posted as unknown as StatementRow))
      },
    )

    app.post(
      '/cases/:id/statements/:statementId/approve',
      {
        config: update,
        schema: {
          tags: ['vendors'],
          summary: "Approve a vendor's statement for publication",
          params: z.strictObject({ id: z.string(), statementId: z.string() }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await approveStatement(ctx.db, request.actor, request.params.id, request.params.statementId)
        return reply.code(204).send(null)
      },
    )
  }
