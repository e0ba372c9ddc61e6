// The OpenAPI 3 document, generated from the routes' zod schemas, at /api/openapi.json, and
// Swagger UI at /api/docs (served from our own origin; no inline script). Each operation states
// the access its route declares (`config.access`): public ones need no credentials, the others
// one of the two schemes, and a policy-checked one names its action.
import type { FastifyInstance, FastifySchema } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import type { RouteAccess } from './authentication.js'

const signedIn: Record<string, string[]>[] = [{ apiToken: [] }, { session: [] }]

/**
 * What the document says of a route's access. A route outside /api/v1 that declares none (health,
 * published advisories, public pages) runs without any authentication, so it is public too.
 */
export function accessInDocument(
  access: RouteAccess | undefined,
  description: string | undefined,
): { security: Record<string, string[]>[]; description?: string } {
  if (!access || 'public' in access) return { security: [], ...(description ? { description } : {}) }
  const requirement =
    'policy' in access ? `Requires ${access.policy.resource}.${access.policy.action}.` : 'Requires signing in.'
  return { security: signedIn, description: description ? `${description}\n\n${requirement}` : requirement }
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lockstep API',
        version: '1',
        description:
          'Coordinated vulnerability disclosure. Authenticate with a personal API token (`Authorization: Bearer lsk_...`) ' +
          'or a session cookie; cookie-authenticated writes need the `X-CSRF-Token` header from `GET /api/v1/session`. ' +
          'Errors are RFC 9457 problem+json documents naming the field and the problem.',
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'A personal API token from the account page' },
          session: { type: 'apiKey', in: 'cookie', name: 'ls_session' },
        },
      },
      security: signedIn,
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input)
      const schema = (out.schema ?? {}) as FastifySchema & { description?: string }
      return { ...out, schema: { ...schema, ...accessInDocument(input.route.config?.access, schema.description) } }
    },
  })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { url: '/api/openapi.json', docExpansion: 'list', deepLinking: true },
    staticCSP:
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    transformStaticCSP: (header) => header,
  })
}
