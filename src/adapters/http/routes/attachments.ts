// Files: uploaded as the raw request body (Content-Type: application/octet-stream, the name in
// `?name=`), at most `attachmentLimitBytes` (413 beyond), and downloaded only as attachments:
// application/octet-stream, Content-Disposition: attachment, nosniff and a sandboxing CSP, so a
// browser never renders or runs what a stranger sent.
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  attachAsCoordinator,
  attachAsReporter,
  attachmentForActor,
  attachmentForFollowUp,
  attachToThread,
  threadAttachments,
  type Upload,
} from '../../../commands/attachments.js'
import { formatBytes } from '../../../domain/filenames.js'
import { UnsupportedMediaTypeError } from '../../../domain/errors.js'
import { attachmentContent, type AttachmentMeta } from '../../../store/attachments.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

export const FOLLOW_UP_HEADER = 'x-follow-up-token'

const uploadQuery = z.strictObject({
  name: z.string().min(1, 'must name the file').max(1000),
  tlp: s.tlpLabel.default('AMBER'),
})
const reporterUploadQuery = z.strictObject({ name: z.string().min(1, 'must name the file').max(1000) })
const followUpHeaders = z.object({
  [FOLLOW_UP_HEADER]: z.string().min(1, 'must carry the follow-up link’s secret').max(200),
})
const threadParams = z.strictObject({ id: z.string(), thread: z.string() })

export function presentAttachment(
  a: Pick<AttachmentMeta, 'id' | 'filename' | 'size' | 'sha256' | 'tlp' | 'author' | 'created_at'> & {
    author_name?: string | null
  },
): z.infer<typeof s.attachment> {
  const authorName = a.author === 'reporter' ? 'Reporter' : (a.author_name ?? 'Coordinator')
  return {
    id: a.id,
    filename: a.filename,
    size: a.size,
    sha256: a.sha256,
    tlp: a.tlp,
    author: a.author,
    authorName,
    at: a.created_at.toISOString(),
  }
}

function uploadOf(request: { query: { name: string }; body: unknown; headers: Record<string, unknown> }): Upload {
  if (!Buffer.isBuffer(request.body))
    throw new UnsupportedMediaTypeError(
      'Send the file itself as the body, with Content-Type: application/octet-stream.',
    )
  return {
    name: request.query.name,
    declaredType: typeof request.headers['x-file-type'] === 'string' ? request.headers['x-file-type'] : undefined,
    content: request.body as Buffer,
  }
}

/** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}

async function sendFile(reply: FastifyReply, ctx: HttpContext, a: { id: string; filename: string; sha256: string }) {
  const content = await attachmentContent(ctx.db, a.id)
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', contentDisposition(a.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .header('digest', `sha-256=${Buffer.from(a.sha256, 'hex').toString('base64')}`)
    .send(content)
}

export const attachmentRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const limit = ctx.config.attachmentLimitBytes
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: limit },
      (_request, body, done) => done(null, body),
    )
    const binaryBody = `The file itself as the request body (Content-Type: application/octet-stream), at most ${formatBytes(limit)}; its type may be given in X-File-Type.`
    const upload = { bodyLimit: limit, consumes: ['application/octet-stream'] }

    app.post(
      '/reports/follow-up/attachments',
      {
        ...upload,
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['reports'],
          summary: 'Add a file to your report through its private follow-up link (the secret in X-Follow-Up-Token)',
          description: binaryBody,
          querystring: reporterUploadQuery,
          headers: followUpHeaders,
          response: { 201: s.attachment },
        },
      },
      async (request, reply) => {
        const { attachment } = await attachAsReporter(ctx.db, request.headers[FOLLOW_UP_HEADER], uploadOf(request))
        return reply.code(201).send(presentAttachment(attachment))
      },
    )

    app.get(
      '/reports/follow-up/attachments/:id',
      {
        config: { access: { public: true }, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags: ['reports'],
          summary: "Download one of your report's files through the follow-up link",
          params: s.idParams,
          headers: followUpHeaders,
        },
      },
      async (request, reply) =>
        sendFile(reply, ctx, await attachmentForFollowUp(ctx.db, request.headers[FOLLOW_UP_HEADER], request.params.id)),
    )

    app.post(
      '/reports/:id/attachments',
      {
        ...upload,
        config: { access: { policy: { resource: 'report', action: 'triage' } } },
        schema: {
          tags: ['triage'],
          summary: 'Send the reporter a file (it appears on their follow-up page)',
          description: binaryBody,
          params: s.idParams,
          querystring: uploadQuery,
          response: { 201: s.attachment },
        },
      },
      async (request, reply) => {
        const row = await attachAsCoordinator(
          ctx.db,
          request.actor,
          request.params.id,
          uploadOf(request),
          request.query.tlp,
        )
        return reply.code(201).send(presentAttachment({ ...row, author_name: request.user?.name ?? null }))
      },
    )

    app.get(
      '/cases/:id/threads/:thread/attachments',
      {
        config: { access: { policy: { resource: 'thread', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary: 'The files posted to a thread, oldest first',
          params: threadParams,
          response: { 200: z.array(s.attachment) },
        },
      },
      async (request) => {
        const { id, thread } = request.params
        return (await threadAttachments(ctx.db, request.actor, id, thread)).map(presentAttachment)
      },
    )

    app.post(
      '/cases/:id/threads/:thread/attachments',
      {
        ...upload,
        config: { access: { policy: { resource: 'thread', action: 'post' } } },
        schema: {
          tags: ['cases'],
          summary: 'Post a file to a thread; its TLP label travels with it and the ledger records its hash',
          description: binaryBody,
          params: threadParams,
          querystring: uploadQuery,
          response: { 201: s.attachment },
        },
      },
      async (request, reply) => {
        const { id, thread } = request.params
        const posted = await attachToThread(ctx.db, request.actor, id, thread, uploadOf(request), request.query.tlp)
        return reply.code(201).send(presentAttachment({ ...posted, author_name: request.user?.name ?? null }))
      },
    )

    app.get(
      '/attachments/:id',
      {
        // Who may download depends on where the file was posted: the report's or the thread's readers.
        config: { access: { signedIn: true } },
        schema: {
          tags: ['cases'],
          summary: 'Download a file (always as an attachment, never shown inline)',
          params: s.idParams,
        },
      },
      async (request, reply) =>
        sendFile(reply, ctx, await attachmentForActor(ctx.db, request.actor, request.params.id)),
    )
  }
