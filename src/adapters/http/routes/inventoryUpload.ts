// Uploading an asset's inventory: PUT /organizations/:id/inventory?asset=…, the document as the
// body. Registered in a scope of its own, where every accepted content type is read as text (the
// readers sniff the format; ?format= may say it) and any other type is refused with a 415 that
// names what is accepted, before the body is read. The reading yields to the event loop between
// chunks (a 200,000-component SBOM must not stall /healthz). An upload with no component over an
// asset that has some is refused with 409 unless it says allowEmpty=true.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationError } from '../../../domain/errors.js'
import { loadOrganization } from '../../../commands/organizations/organizations.js'
import { replaceInventory } from '../../../commands/owners/inventories.js'
import { readInventoryYielding } from '../../sbom/readInventory.js'
import { storableInventory } from '../../../domain/sbom/storable.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const UPLOAD_LIMIT = 50 * 1024 * 1024

/** The content types an inventory may come as; each is read as text and its format sniffed. */
export const inventoryContentTypes = [
  'application/vnd.cyclonedx+json',
  'application/vnd.cyclonedx+xml',
  'application/spdx+json',
  'application/json',
  'application/xml',
  'text/xml',
  'text/spdx',
  'text/plain',
] as const

const accepted =
  'CycloneDX JSON or XML (application/vnd.cyclonedx+json, application/vnd.cyclonedx+xml), SPDX JSON or tag-value (application/spdx+json, text/spdx), or one purl per line (text/plain); application/json, application/xml and text/xml are read too'

export const inventoryProblem = z.object({ component: z.string(), message: z.string() })

export const inventoryUploadRoute =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.removeContentTypeParser(['application/json', 'text/plain'])
    app.addContentTypeParser(
      [...inventoryContentTypes],
      { parseAs: 'string', bodyLimit: UPLOAD_LIMIT },
      (_req, body, done) => done(null, body),
    )
    // Anything else is refused before its body is read, saying what to send instead.
    app.addContentTypeParser('*', (request, _payload, done) => {
      const type = request.headers['content-type']?.split(';')[0]?.trim() || 'none'
      done(
        Object.assign(new Error(`An inventory cannot be sent as ${type}. Send ${accepted}.`), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      )
    })

    app.put(
      '/organizations/:id/inventory',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_inventory' } } },
        bodyLimit: UPLOAD_LIMIT,
        // Whether the caller may upload here needs no body: checked before a byte of it is read.
        preParsing: async (request, _reply, payload) => {
          await loadOrganization(ctx.db, request.actor, (request.params as { id: string }).id, 'manage_inventory')
          return payload
        },
        schema: {
          tags: ['owners'],
          summary:
            "Upload an asset's inventory (replaces its components): CycloneDX JSON or XML, SPDX JSON or tag-value, or one purl per line as text/plain; ?asset= names the system",
          description: `Accepted: ${accepted}. An upload that lists no component over an asset that has some is refused (409, problem type empty-inventory) unless ?allowEmpty=true says it is meant.`,
          params: s.idParams,
          querystring: z.strictObject({
            asset: z.string().max(200),
            format: z.enum(['cyclonedx', 'spdx', 'purls']).optional(),
            allowEmpty: z
              .enum(['true', 'false'])
              .optional()
              .describe('true to accept an upload that empties an asset which has components'),
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
              problems: z.array(inventoryProblem),
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
        const text = typeof request.body === 'string' ? request.body : ''
        const read = storableInventory(await readInventoryYielding(text, request.query.format))
        if (!read.ok) throw new ValidationError(read.errors.map((message) => ({ field: 'body', message })))
        return replaceInventory(ctx.db, request.actor, org.id, request.query.asset, read, new Date(), {
          allowEmpty: request.query.allowEmpty === 'true',
        })
      },
    )
  }
