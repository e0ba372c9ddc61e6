// Vendors' statements as VEX documents: exported per case (or per vendor) in CSAF 2.0 VEX,
// OpenVEX 0.2.0 or CycloneDX 1.6, and imported from any of the three by a vendor for itself
// (staff on a vendor's behalf). An upload is checked against its format's schema here: CycloneDX
// by the schemas the CycloneDX library bundles, CSAF by the validator (in its worker thread), and
// OpenVEX by its reader's own checks (no dependency ships the OpenVEX schema; tests check the
// exports and the fixtures against the official one).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { validateCsafLazily } from '../../../commands/release/csafCheck.js'
import { exportVex } from '../../../commands/vendors/vexExport.js'
import { importVex, type VexSchemaCheck } from '../../../commands/vendors/vexImport.js'
import { cycloneDxVersionOf } from '../../../domain/sbom/cyclonedx.js'
import { runPausing } from '../../../domain/sbom/steps.js'
import { vexStatuses } from '../../../domain/vex.js'
import { vexFormats } from '../../../domain/vexDocuments/vexCase.js'
import { checkCycloneDxSchema } from '../../sbom/cyclonedxSchema.js'
import type { HttpContext } from '../context.js'

const VEX_UPLOAD_LIMIT = 5 * 1024 * 1024

const checkSchema: VexSchemaCheck = async (format, doc) => {
  if (format === 'csaf') return validateCsafLazily(doc)
  if (format === 'cyclonedx') {
    const version = cycloneDxVersionOf((doc as { specVersion?: unknown }).specVersion)
    if (typeof version === 'object') return [version.error]
    return runPausing(checkCycloneDxSchema(version, doc), () => new Promise((resolve) => setImmediate(resolve)))
  }
  return []
}

const mediaType = { csaf: 'application/json', openvex: 'application/json', cyclonedx: 'application/vnd.cyclonedx+json' }

export const vexRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cases/:id/vex/:format',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['vendors'],
          summary:
            "Vendors' statements as a VEX document (CSAF 2.0 VEX, OpenVEX 0.2.0 or CycloneDX 1.6): a vendor's member gets its own vendor's, the coordinators every vendor's or the one named",
          params: z.strictObject({ id: z.string(), format: z.enum(vexFormats) }),
          querystring: z.strictObject({ participantId: z.string().optional() }),
          response: { 200: z.record(z.string(), z.unknown()).describe('The VEX document') },
        },
      },
      async (request, reply) => {
        const { document, filename } = await exportVex(ctx.db, request.actor, request.params.id, {
          format: request.params.format,
          participantId: request.query.participantId,
          config: ctx.config,
        })
        return reply
          .header('content-type', `${mediaType[request.params.format]}; charset=utf-8`)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(document as Record<string, unknown>)
      },
    )

    app.post(
      '/cases/:id/vex',
      {
        config: { access: { policy: { resource: 'participant', action: 'state_position' } } },
        bodyLimit: VEX_UPLOAD_LIMIT,
        schema: {
          tags: ['vendors'],
          summary:
            "Upload your organization's VEX document (CSAF VEX, OpenVEX or CycloneDX VEX) as its statements on the case's vulnerabilities (staff: on a vendor's behalf, naming participantId); says what was taken and what was refused",
          params: z.strictObject({ id: z.string() }),
          querystring: z.strictObject({ participantId: z.string().optional() }),
          body: z.record(z.string(), z.unknown()).describe('The VEX document, as JSON'),
          response: {
            200: z.object({
              format: z.enum(vexFormats),
              taken: z.array(
                z.object({
                  at: z.string().describe('Where the statement is in the document'),
                  vulnerability: z.string(),
                  products: z.array(z.string()),
                  status: z.enum(vexStatuses),
                  statementId: z.string(),
                }),
              ),
              refused: z.array(
                z.object({
                  at: z.string(),
                  vulnerability: z.string(),
                  products: z.array(z.string()),
                  reason: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) =>
        importVex(ctx.db, request.actor, request.params.id, request.body, {
          participantId: request.query.participantId,
          checkSchema,
        }),
    )
  }
