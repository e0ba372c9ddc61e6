// Completing a password reset from its link (links are issued by admins: see users.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { completePasswordReset } from '../../../commands/accounts/passwordResets.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

export const passwordResetRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/password-resets/complete',
      {
        config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags: ['account'],
          summary: 'Set a new password with a reset link',
          body: z.strictObject({ token: z.string().min(1).max(200), password: s.password }),
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await completePasswordReset(ctx.db, request.body.token, request.body.password)
        return reply.code(204).send(null)
      },
    )
  }
