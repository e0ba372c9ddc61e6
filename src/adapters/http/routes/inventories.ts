// Owners' inventories over HTTP: upload an asset's SBOM (CycloneDX JSON 1.2–1.6, SPDX 2.2/2.3
// JSON) or purl list as the request body — from the UI or a CI pipeline with an API token — and
// read back the assets, their components and what each upload changed. An SBOM that fails its
// schema is refused with 422 and its first errors, and nothing is stored; a bad component is
// reported and the rest imported. The coordinators flag critical-infrastructure owners.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationError } from '../../../domain/errors.js'
import { loadOrganization } from '../../../commands/organizations/organizations.js'
import {
  assetDetail,
  deleteAsset,
  listAssets,
  replaceInventory,
  setCriticalInfrastructure,
} from '../../../commands/owners/inventories.js'
import { readInventory } from '../../sbom/readInventory.js'
import { storableInventory } from '../../../domain/sbom/storable.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const UPLOAD_LIMIT = 50 * 1024 * 1024
const assetParams = z.strictObject({ id: z.string(), assetId: z.string() })
const problem = z.object({ component: z.string(), message: z.string() })

export const inventoryRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { access: { policy: { resource: 'organization', action: 'manage_inventory' } } } as const
    // SBOMs come as JSON, purl lists as text; either is read as the text it is.
    app.addContentTypeParser(
      ['application/vnd.cyclonedx+json', 'application/spdx+json'],
      { parseAs: 'string', bodyLimit: UPLOAD_LIMIT },
      (_req, body, done) => done(null, body),
    )

    app.put(
      '/organizations/:id/inventory',
      {
        config: manage,
        bodyLimit: UPLOAD_LIMIT,
        // Whether the caller may upload here needs no body: checked before a byte of it is read.
        preParsing: async (request, _reply, payload) => {
          await loadOrganization(ctx.db, request.actor, (request.params as { id: string }).id, 'manage_inventory')
          return payload
        },
        schema: {
          tags: ['owners'],
          summary:
            "Upload an asset's inventory (replaces its components): CycloneDX or SPDX JSON, or one purl per line as text/plain; ?asset= names the system",
          params: s.idParams,
          querystring: z.strictObject({
            asset: z.string().max(200),
            format: z.enum(['cyclonedx', 'spdx', 'purls']).optional(),
          }),
          response: {
            200: z.object({
              assetId: s.id,
              asset: z.string(),
              format: z.string(),
              components: z.number(),
              added: z.array(z.string()),
              removed: z.array(z.string()),
              changed: z.array(
                z.object({ component: z.string(), from: z.string().nullable(), to: z.string().nullable() }),
              ),
              problems: z.array(problem),
              alerts: z
                .object({
                  advisories: z.number(),
                  newItems: z.number(),
                  resolved: z.number(),
                  stillAffected: z.number(),
                  removed: z.number(),
                })
                .describe(
                  'Matching the new inventory against every published advisory: how many affect it, new alert items, open items it shows fixed (marked patched), open items whose component moved to a version still affected (kept open), open items whose package it no longer lists (marked not applicable)',
                ),
            }),
          },
        },
      },
      async (request) => {
        // Seeing the organization before reading the upload (404 before 400); the command checks again.
        const org = await loadOrganization(ctx.db, request.actor, request.params.id, 'manage_inventory')
        const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '')
        const read = storableInventory(readInventory(text, request.query.format))
        if (!read.ok) throw new ValidationError(read.errors.map((message) => ({ field: 'body', message })))
        return replaceInventory(ctx.db, request.actor, org.id, request.query.asset, read)
      },
    )

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
