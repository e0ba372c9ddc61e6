// Editing a case (staff): its vulnerabilities (title, description, CWE, CVSS, affected products
// as purl plus a vers range, the SSVC decision, since when it is exploited) and who takes part
// with which roles. Every change is in the ledger.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { addVulnerability, removeVulnerability, updateVulnerability } from '../../../commands/cases/vulnerabilities.js'
import { addParticipant, changeRoles, removeParticipant } from '../../../commands/cases/participants.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'
import { parseProductPattern } from '../../../domain/productPatterns.js'
import { presentSsvc, ssvc } from './triage.js'

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)
const roles = z
  .array(z.enum(['finder', 'reporter', 'vendor', 'coordinator', 'deployer', 'observer']))
  .min(1, 'must give at least one role')
  .max(6)
  .refine((r) => new Set(r).size === r.length, 'names a role twice')

// A product's CPE name (2.3 or 2.2 form), kept in its canonical CPE 2.3 form: the CSAF product
// tree carries it as the product's identification helper.
const productCpe = z
  .string()
  .trim()
  .max(500)
  .transform((value, check) => {
    const read = parseProductPattern(value)
    if (read.ok && read.pattern.kind === 'cpe' && read.pattern.product !== '*') return read.pattern.canonical
    check.addIssue({
      code: 'custom',
      message: read.ok ? 'is not the CPE name of one product (for example cpe:2.3:a:sendmail:sendmail)' : read.reason,
    })
    return z.NEVER
  })

export const affectedProduct = z.strictObject({
  vendor: text(200).min(1, 'must not be empty'),
  product: text(200).min(1, 'must not be empty'),
  purl: s.purl.nullable().default(null),
  cpe: productCpe
    .nullable()
    .optional()
    .describe('The product as a CPE name without version, e.g. cpe:2.3:a:sendmail:sendmail (stored in CPE 2.3 form)'),
  versions: text(500).nullable().default(null).describe('The affected versions in words, as the vendor would say them'),
  range: text(1000)
    .nullable()
    .default(null)
    .describe('The affected versions as a vers range, e.g. vers:generic/>=8.12.0|<8.12.8'),
})

const vulnerabilityFields = {
  title: text(300).min(1, 'must not be empty'),
  description: text(100_000),
  cwe: z.string().trim().max(20).nullable(),
  cvssVector: z.string().trim().max(300).nullable().describe('CVSS 3.1 or 4.0; the score is computed'),
  affected: z.array(affectedProduct).max(500),
  ssvc: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("SSVC coordinator triage's inputs (as for a report's triage); the decision is computed"),
  exploitedSince: z
    .string()
    .trim()
    .max(10)
    .nullable()
    .describe('The day exploitation is first known to have happened (2026-11-30), or null'),
}

export const vulnerability = z.object({
  id: s.id,
  title: z.string(),
  description: z.string(),
  cwe: z.string().nullable(),
  cvssVector: z.string().nullable(),
  cvssScore: z.number().nullable(),
  cveId: z.string().nullable(),
  affected: z.array(
    z.object({
      vendor: z.string(),
      product: z.string(),
      purl: z.string().nullable(),
      cpe: z.string().nullable(),
      versions: z.string().nullable(),
      range: z.string().nullable(),
    }),
  ),
  ssvc,
  ssvcAt: s.timestamp.nullable().describe('When the SSVC decision was made'),
  exploitedSince: z.string().nullable().describe('The day exploitation is first known to have happened'),
})

type VulnerabilityRow = Awaited<ReturnType<typeof addVulnerability>>
export function presentVulnerability(v: VulnerabilityRow): z.infer<typeof vulnerability> {
  return {
    id: v.id,
    title: v.title,
    description: v.description,
    cwe: v.cwe,
    cvssVector: v.cvss_vector,
    cvssScore: v.cvss_score === null ? null : Number(v.cvss_score),
    cveId: v.cve_id,
    affected: v.affected.map((a) => ({
      vendor: a.vendor,
      product: a.product,
      purl: a.purl,
      cpe: a.cpe ?? null,
      versions: a.versions,
      range: a.range ?? null,
    })),
    ssvc: presentSsvc(v.ssvc),
    ssvcAt: v.ssvc?.at ?? null,
    exploitedSince: v.exploited_since?.toISOString().slice(0, 10) ?? null,
  }
}

