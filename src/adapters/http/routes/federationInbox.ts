// The wire side of federation, outside /api/v1 (peers are instances, not users): the instance's
// description at /.well-known/lockstep-peer, and the inbox where peers post signed activities.
// The inbox reads its body as bytes (the content digest is over the bytes as sent), at most
// INBOX_LIMIT_BYTES (larger: 413 before it is read), and logs every refusal with its reason.
import type { FastifyPluginAsync } from 'fastify'
import { ourPeerDocument } from '../../../commands/federation/peers.js'
import { receiveActivity } from '../../../commands/federation/inbox.js'
import { normalizeBaseUrl } from '../../../domain/federation/peerDocument.js'
import { FederationRefusal } from '../../../domain/federation/refusal.js'
import {
  ACTIVITY_MEDIA_TYPE,
  INBOX_LIMIT_BYTES,
  INBOX_PATH,
  WELL_KNOWN_PATH,
} from '../../../domain/federation/rules.js'
import type { HttpContext } from '../context.js'

export const federationInboxRoutes =
  (ctx: HttpContext): FastifyPluginAsync =>
  async (app) => {
    app.get(WELL_KNOWN_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(await ourPeerDocument(ctx.db, ctx.config)),
    )

    // Only here: ActivityStreams bodies kept as the bytes that came (ld+json with the AS profile too).
    app.addContentTypeParser(
      [ACTIVITY_MEDIA_TYPE, 'application/ld+json'],
      { parseAs: 'buffer', bodyLimit: INBOX_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    )

    app.post(INBOX_PATH, { schema: { hide: true }, bodyLimit: INBOX_LIMIT_BYTES }, async (request, reply) => {
      if (!Buffer.isBuffer(request.body))
        return reply
          .code(415)
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'Unsupported media type',
            status: 415,
            detail: `Send ${ACTIVITY_MEDIA_TYPE}.`,
          })
      const targetUri = `${normalizeBaseUrl(ctx.config.publicUrl)}${request.url}`
      try {
        const received = await receiveActivity(
          ctx.db,
          { method: request.method, targetUri, headers: request.headers },
          request.body,
        )
        request.log.info(
          { peer: received.peer, activityId: received.activityId, duplicate: received.duplicate },
          received.duplicate
            ? 'federation: activity received again (already applied)'
            : 'federation: activity received',
        )
        return reply.code(202).send({ activityId: received.activityId, duplicate: received.duplicate })
      } catch (error) {
        if (error instanceof FederationRefusal)
          request.log.warn(
            { reason: error.reason, status: error.status, from: request.ip },
            `federation: message refused: ${error.message}`,
          )
        throw error
      }
    })
  }
