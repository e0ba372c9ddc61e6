// One search over what the caller may see: cases, reports, vendors and published advisories, each
// group with its best matches by rank, how many match in all (or that more than 1,000 do), and
// where each one's page is.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { searchEverything } from '../../../commands/search.js'
import { SEARCH_COUNT_CAP, SEARCH_MAX_LENGTH } from '../../../domain/search.js'
import type { HttpContext } from '../context.js'

const hit = z.object({
  id: z.string(),
  label: z.string().describe('What identifies it to a person: a case or report number, an advisory ID'),
  title: z.string(),
  href: z.string().describe('Its page'),
})
const group = z.object({
  items: z.array(hit),
  total: z.number().describe(`How many match in all, counted up to ${SEARCH_COUNT_CAP.toLocaleString('en')}`),
  more: z
    .literal(true)
    .optional()
    .describe(`Present when more than total match: the count stops at ${SEARCH_COUNT_CAP.toLocaleString('en')}`),
})
const groupOf = <T>(
  found: { items: T[]; total: number; more: boolean },
  present: (item: T) => z.infer<typeof hit>,
) => ({
  total: found.total,
  ...(found.more ? { more: true as const } : {}),
  items: found.items.map(present),
})

export const searchRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/search',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['search'],
          summary:
            'Search the cases, reports, vendors and published advisories you may see (word prefixes; "phrases", -word and or as on the web)',
          querystring: z.strictObject({
            q: z.string().max(SEARCH_MAX_LENGTH, `must be at most ${SEARCH_MAX_LENGTH} characters`),
            limit: z.coerce.number().int().min(1).max(50).default(10),
          }),
          response: { 200: z.object({ cases: group, reports: group, vendors: group, advisories: group }) },
        },
      },
      async (request) => {
        const r = await searchEverything(ctx.db, request.actor, request.query.q, request.query.limit)
        return {
          cases: groupOf(r.cases, (c) => ({
            id: c.id,
            label: c.case_number,
            title: c.title,
            href: `/cases/${encodeURIComponent(c.case_number)}`,
          })),
          reports: groupOf(r.reports, (x) => ({
            id: x.id,
            label: x.tracking_id,
            title: x.title,
            href: `/reports/${x.id}`,
          })),
          vendors: groupOf(r.vendors, (v) => ({
            id: v.id,
            label: v.name,
            title: v.name,
            href: `/organizations/${v.id}`,
          })),
          advisories: groupOf(r.advisories, (a) => ({
            id: a.public_id,
            label: a.public_id,
            title: a.title,
            href: `/advisories/${encodeURIComponent(a.public_id)}`,
          })),
        }
      },
    )
  }