const vulnerabilityParams = z.strictObject({ id: z.string(), vulnerabilityId: z.string() })
const participantParams = z.strictObject({ id: z.string(), participantId: z.string() })

export const caseEditingRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const update = { access: { policy: { resource: 'case', action: 'update' } } } as const

    app.post(
      '/cases/:id/vulnerabilities',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary: 'Add a vulnerability to the case',
          params: s.idParams,
          body: z.strictObject({
            ...vulnerabilityFields,
            description: vulnerabilityFields.description.default(''),
            cwe: vulnerabilityFields.cwe.default(null),
            cvssVector: vulnerabilityFields.cvssVector.default(null),
            affected: vulnerabilityFields.affected.default([]),
            ssvc: vulnerabilityFields.ssvc.default(null),
            exploitedSince: vulnerabilityFields.exploitedSince.default(null),
          }),
          response: { 201: vulnerability },
        },
      },
      async (request, reply) => {
        return reply
          .code(201)
          .send(presentVulnerability(await addVulnerability(ctx.db, request.actor, request.params.id, request.body)))
      },
    )

    app.patch(
      '/cases/:id/vulnerabilities/:vulnerabilityId',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary:
            'Edit a vulnerability: any of its fields; `affected` replaces the whole list (emptying it needs allowEmptyAffected: true, else 409)',
          params: vulnerabilityParams,
          body: z
            .strictObject({
              ...vulnerabilityFields,
              allowEmptyAffected: z
                .boolean()
                .describe('true to remove every affected product (an empty `affected` is refused otherwise)'),
            })
            .partial(),
          response: { 200: vulnerability },
        },
      },
      async (request) => {
        const { allowEmptyAffected, ...input } = request.body
        return presentVulnerability(
          await updateVulnerability(ctx.db, request.actor, request.params.id, request.params.vulnerabilityId, input, {
            allowEmptyAffected,
          }),
        )
      },
    )

    app.delete(
      '/cases/:id/vulnerabilities/:vulnerabilityId',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary: 'Remove a vulnerability (a case keeps at least one)',
          params: vulnerabilityParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeVulnerability(ctx.db, request.actor, request.params.id, request.params.vulnerabilityId)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/cases/:id/participants',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary: 'Add an organization or a single person to the case, with roles',
          params: s.idParams,
          body: z.union([
            z.strictObject({ organizationId: z.string(), roles }),
            z.strictObject({ userId: z.string(), roles }),
          ]),
          response: { 201: z.object({ id: s.id, roles: z.array(z.string()), rmState: z.string() }) },
        },
      },
      async (request, reply) => {
        const { roles: given, ...who } = request.body
        const added = await addParticipant(
          ctx.db,
          request.actor,
          request.params.id,
          who as { organizationId: string } | { userId: string },
          given,
        )
        return reply.code(201).send({ id: added.id, roles: added.roles, rmState: added.rm_state })
      },
    )

    app.put(
      '/cases/:id/participants/:participantId/roles',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary: "Change a participant's roles",
          params: participantParams,
          body: z.strictObject({ roles }),
          response: { 200: z.object({ id: s.id, roles: z.array(z.string()) }) },
        },
      },
      async (request) => {
        const changed = await changeRoles(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.participantId,
          request.body.roles,
        )
        return { id: changed.id, roles: changed.roles }
      },
    )

    app.delete(
      '/cases/:id/participants/:participantId',
      {
        config: update,
        schema: {
          tags: ['cases'],
          summary: 'Take a participant out of the case (its history stays; it no longer sees the case)',
          params: participantParams,
          querystring: z.strictObject({ reason: z.string().trim().max(2000).optional() }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeParticipant(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.participantId,
          request.query.reason,
        )
        return reply.code(204).send(null)
      },
    )
  }
