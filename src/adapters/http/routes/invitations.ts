// Invitations: create and revoke (staff and organization admins), look up and accept (anyone with
// the link). Accepting signs the new member in.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  acceptInvitation,
  createInvitation,
  findInvitationByToken,
  listInvitationsVisibleTo,
  revokeInvitation,
} from '../../../commands/accounts/invitations.js'
import { createSession } from '../../../commands/auth/sessions.js'
import { findOrganization } from '../../../store/organizations.js'
import { findUserByEmail } from '../../../store/users.js'
import type { HttpContext } from '../context.js'
import { setSessionCookie } from '../plugins/authentication.js'
import { presentInvitation } from '../presenters.js'
import * as s from '../schemas.js'

const token = z.string().min(1, 'must not be empty').max(200)

export const invitationRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/invitations',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['invitations'],
          summary: 'Invitations you manage',
          querystring: z.strictObject({ organizationId: s.id.optional() }),
          response: { 200: z.array(s.invitation) },
        },
      },
      async (request) =>
        (await listInvitationsVisibleTo(ctx.db, request.actor, request.query.organizationId)).map((i) =>
          presentInvitation(request.actor, i),
        ),
    )

    app.post(
      '/invitations',
      {
        config: { access: { policy: { resource: 'organization', action: 'invite' } } },
        schema: {
          tags: ['invitations'],
          summary: 'Invite someone by link (to an organization, or as instance staff)',
          body: z.strictObject({
            email: s.email,
            organizationId: s.id.optional(),
            organizationRole: s.organizationRole.optional(),
            instanceRole: s.instanceRole.optional(),
          }),
          response: {
            201: s.invitation.extend({
              url: z.string().describe('The invitation link: hand it over yourself until e-mail is configured'),
            }),
          },
        },
      },
      async (request, reply) => {
        const { token: secret, invitation } = await createInvitation({
          db: ctx.db,
          actor: request.actor,
          ...request.body,
        })
        const org = invitation.organization_id ? await findOrganization(ctx.db, invitation.organization_id) : undefined
        return reply.code(201).send({
          ...presentInvitation(request.actor, { ...invitation, organization_name: org?.name ?? null }),
          url: `${ctx.config.publicUrl}/invite/${secret}`,
        })
      },
    )

    app.delete(
      '/invitations/:id',
      {
        config: { access: { policy: { resource: 'invitation', action: 'revoke' } } },
        schema: {
          tags: ['invitations'],
          summary: 'Revoke a pending invitation',
          params: s.idParams,
          response: { 200: s.invitation },
        },
      },
      async (request) =>
        presentInvitation(request.actor, await revokeInvitation(ctx.db, request.actor, request.params.id)),
    )

    app.post(
      '/invitations/lookup',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['invitations'],
          summary: 'What an invitation link is for (POST so the secret stays out of logs and history)',
          body: z.strictObject({ token }),
          response: {
            200: z.object({
              email: z.string(),
              organizationName: z.string().nullable(),
              instanceRole: s.instanceRole,
              accountExists: z.boolean(),
              expiresAt: s.timestamp,
            }),
          },
        },
      },
      async (request) => {
        const inv = await findInvitationByToken(ctx.db, request.body.token)
        const org = inv.organization_id ? await findOrganization(ctx.db, inv.organization_id) : undefined
        return {
          email: inv.email,
          organizationName: org?.name ?? null,
          instanceRole: inv.instance_role,
          accountExists: (await findUserByEmail(ctx.db, inv.email)) !== undefined,
          expiresAt: inv.expires_at.toISOString(),
        }
      },
    )

    app.post(
      '/invitations/accept',
      {
        config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['invitations'],
          summary:
            'Accept an invitation: creates the account (name and password) or joins an existing one (sign in first)',
          body: z.strictObject({ token, name: s.name.optional(), password: s.password.optional() }),
          response: { 200: z.object({ created: z.boolean(), signedIn: z.boolean() }) },
        },
      },
      async (request, reply) => {
        const { user, created } = await acceptInvitation({
          db: ctx.db,
          ...request.body,
          signedInUserId: request.user?.id,
        })
        if (!created) return { created, signedIn: true }
        // A new account is signed in at once; staff land on authenticator set-up first.
        const session = await createSession(ctx.db, {
          userId: user.id,
          pending: user.instance_role !== 'none',
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          ttlHours: user.instance_role !== 'none' ? 0.25 : ctx.config.sessionTtlHours,
          now: new Date(),
        })
        setSessionCookie(reply, ctx.secureCookies, session.token, session.session.expires_at)
        return { created, signedIn: true }
      },
    )
  }
