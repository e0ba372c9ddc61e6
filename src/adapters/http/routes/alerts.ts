// Owners' alerts over HTTP: an organization's alerts (pre-notices before a release, alerts after;
// ours and imported ones), one alert with its affected components, and the owner marking each
// open, patched, mitigated or not applicable. The coordinators read the adoption of a released
// advisory: the patched share over time and who is still exposed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { alertDetail, alertItemStatuses, listAlerts, markAlertItem } from '../../../commands/owners/alertViews.js'
import { adoptionOfCase } from '../../../commands/owners/adoption.js'
import type { AlertItemStatus } from '../../../store/schema.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const status = z.enum(alertItemStatuses as [AlertItemStatus, ...AlertItemStatus[]])
const counts = z.object({ open: z.number(), patched: z.number(), mitigated: z.number(), not_applicable: z.number() })
const summary = z.object({
  id: s.id,
  advisory: z.object({
    source: z.enum(['lockstep', 'osv']),
    id: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    releasedAt: s.timestamp.nullable(),
    releaseAt: s.timestamp.nullable(),
  }),
  stage: z.enum(['pre_notice', 'released']),
  tlp: z.enum(['AMBER', 'CLEAR']),
  preNoticedAt: s.timestamp.nullable(),
  alertedAt: s.timestamp.nullable(),
  createdAt: s.timestamp,
  counts,
  severity: z
    .object({ score: z.number(), rating: z.enum(['None', 'Low', 'Medium', 'High', 'Critical']) })
    .nullable()
    .describe("The highest CVSS base score among the advisory's vulnerabilities"),
  assets: z.number().describe("How many of the organization's assets it affects"),
  openItems: z
    .array(z.object({ asset: z.string(), component: z.string(), fixedVersions: z.array(z.string()) }))
    .describe('The first open components (up to 5; in the list only)'),
})
const item = z.object({
  id: s.id,
  asset: z.object({ id: s.id, name: z.string() }),
  component: z.string(),
  purl: z.string().nullable(),
  version: z.string().nullable(),
  vulnerability: z.string(),
  certain: z.boolean(),
  reason: z.string(),
  fixedVersions: z.array(z.string()),
  status,
  statusNote: z.string().nullable(),
  statusChangedAt: s.timestamp.nullable(),
})
const alertParams = z.strictObject({ id: z.string(), alertId: z.string() })

export const alertRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const manage = { access: { policy: { resource: 'organization', action: 'manage_inventory' } } } as const

    app.get(
      '/organizations/:id/alerts',
      {
        config: manage,
        schema: {
          tags: ['owners'],
          summary:
            "The organization's alerts: those with open components first (pre-notices, then the most severe), each with the count of components in each status and the first open ones",
          params: s.idParams,
          response: { 200: z.array(summary) },
        },
      },
      async (request) => listAlerts(ctx.db, request.actor, request.params.id),
    )

    app.get(
      '/organizations/:id/alerts/:alertId',
      {
        config: manage,
        schema: {
          tags: ['owners'],
          summary: 'One alert: what to prepare (pre-notice) and each affected component of each asset, with its status',
          params: alertParams,
          response: { 200: summary.extend({ prepare: z.string().nullable(), items: z.array(item) }) },
        },
      },
      async (request) => alertDetail(ctx.db, request.actor, request.params.id, request.params.alertId),
    )

    app.put(
      '/organizations/:id/alerts/:alertId/items/:itemId',
      {
        config: manage,
        schema: {
          tags: ['owners'],
          summary: 'Mark an affected component open, patched, mitigated or not applicable (with an optional note)',
          params: alertParams.extend({ itemId: z.string() }),
          body: z.strictObject({ status, note: z.string().max(2000).nullable().optional() }),
          response: { 200: item },
        },
      },
      async (request) =>
        markAlertItem(
          ctx.db,
          request.actor,
          request.params.id,
          request.params.alertId,
          request.params.itemId,
          request.body,
        ),
    )

    app.get(
      '/cases/:id/advisory/adoption',
      {
        config: { access: { policy: { resource: 'case', action: 'update' } } },
        schema: {
          tags: ['advisories'],
          summary:
            "The owners' adoption of the released advisory: counts per status, the patched share over time, who is still exposed (409 before release)",
          params: s.idParams,
          response: {
            200: z.object({
              ownersAlerted: z
                .boolean()
                .describe('False for the moments between the release and the job that alerts the owners'),
              owners: z.number(),
              items: z.number(),
              counts,
              patchedShare: z.number(),
              series: z.array(
                z.object({
                  at: s.timestamp,
                  total: z.number(),
                  patched: z.number(),
                  mitigated: z.number(),
                  notApplicable: z.number(),
                  open: z.number(),
                }),
              ),
              exposed: z.array(
                z.object({
                  organization: z.object({ id: s.id, name: z.string(), critical: z.boolean() }),
                  asset: z.object({ id: s.id, name: z.string() }),
                  component: z.string(),
                  version: z.string().nullable(),
                  vulnerability: z.string(),
                  status: z.literal('open'),
                  since: s.timestamp,
                }),
              ),
            }),
          },
        },
      },
      async (request) => adoptionOfCase(ctx.db, request.actor, request.params.id),
    )
  }
