// What the peers sharing a case said of their own vendors (issue 17): each vendor's state and facts
// and its approved statements, read-only beside the case's own (they are not participants here).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { peerSharedFor } from '../../../commands/federation/peerSharing.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const peer = z.object({ name: z.string(), baseUrl: z.string() })

export const peerSharedRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cases/:id/peer-shared',
      {
        config: { access: { policy: { resource: 'case', action: 'read_ledger' } } },
        schema: {
          tags: ['federation'],
          summary: 'The vendors of the peers sharing the case, with their states and approved statements (read-only)',
          params: s.idParams,
          response: {
            200: z.object({
              vendors: z.array(
                z.object({
                  peer,
                  name: z.string(),
                  rmState: z.string().describe("The vendor's report-management state on the peer"),
                  vendorAware: s.timestamp.nullable(),
                  fixReady: s.timestamp.nullable(),
                  fixDeployed: s.timestamp.nullable(),
                  statedAt: s.timestamp,
                }),
              ),
              statements: z.array(
                z.object({
                  peer,
                  vendor: z.string(),
                  vulnerability: z.string(),
                  cve: z.string().nullable(),
                  status: z.string(),
                  justification: z.string().nullable(),
                  fixedVersions: z.array(z.string()),
                  remediation: z.string().nullable(),
                  approvedAt: s.timestamp,
                }),
              ),
            }),
          },
        },
      },
      async (request) => peerSharedFor(ctx.db, request.actor, request.params.id),
    )
  }
