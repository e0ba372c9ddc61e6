// The OpenAPI 3 document, generated from the routes' zod schemas, at /api/openapi.json, and
// Swagger UI at /api/docs (served from our own origin; no inline script).
import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'

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
      security: [{ apiToken: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
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
