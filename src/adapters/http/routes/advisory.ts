// A case's advisory before and at release: the draft (staff write it, the parties read and
// comment on it, versions compared line by line), CVE IDs for its vulnerabilities, and releasing
// it at once (the coordinator's decision, with a reason) rather than at the embargo's end; once
// released, withdrawing it or marking it superseded (its final revision).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { abilities } from '../../../domain/policy/index.js'
import { advisoryLinks, type AdvisorySnapshot } from '../../../domain/advisory/index.js'
import { validateCsafLazily as validateCsaf } from '../../../commands/release/csafCheck.js'
import { commentOnDraft, diffDraftVersions, readAdvisory, saveDraft } from '../../../commands/release/drafts.js'
import { assignCveId, loadCveBlocks } from '../../../commands/release/cveIds.js'
import { releaseCase, reviseAdvisory } from '../../../commands/release/release.js'
import { supersedeAdvisory, withdrawAdvisory } from '../../../commands/release/endOfLife.js'
import { cveServicesClientFromEnv } from '../../cveServices/config.js'
import { loadCaseFor } from '../../../commands/cases/caseAccess.js'
import type { HttpContext } from '../context.js'
import { embargoedCsafRoutes } from './embargoedCsaf.js'
import * as s from '../schemas.js'

const draft = z.strictObject({
  title: z.string().max(300),
  overview: z.string().max(20_000),
  description: z.string().max(100_000),
  impact: z.string().max(20_000),
  solution: z.string().max(20_000),
  references: z.array(z.strictObject({ url: z.string().max(2000), summary: z.string().max(500) })).max(100),
  credits: z.array(z.strictObject({ name: z.string().max(300), contribution: z.string().max(500).nullable() })).max(50),
})
const advisory = z.object({
  id: z.string().describe('The public ID, LSA-YYYY-NNNN'),
  state: z.enum(['draft', 'published']),
  draft,
  version: z.number(),
  versions: z.array(
    z.object({ version: z.number(), author: z.string(), note: z.string().nullable(), at: s.timestamp }),
  ),
  comments: z.array(z.object({ id: s.id, version: z.number(), author: z.string(), body: z.string(), at: s.timestamp })),
  releasedAt: s.timestamp.nullable(),
  links: z.object({ page: z.string(), csaf: z.string(), json: z.string() }).nullable().describe('Once released'),
  revision: z.number().describe('0 before the release, then 1, 2...'),
  ended: z
    .object({
      kind: z.enum(['withdrawn', 'superseded']),
      at: s.timestamp,
      reason: z.string(),
      by: z.object({ id: z.string(), url: z.string() }).nullable().describe('What supersedes it'),
    })
    .nullable()
    .describe('Set once the released advisory was withdrawn or superseded: its final revision'),
  abilities: z.object({
    edit: z.boolean(),
    release: z.boolean(),
    revise: z.boolean(),
    withdraw: z.boolean(),
    supersede: z.boolean(),
  }),
})

const endReason = z.string().max(2000).describe('Why, as the final revision and every document will say')

