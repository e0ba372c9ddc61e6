// Users, as the admin pages and scripts see them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  createUser,
  listUsersFor,
  loadUser,
  setDisabled,
  setInstanceRole,
  updateProfile,
} from '../../../commands/accounts/users.js'
import { issuePasswordReset } from '../../../commands/accounts/passwordResets.js'
import { resetSecondFactors } from '../../../commands/auth/secondFactor.js'
import type { Db } from '../../../store/db.js'
import { organizationIdsOf } from '../../../store/users.js'
import type { Actor } from '../../../domain/actor.js'
import type { UserRow } from '../../../store/schema.js'
import type { HttpContext } from '../context.js'
import { presentUser } from '../presenters.js'
import * as s from '../schemas.js'

async function present(db: Db, actor: Actor, user: UserRow) {
  return presentUser(actor, user, await organizationIdsOf(db, user.id))
}

export const userRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/users',
      {
        config: { access: { policy: { resource: 'instance', action: 'list_users' } } },
        schema: {
          tags: ['users'],
          summary: 'All users (staff)',
          querystring: s.page.extend({ q: z.string().max(200).optional() }).strict(),
          response: { 200: z.object({ items: z.array(s.user), total: z.number() }) },
        },
      },
      async (request) => {
        const { rows, total, organizationsOf } = await listUsersFor(ctx.db, request.actor, {
          query: request.query.q,
          limit: request.query.limit,
          offset: request.query.offset,
        })
        return { items: rows.map((u) => presentUser(request.actor, u, organizationsOf(u.id))), total }
      },
    )

    app.post(
      '/users',
      {
        config: { access: { policy: { resource: 'instance', action: 'create_user' } } },
        schema: {
          tags: ['users'],
          summary: 'Create a user with a password (admins; invitations are usually better)',
          body: z.strictObject({
            email: s.email,
            name: s.name,
            password: s.password,
            instanceRole: s.instanceRole.default('none'),
          }),
          response: { 201: s.user },
        },
      },
      async (request, reply) => {
        const user = await createUser({ db: ctx.db, actor: request.actor, ...request.body })
        return reply.code(201).send(await present(ctx.db, request.actor, user))
      },
    )

    app.get(
      '/users/:id',
      {
        config: { access: { policy: { resource: 'user', action: 'read' } } },
        schema: { tags: ['users'], summary: 'One user', params: s.idParams, response: { 200: s.user } },
      },
      async (request) => {
        const { user, resource } = await loadUser(ctx.db, request.actor, request.params.id, 'read')
        return presentUser(request.actor, user, resource.organizationIds)
      },
    )

    app.patch(
      '/users/:id',
      {
        config: { access: { policy: { resource: 'user', action: 'update' } } },
        schema: {
          tags: ['users'],
          summary: "Change a user's name or time zone",
          params: s.idParams,
          body: z.strictObject({ name: s.name.optional(), timeZone: z.string().max(64).nullable().optional() }),
          response: { 200: s.user },
        },
      },
      async (request) =>
        present(ctx.db, request.actor, await updateProfile(ctx.db, request.actor, request.params.id, request.body)),
    )

    app.put(
      '/users/:id/role',
      {
        config: { access: { policy: { resource: 'user', action: 'change_role' } } },
        schema: {
          tags: ['users'],
          summary: "Set a user's instance role",
          params: s.idParams,
          body: z.strictObject({ instanceRole: s.instanceRole }),
          response: { 200: s.user },
        },
      },
      async (request) =>
        present(
          ctx.db,
          request.actor,
          await setInstanceRole(ctx.db, request.actor, request.params.id, request.body.instanceRole),
        ),
    )

    app.put(
      '/users/:id/disabled',
      {
        config: { access: { policy: { resource: 'user', action: 'disable' } } },
        schema: {
          tags: ['users'],
          summary: 'Disable or re-enable a user (disabling signs them out)',
          params: s.idParams,
          body: z.strictObject({ disabled: z.boolean() }),
          response: { 200: s.user },
        },
      },
      async (request) =>
        present(
          ctx.db,
          request.actor,
          await setDisabled(ctx.db, request.actor, request.params.id, request.body.disabled),
        ),
    )

    app.delete(
      '/users/:id/second-factors',
      {
        config: { access: { policy: { resource: 'user', action: 'reset_second_factors' } } },
        schema: {
          tags: ['users'],
          summary: "Clear a user's authenticator app and security keys and sign them out (lost device)",
          params: s.idParams,
          response: { 200: s.user },
        },
      },
      async (request) =>
        present(ctx.db, request.actor, await resetSecondFactors(ctx.db, request.actor, request.params.id)),
    )

    app.post(
      '/users/:id/password-reset',
      {
        config: { access: { policy: { resource: 'user', action: 'issue_password_reset' } } },
        schema: {
          tags: ['users'],
          summary: 'Issue a password reset link for a user (hand it over yourself until e-mail is configured)',
          params: s.idParams,
          response: { 201: z.object({ url: z.string(), expiresAt: s.timestamp }) },
        },
      },
      async (request, reply) => {
        const { token, expiresAt } = await issuePasswordReset(ctx.db, request.actor, request.params.id)
        return reply
          .code(201)
          .send({ url: `${ctx.config.publicUrl}/reset/${token}`, expiresAt: expiresAt.toISOString() })
      },
    )
  }
