// The drafts under embargo as CSAF, for the cases' parties' tooling (CSAF 2.0 §7.1.5: TLP:AMBER
// and RED documents behind access control, with an automatable method): each case's draft with
// its hashes and detached signature, and the AMBER and RED ROLIE feeds listing the drafts the
// caller may read. A caller who may not read a draft learns nothing of it: its URLs answer 404 as
// for the case, and the feeds list only what the caller may read (an outsider's is empty).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { embargoedCsaf, listEmbargoedDrafts } from '../../../commands/release/embargoedCsaf.js'
import { toEmbargoedRolieFeed } from '../../../domain/advisory/embargoedFeed.js'
import type { EmbargoedTlp } from '../../../domain/advisory/links.js'
import { csafProvider, type ServedDocument } from './csafProvider.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const jsonBytes = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`)
const csafDocument = z.record(z.string(), z.unknown()).describe('A CSAF 2.0 or 2.1 document')
const versionQuery = z.object({ version: z.enum(['2.0', '2.1']).default('2.0') }).strict()

export const embargoedCsafRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const provider = csafProvider(ctx)
    // The bytes served are the bytes hashed and signed: the document is sent as written here.
    const send = (reply: FastifyReply, doc: ServedDocument) =>
      reply.header('cache-control', 'private, no-cache').header('etag', doc.etag).type(doc.content_type).send(doc.body)
    const draftOf = async (
      actor: Parameters<typeof embargoedCsaf>[1],
      caseId: string,
      version: '2.0' | '2.1',
    ): Promise<ServedDocument> => {
      const doc = (await embargoedCsaf(ctx.db, actor, caseId, ctx.config, version)) as {
        document: { tracking: { current_release_date: string } }
      }
      const body = jsonBytes(doc)
      return provider.served(body, 'application/json', new Date(doc.document.tracking.current_release_date))
    }

    app.get(
      '/cases/:id/advisory/csaf',
      {
        config: { access: { policy: { resource: 'advisory', action: 'read_embargoed_csaf' } } },
        schema: {
          tags: ['advisories'],
          summary:
            "Before the release, the case's advisory as a CSAF draft (TLP:AMBER, or RED for a RED case), for its parties' tooling (404 for anyone else); CSAF 2.0 unless version=2.1",
          params: s.idParams,
          querystring: versionQuery,
          response: { 200: csafDocument },
        },
      },
      async (request, reply) => send(reply, await draftOf(request.actor, request.params.id, request.query.version)),
    )

    app.get(
      '/cases/:id/advisory/csaf.:companion',
      {
        config: { access: { policy: { resource: 'advisory', action: 'read_embargoed_csaf' } } },
        schema: {
          tags: ['advisories'],
          summary:
            "The draft CSAF's SHA-256 or SHA-512 file, or its detached OpenPGP signature by the instance key (.asc)",
          params: s.idParams.extend({ companion: z.enum(['sha256', 'sha512', 'asc']) }),
          querystring: versionQuery,
          response: { 200: z.string() },
        },
      },
      async (request, reply) => {
        const draft = await draftOf(request.actor, request.params.id, request.query.version)
        const found = await provider.companion(`/csaf.${request.params.companion}`, async () => draft)
        return send(reply, found!)
      },
    )

    for (const tlp of ['AMBER', 'RED'] as const satisfies EmbargoedTlp[])
      app.get(
        `/csaf/feed-tlp-${tlp.toLowerCase()}.json`,
        {
          config: { access: { signedIn: true } },
          schema: {
            tags: ['advisories'],
            summary: `The ROLIE feed of the TLP:${tlp} CSAF drafts under embargo that the caller may read (empty for anyone else)`,
            response: { 200: z.record(z.string(), z.unknown()).describe('A ROLIE feed (RFC 8322, JSON)') },
          },
        },
        async (request, reply) => {
          const drafts = await listEmbargoedDrafts(ctx.db, request.actor, tlp)
          return send(
            reply,
            provider.served(
              jsonBytes(toEmbargoedRolieFeed(drafts, ctx.config.publicUrl, tlp)),
              'application/json',
              new Date(),
            ),
          )
        },
      )
  }
