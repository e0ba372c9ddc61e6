// The vendor directory: searching it, its export and import, likely duplicates, a vendor's profile,
// products and cases (a case's vendors: caseVendors.ts; statements: vendorStatements.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  addProduct,
  listProducts,
  removeProduct,
  searchVendors,
  updateVendorProfile,
} from '../../../commands/vendors/directory.js'
import { duplicateVendors, exportVendors, importVendors } from '../../../commands/vendors/importExport.js'
import { openCaseAsVendor } from '../../../commands/vendors/vendorCase.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const orgParams = z.strictObject({ id: z.string() })
const orgItemParams = z.strictObject({ id: z.string(), itemId: z.string() })
const days = z.number().int('must be whole days').min(0).max(3650).nullable()
const product = z.object({ id: s.id, pattern: z.string(), kind: z.enum(['purl', 'cpe']) })

export const vendorRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/vendors',
      {
        config: { access: { policy: { resource: 'instance', action: 'list_vendors' } } },
        schema: {
          tags: ['vendors'],
          summary: 'The vendor directory: vendors whose name, product pattern or contact address contains the query',
          querystring: s.page.extend({ query: z.string().max(200).optional() }).strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: s.id,
                  name: z.string(),
                  website: z.string().nullable(),
                  products: z.array(z.string()),
                  contacts: z.number(),
                  keys: z.number(),
                  embargo: z.object({
                    preferredDays: z.number().nullable(),
                    minDays: z.number().nullable(),
                    maxDays: z.number().nullable(),
                  }),
                }),
              ),
              total: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { rows, total } = await searchVendors(ctx.db, request.actor, request.query)
        return {
          items: rows.map((r) => ({
            id: r.id,
            name: r.name,
            website: r.website,
            products: r.products,
            contacts: Number(r.contact_count),
            keys: Number(r.key_count),
            embargo: {
              preferredDays: r.embargo_preferred_days,
              minDays: r.embargo_min_days,
              maxDays: r.embargo_max_days,
            },
          })),
          total,
        }
      },
    )

    app.get(
      '/vendors/export',
      {
        config: { access: { policy: { resource: 'instance', action: 'list_vendors' } } },
        schema: {
          tags: ['vendors'],
          summary: 'The whole vendor directory as a CSV or JSON file (the import format)',
          querystring: z.strictObject({ format: z.enum(['csv', 'json']).default('csv') }),
        },
      },
      async (request, reply) => {
        const body = await exportVendors(ctx.db, request.actor, request.query.format)
        return reply
          .header(
            'content-type',
            request.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          )
          .header('content-disposition', `attachment; filename="lockstep-vendors.${request.query.format}"`)
          .send(body)
      },
    )

    app.post(
      '/vendors/import',
      {
        config: { access: { policy: { resource: 'instance', action: 'create_organization' } } },
        bodyLimit: 10 * 1024 * 1024,
        schema: {
          tags: ['vendors'],
          summary:
            'Import vendors from CSV or JSON: good rows are kept (existing vendors, by name, gain contacts and products), bad ones reported by line',
          body: z.strictObject({
            format: z.enum(['csv', 'json']),
            content: z
              .string()
              .min(1, 'must not be empty')
              .max(10 * 1024 * 1024),
          }),
          response: {
            200: z.object({
              created: z.array(z.string()),
              updated: z.array(z.string()),
              problems: z.array(z.object({ line: z.number().nullable(), field: z.string(), message: z.string() })),
            }),
          },
        },
      },
      async (request) => importVendors(ctx.db, request.actor, request.body.format, request.body.content),
    )

    app.get(
      '/vendors/duplicates',
      {
        config: { access: { policy: { resource: 'instance', action: 'list_vendors' } } },
        schema: {
          tags: ['vendors'],
          summary: 'Vendors that look like the same one (name, website, contact domain)',
          response: {
            200: z.array(
              z.object({
                a: z.object({ id: s.id, name: z.string() }),
                b: z.object({ id: s.id, name: z.string() }),
                why: z.string(),
              }),
            ),
          },
        },
      },
      async (request) => duplicateVendors(ctx.db, request.actor),
    )

    app.patch(
      '/organizations/:id/vendor-profile',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['vendors'],
          summary: "A vendor's website, notes and embargo policy (preferred, minimum and maximum days)",
          params: orgParams,
          body: z.strictObject({
            website: z
              .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
              .max(500)
              .nullable()
              .optional(),
            notes: z.string().max(20_000).optional(),
            embargo: z.strictObject({ preferredDays: days, minDays: days, maxDays: days }).optional(),
          }),
          response: {
            200: z.object({
              id: s.id,
              website: z.string().nullable(),
              notes: z.string(),
              embargo: z.object({
                preferredDays: z.number().nullable(),
                minDays: z.number().nullable(),
                maxDays: z.number().nullable(),
              }),
            }),
          },
        },
      },
      async (request) => {
        const o = await updateVendorProfile(ctx.db, request.actor, request.params.id, request.body)
        return {
          id: o.id,
          website: o.website,
          notes: o.notes,
          embargo: {
            preferredDays: o.embargo_preferred_days,
            minDays: o.embargo_min_days,
            maxDays: o.embargo_max_days,
          },
        }
      },
    )

    app.post(
      '/organizations/:id/cases',
      {
        config: { access: { policy: { resource: 'organization', action: 'open_case' } } },
        schema: {
          tags: ['vendors'],
          summary:
            'A vendor opens a case about its own product, coordinated by the instance (the vendor takes part as vendor and reporter)',
          params: orgParams,
          body: z.strictObject({
            title: z.string().trim().min(5, 'must be at least 5 characters').max(200),
            description: z.string().trim().min(20, 'must be at least 20 characters: say what is wrong').max(100_000),
            affected: z
              .array(
                z.strictObject({
                  vendor: z.string().trim().min(1).max(200),
                  product: z.string().trim().min(1).max(200),
                  versions: z.string().trim().max(500).nullable().default(null),
                  purl: s.purl.nullable().default(null),
                }),
              )
              .min(1, 'must name at least one affected product')
              .max(100),
            tlp: s.tlpLabel.optional(),
          }),
          response: { 201: z.object({ id: s.id, caseNumber: z.string() }) },
        },
      },
      async (request, reply) => {
        const c = await openCaseAsVendor(ctx.db, request.actor, request.params.id, request.body)
        return reply.code(201).send({ id: c.id, caseNumber: c.case_number })
      },
    )

    app.get(
      '/organizations/:id/products',
      {
        config: { access: { policy: { resource: 'organization', action: 'read' } } },
        schema: {
          tags: ['vendors'],
          summary: "A vendor's products (purl patterns and CPE names)",
          params: orgParams,
          response: { 200: z.array(product) },
        },
      },
      async (request) =>
        (await listProducts(ctx.db, request.actor, request.params.id)).map((p) => ({
          id: p.id,
          pattern: p.pattern,
          kind: p.kind,
        })),
    )

    app.post(
      '/organizations/:id/products',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['vendors'],
          summary:
            'Add a product: a package URL without version (pkg:deb/debian/sendmail) or a CPE name (cpe:2.3:a:sendmail:sendmail:*:...)',
          params: orgParams,
          body: z.strictObject({ pattern: z.string().trim().min(1, 'must not be empty').max(500) }),
          response: { 201: product },
        },
      },
      async (request, reply) => {
        const p = await addProduct(ctx.db, request.actor, request.params.id, request.body.pattern)
        return reply.code(201).send({ id: p.id, pattern: p.pattern, kind: p.kind })
      },
    )

    app.delete(
      '/organizations/:id/products/:itemId',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['vendors'],
          summary: 'Remove a product',
          params: orgItemParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeProduct(ctx.db, request.actor, request.params.id, request.params.itemId)
        return reply.code(204).send(null)
      },
    )
  }
