// What the world sees: the documents written at release, served as they were written (the
// advisory page, CSAF with its provider metadata and ROLIE feed, OSV, CVE records, the public
// JSON, the Atom feed), each with its hashes and detached signature, the CSAF provider's own files
// (csafProvider.ts), and the public index with search. Before a release there is no row, so every
// advisory's URL answers 404, and says not to cache that answer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { toPublicJson, type AdvisorySnapshot } from '../../../domain/advisory/index.js'
import { advisoryLinks, otherOsvPath, securityTxtPath } from '../../../domain/advisory/links.js'
import { csafProvider } from './csafProvider.js'
import { publicFrameStyles } from '../../../domain/advisory/publicFrame.js'
import { feedsOf } from '../../../commands/release/documents.js'
import type { HttpContext } from '../context.js'
import {
  countPublishedAdvisories,
  findPublishedAdvisory,
  findPublishedDocument,
  searchPublishedAdvisories,
} from '../../../store/published.js'
import * as s from '../schemas.js'
import { sendProblem } from '../plugins/problems.js'
import { endedOf, endedSentence } from '../../../domain/advisory/ended.js'

const stylesheet = `${publicFrameStyles}
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fff}
main{max-width:48rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.8rem;line-height:1.2}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}
.advisory-id,.dates{color:#57606a}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #d0d7de;padding:.4rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.4rem 0}code{font-size:.9em;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dd{margin:0}
.status-affected{color:#a40e26}.status-fixed{color:#1a7f37}.status-not_affected{color:#1a7f37}
.via{font-weight:400;color:#57606a;font-size:.9em}
a{color:#0969da}.ended{display:block;color:#a40e26;border-left:4px solid #a40e26;padding:.4rem .8rem;background:#fff5f5}`

export const publishedRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const provider = csafProvider(ctx)
    // The provider's files, derived from what is published (a provider metadata an older release
    // wrote is not read), else a document written at release, else a feed before the first
    // release; else a hash or signature file of any of these.
    const documentAt = async (path: string) =>
      (await provider.document(path)) ?? (await publishedAt(path)) ?? emptyFeed(path)
    // An OSV record answers at its readable address and at the one it had before ("-V1"), with
    // the newer of the two rows: a release before the readable ids wrote only the old one, a
    // revision since writes only the new one. Served at both, never redirected, like CSAF.
    async function publishedAt(path: string) {
      const other = otherOsvPath(path)
      const [found, alias] = await Promise.all([
        findPublishedDocument(ctx.db, path),
        other ? findPublishedDocument(ctx.db, other) : undefined,
      ])
      if (!found || !alias) return found ?? alias
      return alias.updated_at > found.updated_at ? alias : found
    }
    const find = async (path: string) => (await documentAt(path)) ?? (await provider.companion(path, documentAt))

    async function serve(request: FastifyRequest, reply: FastifyReply) {
      const path = decodeURIComponent(request.url.split('?')[0]!)
      // Public documents: any site or tool may fetch them (CSAF 2.1 requirements 24 and 25: CORS
      // for everyone, no User-Agent refused), at the address asked, never redirected (§7.1.6).
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin')
      const doc = await find(path)
      if (!doc) {
        const listing = await provider.listing(path)
        if (listing)
          return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=60').send(listing)
        reply.header('cache-control', 'no-store')
        return reply.code(404).type('text/plain; charset=utf-8').send(`Nothing is published at ${path}.\n`)
      }
      reply
        .header('etag', doc.etag)
        .header('last-modified', doc.updated_at.toUTCString())
        .header('cache-control', 'public, max-age=60')
      if (request.headers['if-none-match'] === doc.etag) return reply.code(304).send()
      return reply.type(doc.content_type).send(doc.body)
    }
    // Before the first release the feeds exist, empty and valid, so that a reader can subscribe
    // to them from the first day; the release writes them over. Dated at the epoch, so that the
    // same bytes (and so the same hashes and signature) are served until then.
    function emptyFeed(path: string) {
      const feed = feedsOf([], ctx.config.publicUrl, ctx.config.release.publisherName ?? 'Lockstep', new Date(0)).find(
        (d) => d.path === path,
      )
      return feed
        ? { body: feed.body, content_type: feed.contentType, etag: '"empty"', updated_at: new Date(0) }
        : undefined
    }
    for (const route of [
      '/advisories/*',
      '/advisories.atom',
      '/advisories.atom.*',
      '/osv/*',
      '/cve/*',
      '/.well-known/csaf',
      '/.well-known/csaf/*',
      securityTxtPath,
    ])
      app.get(route, serve)
    app.get('/advisory.css', (_req: FastifyRequest, reply: FastifyReply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
    )
  }

const summary = z.object({
  id: z.string(),
  title: z.string(),
  overview: z.string(),
  releasedAt: s.timestamp,
  updatedAt: s.timestamp,
  cves: z.array(z.string()),
  url: z.string(),
  csaf: z.string(),
  ended: z.string().nullable().describe('"Withdrawn on …: reason" or "Superseded by … on …: reason", once it ended'),
})

/** The public JSON API under /api/v1: the index of published advisories (with search) and each one. */
export const publicAdvisoryRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const cors = (reply: FastifyReply) =>
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin')
    app.get(
      '/advisories',
      {
        config: { access: { public: true }, rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: {
          tags: ['advisories'],
          summary: 'Published advisories, newest first; q searches the ID, title, overview and CVE IDs',
          querystring: s.page.extend({ q: z.string().max(200).optional() }).strict(),
          response: { 200: z.object({ items: z.array(summary), total: z.number() }) },
        },
      },
      async (request, reply) => {
        cors(reply)
        const [rows, total] = await Promise.all([
          searchPublishedAdvisories(ctx.db, request.query.q, request.query),
          countPublishedAdvisories(ctx.db, request.query.q),
        ])
        return {
          items: rows.map((snapshot) => {
            const a = snapshot as AdvisorySnapshot
            const links = advisoryLinks(a)
            const ended = endedOf(a)
            return {
              id: a.id,
              title: a.title,
              overview: a.overview,
              releasedAt: a.initialReleaseDate,
              updatedAt: a.currentReleaseDate,
              cves: a.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])),
              url: links.page,
              csaf: links.csaf,
              ended: ended ? endedSentence(ended) : null,
            }
          }),
          total,
        }
      },
    )

    app.get(
      '/advisories/:id',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['advisories'],
          summary: 'One published advisory, in the public JSON form',
          params: s.idParams,
        },
      },
      async (request, reply) => {
        cors(reply)
        const snapshot = await findPublishedAdvisory(ctx.db, request.params.id)
        if (!snapshot) {
          reply.header('cache-control', 'no-store')
          return sendProblem(reply, 404, 'not-found', `No advisory ${request.params.id} is published.`)
        }
        return toPublicJson(snapshot as AdvisorySnapshot)
      },
    )
  }
