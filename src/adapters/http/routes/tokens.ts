// Personal API tokens.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { createOwnApiToken, listApiTokens, revokeApiToken } from '../../../commands/accounts/apiTokens.js'
import { tokenScopes } from '../../../domain/actor.js'
import { STAFF_TOKEN_MAX_DAYS } from '../../../domain/policy/index.js'
import type { HttpContext } from '../context.js'
import { presentApiToken } from '../presenters.js'
import * as s from '../schemas.js'

export const tokenRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/tokens',
      {
        config: { access: { signedIn: true } },
        schema: { tags: ['tokens'], summary: 'Your API tokens', response: { 200: z.array(s.apiToken) } },
      },
      async (request) => (await listApiTokens(ctx.db, request.user!.id)).map((t) => presentApiToken(request.actor, t)),
    )

    app.post(
      '/tokens',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token (the secret is shown only in this response)',
          body: z.strictObject({
            name: z.string().trim().min(1, 'must not be empty').max(100),
            expiresInDays: z
              .number()
              .int()
              .min(1)
              .max(3650)
              .optional()
              .describe(`Required for staff, at most ${STAFF_TOKEN_MAX_DAYS}`),
            scope: z
              .enum(tokenScopes)
              .optional()
              .describe('read: only reads (any write answers 403); read_write: all you may do. Required for staff'),
          }),
          response: { 201: s.apiToken.extend({ token: z.string() }) },
        },
      },
      async (request, reply) => {
        const { token, row } = await createOwnApiToken(ctx.db, request.actor, request.body.name, {
          expiresInDays: request.body.expiresInDays,
          scope: request.body.scope,
        })
        return reply.code(201).send({ ...presentApiToken(request.actor, row), token })
      },
    )

    app.delete(
      '/tokens/:id',
      {
        config: { access: { policy: { resource: 'api_token', action: 'revoke' } } },
        schema: { tags: ['tokens'], summary: 'Revoke an API token', params: s.idParams, response: { 200: s.apiToken } },
      },
      async (request) => presentApiToken(request.actor, await revokeApiToken(ctx.db, request.actor, request.params.id)),
    )
  }
