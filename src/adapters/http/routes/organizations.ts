// Organizations and their members.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  createOrganization,
  loadOrganization,
  removeMember,
  setMemberRole,
  updateOrganization,
} from '../../../commands/organizations/organizations.js'
import { organizationScope } from '../../../domain/policy/index.js'
import { listMembers, listOrganizationsVisibleTo } from '../../../store/organizations.js'
import type { HttpContext } from '../context.js'
import { presentMember, presentOrganization } from '../presenters.js'
import * as s from '../schemas.js'

const memberParams = z.strictObject({ id: z.string(), userId: z.string() })

export const organizationRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/organizations',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['organizations'],
          summary: 'Organizations you may see (yours; all of them for staff)',
          querystring: z.strictObject({ kind: s.organizationKind.optional(), q: z.string().max(200).optional() }),
          response: { 200: z.array(s.organization) },
        },
      },
      async (request) =>
        (
          await listOrganizationsVisibleTo(ctx.db, organizationScope(request.actor), {
            kind: request.query.kind,
            query: request.query.q,
          })
        ).map((o) => presentOrganization(request.actor, o)),
    )

    app.post(
      '/organizations',
      {
        config: { access: { policy: { resource: 'instance', action: 'create_organization' } } },
        schema: {
          tags: ['organizations'],
          summary: 'Create an organization (staff)',
          body: z.strictObject({
            name: s.name,
            kind: s.organizationKind,
            slug: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes')
              .optional(),
          }),
          response: { 201: s.organization },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(presentOrganization(request.actor, await createOrganization(ctx.db, request.actor, request.body))),
    )

    app.get(
      '/organizations/:id',
      {
        config: { access: { policy: { resource: 'organization', action: 'read' } } },
        schema: {
          tags: ['organizations'],
          summary: 'One organization',
          params: s.idParams,
          response: { 200: s.organization },
        },
      },
      async (request) =>
        presentOrganization(request.actor, await loadOrganization(ctx.db, request.actor, request.params.id, 'read')),
    )

    app.patch(
      '/organizations/:id',
      {
        config: { access: { policy: { resource: 'organization', action: 'update' } } },
        schema: {
          tags: ['organizations'],
          summary: 'Rename an organization or change its kind',
          params: s.idParams,
          body: z.strictObject({ name: s.name.optional(), kind: s.organizationKind.optional() }),
          response: { 200: s.organization },
        },
      },
      async (request) =>
        presentOrganization(
          request.actor,
          await updateOrganization(ctx.db, request.actor, request.params.id, request.body),
        ),
    )

    app.get(
      '/organizations/:id/members',
      {
        config: { access: { policy: { resource: 'organization', action: 'read' } } },
        schema: {
          tags: ['organizations'],
          summary: 'Members of an organization',
          params: s.idParams,
          response: { 200: z.array(s.member) },
        },
      },
      async (request) => {
        const org = await loadOrganization(ctx.db, request.actor, request.params.id, 'read')
        return (await listMembers(ctx.db, org.id)).map((m) => presentMember(request.actor, org.id, m))
      },
    )

    app.put(
      '/organizations/:id/members/:userId',
      {
        config: { access: { policy: { resource: 'membership', action: 'update' } } },
        schema: {
          tags: ['organizations'],
          summary: "Change a member's role",
          params: memberParams,
          body: z.strictObject({ role: s.organizationRole }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await setMemberRole(ctx.db, request.actor, request.params.id, request.params.userId, request.body.role)
        return reply.code(204).send(null)
      },
    )

    app.delete(
      '/organizations/:id/members/:userId',
      {
        config: { access: { policy: { resource: 'membership', action: 'remove' } } },
        schema: {
          tags: ['organizations'],
          summary: 'Remove a member (or leave)',
          params: memberParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeMember(ctx.db, request.actor, request.params.id, request.params.userId)
        return reply.code(204).send(null)
      },
    )
  }
