// Signing in and out: password, then (when due) TOTP or a security key; sign out here or everywhere.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { randomBytes } from 'node:crypto'
import { abilities, can } from '../../../domain/policy/index.js'
import { signIn } from '../../../commands/auth/signIn.js'
import { hasWebauthn, verifyTotpSignIn } from '../../../commands/auth/secondFactor.js'
import { resolveSession } from '../../../commands/auth/sessions.js'
import { authenticationOptions, verifyWebauthnSignIn } from '../../../commands/auth/webauthn.js'
import { deleteSession, deleteSessionsOfUser, listSessionsOfUser } from '../../../store/sessions.js'
import { listMembershipsOf } from '../../../store/organizations.js'
import type { HttpContext } from '../context.js'
import {
  DEVICE_COOKIE,
  readDevice,
  sessionCookieName,
  sessionOf,
  setSessionCookie,
  signDevice,
} from '../plugins/authentication.js'
import { presentOrganization, presentUser } from '../presenters.js'
import * as s from '../schemas.js'

const sessionState = z.object({
  signedIn: z.boolean(),
  stage: s.signInStage.nullable().describe('Null when not signed in'),
  csrfToken: z.string().nullable().describe('Send as X-CSRF-Token with every cookie-authenticated write'),
  user: s.user.nullable(),
  memberships: z.array(z.object({ organization: s.organization, role: s.organizationRole })),
  instance: s.instanceAbilities,
  secondFactors: z.object({ totp: z.boolean(), webauthn: z.boolean() }),
  demoInstance: z
    .boolean()
    .describe('This instance is a demo: its accounts and passwords are public (the web shows a banner on every page)'),
  demoReset: z
    .boolean()
    .describe('The caller may wipe this demo and seed it again (its admin, on a demo instance only)'),
})