export const advisoryRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const update = { access: { policy: { resource: 'case', action: 'update' } } } as const
    const cveServices = cveServicesClientFromEnv()

    async function present(caseRef: string, actor: Parameters<typeof readAdvisory>[1]) {
      const { advisory: a, versions, comments, resource } = await readAdvisory(ctx.db, actor, caseRef)
      const can = abilities(actor, resource)
      const links = a.snapshot ? advisoryLinks(a.snapshot as AdvisorySnapshot) : null
      return {
        id: a.public_id,
        state: a.state,
        draft: a.draft,
        version: a.draft_version,
        versions: versions.map((v) => ({
          version: v.version,
          author: v.author_label,
          note: v.note,
          at: v.created_at.toISOString(),
        })),
        comments: comments.map((c) => ({
          id: c.id,
          version: c.version,
          author: c.author_label,
          body: c.body,
          at: c.created_at.toISOString(),
        })),
        releasedAt: a.released_at?.toISOString() ?? null,
        links: links ? { page: links.page, csaf: links.csaf, json: links.json } : null,
        revision: a.revision,
        ended:
          a.ended && a.ended_at
            ? {
                kind: a.ended,
                at: a.ended_at.toISOString(),
                reason: a.end_detail?.reason ?? '',
                by: a.end_detail?.by ?? null,
              }
            : null,
        // After the release the draft is still edited; a revision publishes it. Once ended, nothing more is.
        abilities: {
          edit: can.edit,
          release: can.release,
          revise: can.revise && !a.ended,
          withdraw: can.withdraw && !a.ended,
          supersede: can.supersede && !a.ended,
        },
      }
    }

    app.get(
      '/cases/:id/advisory',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['advisories'],
          summary:
            "The case's advisory draft with its versions and the parties' comments (404 for parties until the coordinator starts it)",
          params: s.idParams,
          response: { 200: advisory },
        },
      },
      async (request) => present(request.params.id, request.actor),
    )

    app.put(
      '/cases/:id/advisory',
      {
        config: update,
        schema: {
          tags: ['advisories'],
          summary: 'Save a new version of the draft; basedOn (the version you edited) refuses to overwrite a newer one',
          params: s.idParams,
          body: z.strictObject({ draft, note: z.string().max(500).optional(), basedOn: z.number().int().optional() }),
          response: { 200: advisory },
        },
      },
      async (request) => {
        await saveDraft(ctx.db, request.actor, request.params.id, request.body)
        return present(request.params.id, request.actor)
      },
    )

    app.get(
      '/cases/:id/advisory/diff',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['advisories'],
          summary: 'What changed between two versions of the draft, line by line',
          params: s.idParams,
          querystring: z.strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
          response: { 200: z.array(z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() })) },
        },
      },
      async (request) =>
        diffDraftVersions(ctx.db, request.actor, request.params.id, request.query.from, request.query.to),
    )

    await app.register(embargoedCsafRoutes(ctx))

    app.post(
      '/cases/:id/advisory/comments',
      {
        config: { access: { policy: { resource: 'participant', action: 'negotiate_embargo' } } },
        schema: {
          tags: ['advisories'],
          summary: "Comment on the draft, in your party's name",
          params: s.idParams,
          body: z.strictObject({ body: z.string().max(20_000), participantId: z.string().optional() }),
          response: { 201: advisory },
        },
      },
      async (request, reply) => {
        await commentOnDraft(ctx.db, request.actor, request.params.id, request.body)
        reply.code(201)
        return present(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/release',
      {
        config: update,
        schema: {
          tags: ['advisories'],
          summary: 'Release the advisory now (ending any embargo), with a reason',
          params: s.idParams,
          body: z.strictObject({ reason: z.string().max(2000) }),
          response: { 200: advisory },
        },
      },
      async (request) => {
        const { row } = await loadCaseFor(ctx.db, request.actor, request.params.id, 'update')
        await releaseCase(
          ctx.db,
          row.id,
          new Date(),
          { kind: 'immediate', actor: request.actor, reason: request.body.reason },
          { config: ctx.config, validateCsaf },
        )
        // The owners' alerts and the CVE records follow, from the job the release enqueued.
        return present(row.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/advisory/revisions',
      {
        config: update,
        schema: {
          tags: ['advisories'],
          summary:
            'Publish a revision of the released advisory: the draft as it is now and the statements approved since',
          params: s.idParams,
          body: z.strictObject({ summary: z.string().max(500) }),
          response: { 201: advisory },
        },
      },
      async (request, reply) => {
        await reviseAdvisory(ctx.db, request.actor, request.params.id, request.body.summary, {
          config: ctx.config,
          validateCsaf,
        })
        reply.code(201)
        return present(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/advisory/withdraw',
      {
        config: update,
        schema: {
          tags: ['advisories'],
          summary:
            'Withdraw the released advisory, with a reason: a final revision of every document says so (409 before the release or once ended)',
          params: s.idParams,
          body: z.strictObject({ reason: endReason }),
          response: { 200: advisory },
        },
      },
      async (request) => {
        await withdrawAdvisory(ctx.db, request.actor, request.params.id, request.body.reason, {
          config: ctx.config,
          validateCsaf,
        })
        return present(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/advisory/supersede',
      {
        config: update,
        schema: {
          tags: ['advisories'],
          summary:
            'Mark the released advisory superseded by another (409 before the release or once ended): a final revision of every document names it',
          params: s.idParams,
          body: z.strictObject({
            by: z
              .string()
              .trim()
              .min(1, 'must name the advisory that replaces this one')
              .max(500)
              .describe("An advisory of this instance (LSA-2026-0002), another publisher's id, or its address"),
            url: z.string().trim().max(2000).optional().describe("The address of another publisher's advisory"),
            reason: endReason,
          }),
          response: { 200: advisory },
        },
      },
      async (request) => {
        await supersedeAdvisory(ctx.db, request.actor, request.params.id, request.body, {
          config: ctx.config,
          validateCsaf,
        })
        return present(request.params.id, request.actor)
      },
    )

    app.post(
      '/cases/:id/vulnerabilities/:vulnerabilityId/cve',
      {
        config: update,
        schema: {
          tags: ['advisories'],
          summary: "Assign the next CVE ID of the instance's blocks (or reserve one at CVE Services)",
          params: z.strictObject({ id: z.string(), vulnerabilityId: z.string() }),
          response: { 201: z.object({ cveId: z.string() }) },
        },
      },
      async (request, reply) => {
        await loadCveBlocks(ctx.db, ctx.config.release.cveBlocks)
        const remote = cveServices
          ? async (year: number) => (await cveServices.reserveIds({ amount: 1, year })).cveIds[0]!.cveId
          : null
        const cveId = await assignCveId(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.vulnerabilityId,
          remote,
        )
        reply.code(201)
        return { cveId }
      },
    )
  }
