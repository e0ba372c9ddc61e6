// The programme's figures: every vendor's for coordinators (GET /metrics, filterable by year and
// vendor), a vendor's own for its members (GET /organizations/:id/metrics), and each chart's
// numbers as CSV.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { adherenceKinds } from '../../../domain/metrics/figures.js'
import { programmeMetrics, vendorMetrics, type Metrics } from '../../../commands/metrics/metrics.js'
import { metricsCharts, metricsCsv, type MetricsChart } from '../../../commands/metrics/csv.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const year = z.coerce
  .number({ error: 'must be a year' })
  .int('must be a year')
  .min(1970, 'must be 1970 or later')
  .max(2200, 'must be 2200 or earlier')
  .optional()
const staffQuery = z.strictObject({ year, vendor: s.id.optional() })
const vendorQuery = z.strictObject({ year })
const days = z.number().nullable()
const counted = z.array(z.object({ label: z.string(), cases: z.number() }))

const metrics = z.object({
  filter: z.object({ year: z.number().nullable(), vendorId: s.id.nullable() }),
  years: z.array(z.number()).describe('The years cases were opened in, newest first'),
  responses: z.object({
    notified: z.number(),
    answered: z.number(),
    neverAnsweredShare: z.number().nullable().describe('Of the vendors notified, the share that never answered'),
    medianDays: days.describe('Days from notification to first answer'),
    p90Days: days,
    vendors: z.array(
      z.object({
        organizationId: s.id,
        name: z.string(),
        notified: z.number(),
        answered: z.number(),
        neverAnswered: z.number(),
        medianDays: days,
        p90Days: days,
      }),
    ),
  }),
  publication: z.object({ cases: z.number(), medianDays: days, p90Days: days, buckets: counted }),
  embargo: z.array(z.object({ kind: z.enum(adherenceKinds), cases: z.number() })),
  histories: z.object({
    cases: z.number().describe('Cases with at least one ordering decided'),
    averageScore: z.number().nullable().describe('Mean share of the desired orderings achieved, 0 to 1'),
    scoreBuckets: counted,
    orderings: z.array(z.object({ label: z.string(), satisfied: z.number(), violated: z.number() })),
  }),
})

const chartParams = z.strictObject({ chart: z.enum(metricsCharts) })
const orgChartParams = z.strictObject({ id: z.string(), chart: z.enum(metricsCharts) })

function csvReply(reply: import('fastify').FastifyReply, m: Metrics, chart: MetricsChart) {
  const suffix = [m.filter.year, chart].filter(Boolean).join('-')
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="lockstep-metrics-${suffix}.csv"`)
    .send(metricsCsv(m, chart))
}

export const metricsRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/metrics',
      {
        config: { access: { policy: { resource: 'instance', action: 'read_metrics' } } },
        schema: {
          tags: ['metrics'],
          summary: 'How the programme works: vendor answers, publication, embargoes, desirable histories',
          querystring: staffQuery,
          response: { 200: metrics },
        },
      },
      async (request) =>
        programmeMetrics(ctx.db, request.actor, { year: request.query.year, vendorId: request.query.vendor }),
    )

    app.get(
      '/metrics/:chart/csv',
      {
        config: { access: { policy: { resource: 'instance', action: 'read_metrics' } } },
        schema: {
          tags: ['metrics'],
          summary: 'The numbers of one chart of the metrics page, as CSV',
          params: chartParams,
          querystring: staffQuery,
        },
      },
      async (request, reply) => {
        const m = await programmeMetrics(ctx.db, request.actor, {
          year: request.query.year,
          vendorId: request.query.vendor,
        })
        return csvReply(reply, m, request.params.chart)
      },
    )

    app.get(
      '/organizations/:id/metrics',
      {
        config: { access: { policy: { resource: 'organization', action: 'read_metrics' } } },
        schema: {
          tags: ['metrics'],
          summary: "A vendor's own figures: its answers and the cases it took part in",
          params: s.idParams,
          querystring: vendorQuery,
          response: { 200: metrics },
        },
      },
      async (request) => vendorMetrics(ctx.db, request.actor, request.params.id, { year: request.query.year }),
    )

    app.get(
      '/organizations/:id/metrics/:chart/csv',
      {
        config: { access: { policy: { resource: 'organization', action: 'read_metrics' } } },
        schema: {
          tags: ['metrics'],
          summary: "One chart of a vendor's own figures, as CSV",
          params: orgChartParams,
          querystring: vendorQuery,
        },
      },
      async (request, reply) => {
        const m = await vendorMetrics(ctx.db, request.actor, request.params.id, { year: request.query.year })
        return csvReply(reply, m, request.params.chart)
      },
    )
  }
