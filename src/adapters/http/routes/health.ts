// Liveness and readiness for load balancers and orchestrators.
import { pingDatabase } from '../../../store/health.js'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { appliedVersion, latestVersion } from '../../../store/migrate.js'
import type { HttpContext } from '../context.js'
import { sendProblem } from '../plugins/problems.js'

export const healthRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'The process is alive',
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    )

    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'The database is reachable and fully migrated',
          response: { 200: z.object({ status: z.literal('ready'), database: z.string(), schemaVersion: z.number() }) },
        },
      },
      async (_request, reply) => {
        try {
          await pingDatabase(ctx.db)
          const version = await appliedVersion(ctx.db)
          if (version < latestVersion)
            return sendProblem(
              reply,
              503,
              'not-ready',
              `Database schema is at version ${version}; ${latestVersion} is needed. Run \`lockstep migrate\`.`,
            )
          return {
            status: 'ready' as const,
            database: ctx.config.databaseUrl ? 'postgres' : 'embedded',
            schemaVersion: version,
          }
        } catch {
          return sendProblem(reply, 503, 'not-ready', 'The database cannot be reached.')
        }
      },
    )
  }
