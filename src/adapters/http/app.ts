// Builds the Fastify application: security headers, problem+json errors, authentication, the
// versioned JSON API with its OpenAPI document, health checks and the web UI.
import fastify, { type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { Database } from '../../store/schema.js'
import { instanceSecret } from '../../store/instanceSecrets.js'
import { relyingPartyFor } from '../../commands/auth/webauthn.js'
import { registerAuthentication } from './plugins/authentication.js'
import { registerProblemHandlers, sendProblem } from './plugins/problems.js'
import { registerSecurityHeaders } from './plugins/securityHeaders.js'
import { clientErrorHandler, frameworkErrors } from './plugins/clientErrors.js'
import { registerStorableText } from './plugins/storableText.js'
import { registerOpenApi } from './plugins/openapi.js'
import { registerWebApp } from './plugins/webApp.js'
import { loggerOptions } from './logging.js'
import type { HttpContext } from './context.js'
import { healthRoutes } from './routes/health.js'
import { sessionRoutes } from './routes/session.js'
import { accountRoutes } from './routes/account.js'
import { tokenRoutes } from './routes/tokens.js'
import { userRoutes } from './routes/users.js'
import { organizationRoutes } from './routes/organizations.js'
import { invitationRoutes } from './routes/invitations.js'
import { passwordResetRoutes } from './routes/passwordResets.js'
import { reportRoutes } from './routes/reports.js'
import { triageRoutes } from './routes/triage.js'
import { caseRoutes } from './routes/cases.js'
import { threadRoutes } from './routes/threads.js'
import { caseStatusRoutes } from './routes/caseStatus.js'
import { embargoRoutes } from './routes/embargo.js'
import { publicAdvisoryRoutes, publishedRoutes } from './routes/published.js'
import { advisoryRoutes } from './routes/advisory.js'
import { readinessRoutes } from './routes/readiness.js'
import { inventoryRoutes } from './routes/inventories.js'
import { alertRoutes } from './routes/alerts.js'
import { publicPages } from './routes/publicPages.js'
import { demoRoutes } from './routes/demo.js'
import { attachmentRoutes } from './routes/attachments.js'
import { caseEditingRoutes } from './routes/caseEditing.js'
import { mailRoutes, wellKnownKeyRoute } from './routes/mail.js'
import { ledgerHeadRoutes, wellKnownLedgerKeyRoute } from './routes/ledgerHeads.js'
import { vendorRoutes } from './routes/vendors.js'
import { caseVendorRoutes } from './routes/caseVendors.js'
import { vendorStatementRoutes } from './routes/vendorStatements.js'
import { vexRoutes } from './routes/vex.js'
import { metricsRoutes } from './routes/metrics.js'
import { needsRoutes } from './routes/needs.js'
import { searchRoutes } from './routes/search.js'
import type { DemoSignIn } from '../../seed/demo.js'
import type { PrincipalChanges } from '../../store/principalChanges.js'
import { LiveEventHub, type LiveEvents } from '../../store/liveEvents.js'
import { eventRoutes } from './routes/events.js'
import { federationRoutes } from './routes/federation.js'
import { federationCaseRoutes } from './routes/federationCases.js'
import { peerSharedRoutes } from './routes/peerShared.js'
import { federationHandoffRoutes } from './routes/federationHandoff.js'
import { federationReportRoutes } from './routes/federationReports.js'
import { federationInboxRoutes } from './routes/federationInbox.js'

export interface BuildAppOptions {
  db: Kysely<Database>
  config: Config
  /** Pino options or false; tests pass false. */
  logger?: boolean | object
  /** Folder of the built web UI; absent in API-only tests. */
  webRoot?: string | undefined
  /** The demo sign-ins, on an instance recorded as a demo only (startServer reads the record). */
  demo?: DemoSignIn[] | null | undefined
  /** Word of changes to callers (OpenDatabase.principalChanges); without it callers are not kept. */
  principalChanges?: PrincipalChanges | undefined
  /** What open pages show changed (OpenDatabase.liveEvents); without it the live streams stay quiet. */
  liveEvents?: LiveEvents | undefined
}

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config, db } = opts
  const app = fastify({
    logger: opts.logger === undefined ? loggerOptions(config.logLevel) : opts.logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Fastify's default would echo unknown fields silently away; our schemas refuse them instead.
    ajv: { customOptions: { removeAdditional: false } },
    requestIdHeader: false,
    frameworkErrors,
    clientErrorHandler,
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  const secureCookies = config.publicUrl.startsWith('https://')
  const ctx: HttpContext = {
    db,
    config,
    deviceSecret: await instanceSecret(db, 'device-cookie'),
    challengeSecret: await instanceSecret(db, 'report-challenge'),
    secureCookies,
    relyingParty: relyingPartyFor(config.publicUrl),
    demoInstance: Boolean(opts.demo),
  }

  registerSecurityHeaders(app, { https: secureCookies })
  registerProblemHandlers(app)
  registerStorableText(app)
  await app.register(cookie)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      message: `Too many requests; try again in ${context.after}.`,
    }),
  })
  await registerOpenApi(app)
  registerAuthentication(app, {
    db,
    sessionIdleHours: config.sessionIdleHours,
    secureCookies,
    deviceSecret: ctx.deviceSecret,
    principalChanges: opts.principalChanges,
  })

  await app.register(healthRoutes(ctx))
  await app.register(wellKnownKeyRoute(ctx))
  await app.register(wellKnownLedgerKeyRoute(ctx))
  await app.register(federationInboxRoutes(ctx))
  await app.register(
    async (api) => {
      await api.register(sessionRoutes(ctx))
      await api.register(accountRoutes(ctx))
      await api.register(tokenRoutes(ctx))
      await api.register(userRoutes(ctx))
      await api.register(organizationRoutes(ctx))
      await api.register(invitationRoutes(ctx))
      await api.register(passwordResetRoutes(ctx))
      await api.register(reportRoutes(ctx))
      await api.register(triageRoutes(ctx))
      await api.register(caseRoutes(ctx))
      await api.register(ledgerHeadRoutes(ctx))
      await api.register(threadRoutes(ctx))
      await api.register(caseStatusRoutes(ctx))
      await api.register(embargoRoutes(ctx))
      await api.register(publicAdvisoryRoutes(ctx))
      await api.register(advisoryRoutes(ctx))
      await api.register(readinessRoutes(ctx))
      await api.register(inventoryRoutes(ctx))
      await api.register(alertRoutes(ctx))
      await api.register(attachmentRoutes(ctx))
      await api.register(caseEditingRoutes(ctx))
      await api.register(mailRoutes(ctx))
      await api.register(vendorRoutes(ctx))
      await api.register(caseVendorRoutes(ctx))
      await api.register(vendorStatementRoutes(ctx))
      await api.register(vexRoutes(ctx))
      await api.register(metricsRoutes(ctx))
      await api.register(needsRoutes(ctx))
      await api.register(
        eventRoutes(ctx, { events: opts.liveEvents ?? new LiveEventHub(), principalChanges: opts.principalChanges }),
      )
      await api.register(searchRoutes(ctx))
      await api.register(federationRoutes(ctx))
      await api.register(federationCaseRoutes(ctx))
      await api.register(peerSharedRoutes(ctx))
      await api.register(federationHandoffRoutes(ctx))
      await api.register(federationReportRoutes(ctx))
      if (opts.demo) await api.register(demoRoutes(opts.demo, ctx))
    },
    { prefix: '/api/v1' },
  )

  await app.register(publishedRoutes(ctx))
  await app.register(publicPages(ctx))
  if (opts.webRoot) await registerWebApp(app, opts.webRoot)
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, 'not-found', `Nothing at ${request.method} ${request.url.split('?')[0]}.`),
  )
  return app
}
