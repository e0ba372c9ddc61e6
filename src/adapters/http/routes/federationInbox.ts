// The wire side of federation, outside /api/v1 (peers are instances, not users): the instance's
// description at /.well-known/lockstep-peer, and the inbox where peers post signed activities.
// The inbox reads its body as bytes (the content digest is over the bytes as sent), at most
// INBOX_LIMIT_BYTES (larger: 413 before it is read), and logs every refusal with its reason.
import type { FastifyPluginAsync } from 'fastify'
import { ourPeerDocument } from '../../../commands/federation/peers.js'
import { receiveActivity } from '../../../commands/federation/inbox.js'
import { normalizeBaseUrl } from '../../../domain/federation/peerDocument.js'
import { FederationRefusal, type RefusalReason } from '../../../domain/federation/refusal.js'
import {
  claimedKeyId,
  DEFAULT_INBOX_LIMITS,
  InboxRateLimiter,
  peerKey,
  unverifiedKey,
} from '../../../domain/federation/inboxRateLimit.js'
import {
  ACTIVITY_MEDIA_TYPE,
  INBOX_LIMIT_BYTES,
  INBOX_PATH,
  WELL_KNOWN_PATH,
} from '../../../domain/federation/rules.js'
import type { HttpContext } from '../context.js'

/** Refusals that come before the sender is known to be a pinned peer. */
const unknownSender = new Set<RefusalReason>([
  'unsigned',
  'malformed-signature',
  'not-covered',
  'stale',
  'unknown-peer',
  'unpinned-peer',
  'bad-signature',
])

export const federationInboxRoutes =
  (ctx: HttpContext): FastifyPluginAsync =>
  async (app) => {
    const limiter = new InboxRateLimiter()
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
      // Too fast (inboxRateLimit.ts): refused before any work, with when to come back.
      const limits = ctx.config.federationInbox ?? DEFAULT_INBOX_LIMITS
      const now = Date.now()
      const claimed = claimedKeyId(request.headers['signature-input'])
      const wait = Math.max(
        limiter.retryAfter(unverifiedKey(request.ip), limits.perUnverified, limits.windowSeconds, now),
        claimed ? limiter.retryAfter(peerKey(claimed), limits.perPeer, limits.windowSeconds, now) : 0,
      )
      if (wait > 0) {
        request.log.warn({ from: request.ip, keyId: claimed }, 'federation: message refused: too many requests')
        return reply
          .code(429)
          .header('retry-after', String(wait))
          .type('application/problem+json')
          .send({
            type: 'about:blank',
            title: 'Too many requests',
            status: 429,
            detail: `Too many messages from this sender; try again in ${wait} s.`,
          })
      }
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
        limiter.hit(peerKey(received.keyId), limits.windowSeconds, now)
        return reply.code(202).send({ activityId: received.activityId, duplicate: received.duplicate })
      } catch (error) {
        // Refused before the sender was known: counted against its address; after, against its key.
        if (error instanceof FederationRefusal)
          limiter.hit(
            unknownSender.has(error.reason) || !claimed ? unverifiedKey(request.ip) : peerKey(claimed),
            limits.windowSeconds,
            now,
          )
        if (error instanceof FederationRefusal)
          request.log.warn(
            { reason: error.reason, status: error.status, from: request.ip },
            `federation: message refused: ${error.message}`,
          )
        throw error
      }
    })
  }
