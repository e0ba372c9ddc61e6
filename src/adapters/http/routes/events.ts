// Live pages: GET /api/v1/events streams to the signed-in person what changed among the things
// they may read ({kind, caseId?} and the like, ids and kinds only: the page asks the API again);
// POST /api/v1/reports/follow-up/events does the same for a report's private follow-up link
// (POST keeps the secret out of logs and history; the page reads the response as it comes).
// A GET, so no CSRF token is needed: it changes nothing. Each person and each link may hold a few
// streams open on a server (a tab each), and a word that the caller's access changed has the
// caller checked again before anything else is sent.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Actor } from '../../../domain/actor.js'
import { NotFoundError, RateLimitedError } from '../../../domain/errors.js'
import { eventForActor, eventForFollowUp } from '../../../commands/live/audience.js'
import { resolveApiToken, resolveSession } from '../../../commands/auth/sessions.js'
import { findReportByFollowUpToken } from '../../../commands/reports/submitReport.js'
import type { LiveEvents } from '../../../store/liveEvents.js'
import type { PrincipalChanges } from '../../../store/principalChanges.js'
import { sessionCookieName } from '../plugins/authentication.js'
import { openEventStream, StreamCounter, type EventStream } from '../eventStream.js'
import type { HttpContext } from '../context.js'

/** Streams one person (or one follow-up link) may keep open on one server: a tab each. */
export const STREAMS_PER_PERSON = 8

const streamDescription =
  'text/event-stream: each event is `data: {"kind": ..., "caseId"?: ..., "reportId"?: ...}`; kinds: case.changed, case.released, message.posted, report.changed, alert.created, notification.created'

export interface LiveContext {
  events: LiveEvents
  principalChanges?: PrincipalChanges | undefined
}

export const eventRoutes =
  (ctx: HttpContext, live: LiveContext): FastifyPluginAsyncZod =>
  async (app) => {
    const people = new StreamCounter(STREAMS_PER_PERSON)
    const links = new StreamCounter(STREAMS_PER_PERSON)
    // Open streams would hold the server's close until they end: they are ended first.
    const open = new Set<() => void>()
    app.addHook('preClose', async () => {
      for (const end of [...open]) end()
    })

    function tooMany(): never {
      throw new RateLimitedError(
        `Live updates are open in ${STREAMS_PER_PERSON} tabs already; close one, or reload this page to see changes.`,
        30,
      )
    }

    app.get(
      '/events',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['live'],
          summary: 'What changed among the cases, reports, alerts and notifications you may see, as it happens',
          description: streamDescription,
        },
      },
      async (request, reply) => {
        let actor: Actor = request.actor
        const userId = request.user!.id
        if (!people.take(userId)) tooMany()
        // Word that this person's access may have changed: check them again before sending more.
        let stale = false
        const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
        const cookie = request.cookies[sessionCookieName(ctx.secureCookies)]
        const again = async (): Promise<Actor | undefined> => {
          if (bearer) return (await resolveApiToken(ctx.db, bearer))?.actor
          const resolved = cookie ? await resolveSession(ctx.db, cookie, ctx.config.sessionIdleHours) : undefined
          return resolved && !resolved.session.second_factor_pending ? resolved.actor : undefined
        }
        const stream = openEventStream(request, reply, {
          events: live.events,
          filter: (event) => eventForActor(ctx.db, actor, event),
          async stillAllowed() {
            if (!stale) return true
            stale = false
            const resolved = await again()
            if (resolved) actor = resolved
            return resolved !== undefined
          },
          onEnd() {
            unwatch?.()
            people.release(userId)
            open.delete(stream.end)
          },
        })
        open.add(stream.end)
        const word = () => {
          stale = true
          stream.recheck()
        }
        // Subscribed once the stream is open: a server not listening says so at once.
        const unwatch = live.principalChanges?.subscribe({
          changed: (id) => (id === null || id === userId) && word(),
          listening: (on) => !on && word(),
        })
      },
    )

    app.post(
      '/reports/follow-up/events',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['live', 'reports'],
          summary: 'What changed on a report, through its private follow-up link, as it happens',
          description: streamDescription,
          body: z.strictObject({ token: z.string().min(1).max(200) }),
        },
      },
      async (request, reply) => {
        const report = await findReportByFollowUpToken(ctx.db, request.body.token)
        if (!report) throw new NotFoundError('report')
        if (!links.take(report.id)) tooMany()
        const token = request.body.token
        const stream: EventStream = openEventStream(request, reply, {
          events: live.events,
          filter: (event) => eventForFollowUp(ctx.db, report.id, event),
          // A link revoked (a new one issued) ends what the old one opened.
          stillAllowed: async () => (await findReportByFollowUpToken(ctx.db, token))?.id === report.id,
          onEnd() {
            links.release(report.id)
            open.delete(stream.end)
          },
        })
        open.add(stream.end)
      },
    )
  }