export const sessionRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const cookieName = sessionCookieName(ctx.secureCookies)

    async function describe(request: FastifyRequest) {
      const { actor, user, session } = request
      const webauthn = user ? await hasWebauthn(ctx.db, user.id) : false
      const secondFactors = { totp: user?.totp_enabled_at != null, webauthn }
      const stage: z.infer<typeof s.signInStage> | null = !user
        ? null
        : !session?.second_factor_pending
          ? 'complete'
          : secondFactors.totp || webauthn
            ? 'second_factor'
            : 'totp_enrolment'
      const complete = user !== null && !session?.second_factor_pending
      const mine = complete ? await listMembershipsOf(ctx.db, user.id) : []
      return {
        signedIn: user !== null,
        stage,
        csrfToken: session?.csrf_token ?? null,
        user: user
          ? presentUser(
              actor,
              user,
              mine.map((o) => o.id),
            )
          : null,
        memberships: mine.map(({ role, ...o }) => ({ organization: presentOrganization(actor, o), role })),
        instance: abilities(complete ? actor : { kind: 'anonymous' }, { type: 'instance' }),
        secondFactors,
        demoInstance: ctx.demoInstance,
        demoReset: can(complete ? actor : { kind: 'anonymous' }, 'reset', {
          type: 'demo_instance',
          recorded: ctx.demoInstance,
        }),
      }
    }

    app.get(
      '/session',
      {
        config: { access: { public: true, allowPending: true } },
        schema: { tags: ['session'], summary: 'Who is signed in, and the CSRF token', response: { 200: sessionState } },
      },
      async (request) => describe(request),
    )

    app.post(
      '/session',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['session'],
          summary: 'Sign in with e-mail and password',
          body: z.strictObject({ email: s.email, password: s.password }),
          response: { 200: sessionState },
        },
      },
      async (request, reply) => {
        const device = readDevice(ctx.deviceSecret, request.cookies[DEVICE_COOKIE])
        const result = await signIn({
          db: ctx.db,
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          knownDeviceId: device?.deviceId ?? null,
          knownDeviceUserId: device?.userId ?? null,
          sessionTtlHours: ctx.config.sessionTtlHours,
        })
        setSessionCookie(reply, ctx.secureCookies, result.token, result.session.expires_at)
        if (result.stage === 'complete') rememberDevice(reply, result.userId)
        return reloadAndDescribe(request, result.token)
      },
    )

    function rememberDevice(reply: FastifyReply, userId: string) {
      const value = signDevice(ctx.deviceSecret, userId, randomBytes(16).toString('base64url'))
      reply.setCookie(DEVICE_COOKIE, value, {
        path: '/api/v1/session',
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
        maxAge: 365 * 86_400,
      })
    }

    async function reloadAndDescribe(request: FastifyRequest, token: string) {
      const resolved = await resolveSession(ctx.db, token, ctx.config.sessionIdleHours)
      if (resolved) {
        request.session = resolved.session
        request.user = resolved.user
        request.actor = resolved.actor
      }
      return describe(request)
    }

    app.post(
      '/session/totp',
      {
        config: { access: { signedIn: true, allowPending: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['session'],
          summary: 'Finish signing in with a code from the authenticator app',
          body: z.strictObject({ code: z.string().max(12) }),
          response: { 200: sessionState },
        },
      },
      async (request, reply) => {
        const done = await verifyTotpSignIn(
          ctx.db,
          sessionOf(request),
          request.user!,
          request.body.code,
          ctx.config.sessionTtlHours,
        )
        setSessionCookie(reply, ctx.secureCookies, done.token, done.expiresAt)
        rememberDevice(reply, request.user!.id)
        return reloadAndDescribe(request, done.token)
      },
    )

    app.post(
      '/session/webauthn/options',
      {
        config: { access: { signedIn: true, allowPending: true } },
        schema: {
          tags: ['session'],
          summary: 'Challenge for signing in with a security key',
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request) =>
        authenticationOptions(ctx.db, ctx.relyingParty, sessionOf(request)) as unknown as Record<string, unknown>,
    )

    app.post(
      '/session/webauthn',
      {
        config: { access: { signedIn: true, allowPending: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['session'],
          summary: 'Finish signing in with a security key',
          body: z.strictObject({
            response: z.looseObject({
              id: z.string(),
              rawId: z.string(),
              type: z.literal('public-key'),
              response: z.record(z.string(), z.unknown()),
            }),
          }),
          response: { 200: sessionState },
        },
      },
      async (request, reply) => {
        const done = await verifyWebauthnSignIn(
          ctx.db,
          ctx.relyingParty,
          sessionOf(request),
          request.body.response as never,
          ctx.config.sessionTtlHours,
        )
        setSessionCookie(reply, ctx.secureCookies, done.token, done.expiresAt)
        rememberDevice(reply, request.user!.id)
        return reloadAndDescribe(request, done.token)
      },
    )

    app.delete(
      '/session',
      {
        config: { access: { signedIn: true, allowPending: true } },
        schema: { tags: ['session'], summary: 'Sign out of this browser', response: { 204: s.noContent } },
      },
      async (request, reply) => {
        if (request.session) await deleteSession(ctx.db, request.session.id)
        reply.clearCookie(cookieName, { path: '/' })
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/sessions',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['session'],
          summary: 'Your signed-in browsers',
          response: {
            200: z.array(
              z.object({
                id: s.id,
                current: z.boolean(),
                createdAt: s.timestamp,
                lastSeenAt: s.timestamp,
                expiresAt: s.timestamp,
                userAgent: z.string().nullable(),
                ip: z.string().nullable(),
              }),
            ),
          },
        },
      },
      async (request) =>
        (await listSessionsOfUser(ctx.db, request.user!.id)).map((x) => ({
          id: x.id,
          current: x.id === request.session?.id,
          createdAt: x.created_at.toISOString(),
          lastSeenAt: x.last_seen_at.toISOString(),
          expiresAt: x.expires_at.toISOString(),
          userAgent: x.user_agent,
          ip: x.ip,
        })),
    )

    app.delete(
      '/sessions',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['session'],
          summary: 'Sign out everywhere (every browser, including this one)',
          response: { 200: z.object({ ended: z.number() }) },
        },
      },
      async (request, reply) => {
        const ended = await deleteSessionsOfUser(ctx.db, request.user!.id)
        reply.clearCookie(cookieName, { path: '/' })
        return { ended }
      },
    )
  }
