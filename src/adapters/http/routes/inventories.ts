// Owners' inventories over HTTP: upload an asset's SBOM (CycloneDX JSON or XML 1.2–1.6, SPDX
// 2.2/2.3 JSON or tag-value) or purl list as the request body — from the UI or a CI pipeline with
// an API token — and read back the assets, their components and what each upload changed. An
// SBOM that fails its schema is refused with 422 and its first errors, and nothing is stored; a
// bad component is reported and the rest imported; an upload that would empty an asset is
// refused (409) unless it says allowEmpty=true. The coordinators flag critical-infrastructure owners.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  assetDetail,
  deleteAsset,
  listAssets,
  setCriticalInfrastructure,
} from '../../../commands/owners/inventories.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'
import { inventoryProblem as problem, inventoryUploadRoute } from './inventoryUpload.js'

const assetParams = z.strictObject({ id: z.string(), assetId: z.string() })

export const inventoryRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { access: { policy: { resource: 'organization', action: 'manage_inventory' } } } as const
    // The upload has its own scope: its body is read as text whatever its type, so the other
    // routes here keep fastify's JSON parser.
    await app.register(inventoryUploadRoute(ctx))

    app.get(
      '/organizations/:id/assets',
      {
        config: manage,
        schema: {
          tags: ['owners'],
          summary:
            "The organization's assets, each with its component count and how many affected components are still open",
          params: s.idParams,
          response: {
            200: z.array(
              z.object({
                id: s.id,
                name: z.string(),
                format: z.string(),
                components: z.number(),
                uploads: z.number(),
                openItems: z.number(),
                updatedAt: s.timestamp,
              }),
            ),
          },
        },
      },
      async (request) => {
        return (await listAssets(ctx.db, request.actor, request.params.id)).map((a) => ({
          id: a.id,
          name: a.name,
          format: a.format,
          components: a.component_count,
          uploads: Number(a.uploads ?? 0),
          openItems: Number(a.open_items ?? 0),
          updatedAt: a.updated_at.toISOString(),
        }))
      },
    )

    app.get(
      '/organizations/:id/assets/:assetId',
      {
        config: manage,
        schema: {
          tags: ['owners'],
          summary: 'One asset: its components (paged) and its latest uploads with what each changed',
          params: assetParams,
          querystring: s.page.strict(),
          response: {
            200: z.object({
              id: s.id,
              name: z.string(),
              format: z.string(),
              components: z.number(),
              items: z
                .array(
                  z.object({
                    purl: z.string().nullable(),
                    name: z.string(),
                    version: z.string().nullable(),
                    ecosystem: z.string().nullable(),
                  }),
                )
                .describe('One page of the components, by name'),
              uploads: z
                .array(
                  z.object({
                    format: z.string(),
                    components: z.number(),
                    added: z.number(),
                    removed: z.number(),
                    changed: z.number(),
                    problems: z.array(problem),
                    at: s.timestamp,
                  }),
                )
                .describe('The latest uploads, newest first'),
            }),
          },
        },
      },
      async (request) => {
        const d = await assetDetail(ctx.db, request.actor, request.params.id, request.params.assetId, request.query)
        return {
          id: d.asset.id,
          name: d.asset.name,
          format: d.asset.format,
          components: d.asset.component_count,
          items: d.components,
          uploads: d.uploads.map((u) => ({ ...u, created_at: undefined, at: u.created_at.toISOString() })),
        }
      },
    )

    app.delete(
      '/organizations/:id/assets/:assetId',
      {
        config: manage,
        schema: {
          tags: ['owners'],
          summary: 'Remove an asset and its components',
          params: assetParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await deleteAsset(ctx.db, request.actor, request.params.id, request.params.assetId)
        return reply.code(204).send(null)
      },
    )

    app.put(
      '/organizations/:id/critical-infrastructure',
      {
        config: { access: { policy: { resource: 'organization', action: 'flag_critical' } } },
        schema: {
          tags: ['owners'],
          summary: 'Flag (or unflag) an owner as critical infrastructure: pre-notified before a release',
          params: s.idParams,
          body: z.strictObject({ critical: z.boolean() }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await setCriticalInfrastructure(ctx.db, request.actor, request.params.id, request.body.critical)
        return reply.code(204).send(null)
      },
    )
  }
