// The caller's own account: profile, password, authenticator app and security keys.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { BadRequestError } from '../../../domain/errors.js'
import { changePassword, updateProfile } from '../../../commands/accounts/users.js'
import { beginTotpEnrolment, confirmTotpEnrolment, removeTotp } from '../../../commands/auth/secondFactor.js'
import {
  listCredentials,
  registerCredential,
  registrationOptions,
  removeCredential,
} from '../../../commands/auth/webauthn.js'
import { organizationIdsOf } from '../../../store/users.js'
import type { HttpContext } from '../context.js'
import { sessionOf, setSessionCookie } from '../plugins/authentication.js'
import { presentUser } from '../presenters.js'
import * as s from '../schemas.js'

const securityKey = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: s.timestamp,
  lastUsedAt: s.timestamp.nullable(),
})

export const accountRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const signedIn = { access: { signedIn: true } } as const
    const enrolling = { access: { signedIn: true, allowPending: true } } as const

    app.get(
      '/me',
      { config: signedIn, schema: { tags: ['account'], summary: 'Your account', response: { 200: s.user } } },
      async (request) => presentUser(request.actor, request.user!, await organizationIdsOf(ctx.db, request.user!.id)),
    )

    app.patch(
      '/me',
      {
        config: signedIn,
        schema: {
          tags: ['account'],
          summary: 'Change your name or time zone',
          body: z.strictObject({ name: s.name.optional(), timeZone: z.string().max(64).nullable().optional() }),
          response: { 200: s.user },
        },
      },
      async (request) => {
        const user = await updateProfile(ctx.db, request.actor, request.user!.id, request.body)
        return presentUser(request.actor, user, await organizationIdsOf(ctx.db, user.id))
      },
    )

    app.post(
      '/me/password',
      {
        config: { ...signedIn, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['account'],
          summary: 'Change your password (signs out your other browsers)',
          body: z.strictObject({ currentPassword: s.password, newPassword: s.password }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await changePassword(
          ctx.db,
          request.user!,
          request.session?.id ?? null,
          request.body.currentPassword,
          request.body.newPassword,
        )
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/me/totp',
      {
        config: enrolling,
        schema: {
          tags: ['account'],
          summary: 'Start setting up an authenticator app',
          response: { 200: z.object({ secret: z.string(), uri: z.string() }) },
        },
      },
      async (request) => beginTotpEnrolment(ctx.db, request.user!),
    )

    app.post(
      '/me/totp/confirm',
      {
        config: { ...enrolling, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['account'],
          summary: 'Confirm the authenticator app with its current code',
          body: z.strictObject({ code: z.string().max(12) }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        const promoted = await confirmTotpEnrolment(
          ctx.db,
          request.session,
          request.user!,
          request.body.code,
          ctx.config.sessionTtlHours,
        )
        if (promoted) setSessionCookie(reply, ctx.secureCookies, promoted.token, promoted.expiresAt)
        return reply.code(204).send(null)
      },
    )

    app.delete(
      '/me/totp',
      {
        config: signedIn,
        schema: {
          tags: ['account'],
          summary: 'Remove the authenticator app (not for staff)',
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeTotp(ctx.db, request.actor, request.user!)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/me/security-keys',
      {
        config: signedIn,
        schema: { tags: ['account'], summary: 'Your security keys', response: { 200: z.array(securityKey) } },
      },
      async (request) =>
        (await listCredentials(ctx.db, request.user!.id)).map((c) => ({
          id: c.id,
          name: c.name,
          createdAt: c.created_at.toISOString(),
          lastUsedAt: c.last_used_at?.toISOString() ?? null,
        })),
    )

    app.post(
      '/me/security-keys/options',
      {
        config: signedIn,
        schema: {
          tags: ['account'],
          summary: 'Challenge for registering a security key',
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      async (request) => {
        if (!request.session)
          throw new BadRequestError('Register security keys from a browser session, not with an API token.')
        return (await registrationOptions(
          ctx.db,
          ctx.relyingParty,
          request.session,
          request.user!,
        )) as unknown as Record<string, unknown>
      },
    )

    app.post(
      '/me/security-keys',
      {
        config: signedIn,
        schema: {
          tags: ['account'],
          summary: 'Register a security key',
          body: z.strictObject({
            name: s.name,
            response: z.looseObject({
              id: z.string(),
              rawId: z.string(),
              type: z.literal('public-key'),
              response: z.record(z.string(), z.unknown()),
            }),
          }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await registerCredential(
          ctx.db,
          ctx.relyingParty,
          sessionOf(request),
          request.user!,
          request.body.name,
          request.body.response as never,
        )
        return reply.code(204).send(null)
      },
    )

    app.delete(
      '/me/security-keys/:id',
      {
        config: signedIn,
        schema: {
          tags: ['account'],
          summary: 'Remove a security key',
          params: s.idParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeCredential(ctx.db, request.user!.id, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
