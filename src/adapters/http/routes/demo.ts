// Only on a demo instance: the demo sign-ins for the sign-in page, the current authenticator code
// of the demo staff accounts (their secrets are public, printed at start), and the demo admin's
// reset (everything wiped and the demo seeded again, its release minutes ahead).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { NotFoundError } from '../../../domain/errors.js'
import { currentTotp } from '../../../security/totp.js'
import { DEMO_PASSWORD, type DemoSignIn } from '../../../seed/demo.js'
import { resetDemo } from '../../../seed/demoReset.js'
import type { HttpContext } from '../context.js'
import { sessionCookieName } from '../plugins/authentication.js'
import * as s from '../schemas.js'

export const demoRoutes =
  (accounts: DemoSignIn[], ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/demo',
      {
        config: { access: { public: true, allowPending: true } },
        schema: {
          tags: ['demo'],
          summary: 'Demo sign-ins (demo instances only)',
          response: {
            200: z.object({
              password: z.string(),
              accounts: z.array(z.object({ email: z.string(), name: z.string(), role: z.string(), totp: z.boolean() })),
            }),
          },
        },
      },
      async () => ({
        password: DEMO_PASSWORD,
        accounts: accounts.map((a) => ({ email: a.email, name: a.name, role: a.role, totp: a.totpSecret !== null })),
      }),
    )

    app.post(
      '/demo/totp-code',
      {
        config: { access: { public: true, allowPending: true } },
        schema: {
          tags: ['demo'],
          summary: "A demo staff account's current authenticator code",
          body: z.strictObject({ email: s.email }),
          response: { 200: z.object({ code: z.string() }) },
        },
      },
      async (request) => {
        const account = accounts.find((a) => a.email === request.body.email.toLowerCase() && a.totpSecret)
        if (!account) throw new NotFoundError('demo account with an authenticator')
        return { code: currentTotp(account.totpSecret!) }
      },
    )

    app.post(
      '/demo/reset',
      {
        config: { access: { policy: { resource: 'demo_instance', action: 'reset' } } },
        schema: {
          tags: ['demo'],
          summary: 'Wipe the demo instance and seed the demo again with a fresh timeline (its admin only)',
          response: { 200: z.object({ releaseAt: z.string(), releaseInMinutes: z.number() }) },
        },
      },
      async (request, reply) => {
        const outcome = await resetDemo(ctx.db, request.actor, { releaseInMinutes: ctx.config.demoReleaseMinutes })
        // Every account was made anew: the caller's session went with the old ones.
        void reply.clearCookie(sessionCookieName(ctx.secureCookies), { path: '/' })
        return { releaseAt: outcome.releaseAt.toISOString(), releaseInMinutes: outcome.releaseInMinutes }
      },
    )
  }
