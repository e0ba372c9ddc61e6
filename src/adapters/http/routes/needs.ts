// What needs the caller: their Home's list, their in-app notifications (paged, marked read) and
// how each kind of notification also comes by mail. All about the caller's own account.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { mailDeliveries, notificationKinds } from '../../../domain/notificationKinds.js'
import { whatNeedsMe } from '../../../commands/needs/home.js'
import {
  markRead,
  myMailPreferences,
  myNotifications,
  setMailPreferences,
} from '../../../commands/needs/notifications.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const need = z.object({
  kind: z.enum(['release', 'silent', 'statements', 'unread', 'triage', 'answer', 'report', 'alert']),
  title: z.string(),
  detail: z.string().nullable(),
  at: s.timestamp.nullable().describe('The instant a countdown runs to (a release), or when it started waiting'),
  link: z.string(),
  caseNumber: z.string().nullable(),
})

const notification = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  link: z.string(),
  createdAt: s.timestamp,
  readAt: s.timestamp.nullable(),
})

const preference = z.object({
  kind: z.enum(notificationKinds),
  label: z.string(),
  delivery: z.enum(mailDeliveries).describe('app: only in the app; now: also by mail at once; digest: in a daily mail'),
})

export const needsRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const signedIn = { access: { signedIn: true } } as const

    app.get(
      '/home',
      {
        config: signedIn,
        schema: {
          tags: ['needs'],
          summary: 'What needs you: each item says what is asked and links where you do it',
          response: {
            200: z.object({
              now: s.timestamp,
              items: z.array(need),
              cases: z.array(
                z.object({
                  caseNumber: z.string(),
                  releaseAt: s.timestamp.nullable(),
                  silentVendors: z.number(),
                  statementsWaiting: z.number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const now = new Date()
        const { items, cases } = await whatNeedsMe(ctx.db, request.actor, now)
        return {
          now: now.toISOString(),
          items: items.map((i) => ({ ...i, at: i.at?.toISOString() ?? null })),
          cases: cases.map((c) => ({ ...c, releaseAt: c.releaseAt?.toISOString() ?? null })),
        }
      },
    )

    app.get(
      '/notifications',
      {
        config: signedIn,
        schema: {
          tags: ['needs'],
          summary: 'Your notifications, newest first, with how many are unread',
          querystring: s.page.extend({ unread: z.enum(['true', 'false']).default('false') }).strict(),
          response: {
            200: z.object({ items: z.array(notification), total: z.number(), unread: z.number() }),
          },
        },
      },
      async (request) => {
        const { limit, offset, unread } = request.query
        const page = await myNotifications(ctx.db, request.actor, { limit, offset, unreadOnly: unread === 'true' })
        return {
          ...page,
          items: page.items.map((n) => ({
            id: n.id,
            kind: n.kind as (typeof notificationKinds)[number],
            title: n.title,
            link: n.link,
            createdAt: n.created_at.toISOString(),
            readAt: n.read_at?.toISOString() ?? null,
          })),
        }
      },
    )

    app.post(
      '/notifications/read',
      {
        config: signedIn,
        schema: {
          tags: ['needs'],
          summary: 'Mark notifications read: the ones named, or all',
          body: z.union([
            z.strictObject({ ids: z.array(s.id).min(1).max(200) }),
            z.strictObject({ all: z.literal(true) }),
          ]),
          response: { 200: z.object({ marked: z.number() }) },
        },
      },
      async (request) => ({
        marked: await markRead(ctx.db, request.actor, 'ids' in request.body ? request.body.ids : 'all'),
      }),
    )

    app.get(
      '/me/mail-preferences',
      {
        config: signedIn,
        schema: {
          tags: ['needs'],
          summary: 'How each kind of notification comes to you by mail',
          response: { 200: z.array(preference) },
        },
      },
      async (request) => myMailPreferences(ctx.db, request.actor),
    )

    app.put(
      '/me/mail-preferences',
      {
        config: signedIn,
        schema: {
          tags: ['needs'],
          summary: 'Choose, per kind, only in the app, by mail at once, or in a daily digest',
          body: z.strictObject({
            preferences: z
              .array(z.strictObject({ kind: z.enum(notificationKinds), delivery: z.enum(mailDeliveries) }))
              .min(1)
              .max(notificationKinds.length),
          }),
          response: { 200: z.array(preference) },
        },
      },
      async (request) => setMailPreferences(ctx.db, request.actor, request.body.preferences),
    )
  }
