// The instance admin's federation API: the peer instances (adding one by its address, confirming
// its fingerprint, removing it), sending a peer a ping, what was sent and received, and the
// instance's own ledger. The wire side (the well-known document, the inbox) is federationInbox.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { addPeer, confirmPeer, peersFor, removePeer } from '../../../commands/federation/peers.js'
import { sendPing } from '../../../commands/federation/send.js'
import { federationActivity, instanceLedgerFor } from '../../../commands/federation/activity.js'
import { fingerprintOf } from '../../../security/federationKey.js'
import type { PeerRow } from '../../../store/federation/peers.js'
import { fetchPeerDocument } from '../../federation/client.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const peer = z.object({
  id: s.id,
  baseUrl: z.string(),
  name: z.string(),
  inbox: z.string(),
  keyId: z.string(),
  fingerprint: z.string().describe('The key id in groups of four: compare it with the peer’s admin out of band'),
  state: z.enum(['pending', 'pinned', 'removed']),
  addedAt: s.timestamp,
  pinnedAt: s.timestamp.nullable(),
})

const presentPeer = (p: PeerRow) => ({
  id: p.id,
  baseUrl: p.base_url,
  name: p.name,
  inbox: p.inbox_url,
  keyId: p.key_id,
  fingerprint: fingerprintOf(p.key_id),
  state: p.state,
  addedAt: p.added_at.toISOString(),
  pinnedAt: p.pinned_at?.toISOString() ?? null,
})

const manage = { access: { policy: { resource: 'instance', action: 'manage_peers' } } } as const
const list = { access: { policy: { resource: 'instance', action: 'list_peers' } } } as const

export const federationRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/federation/peers',
      {
        config: list,
        schema: { tags: ['federation'], summary: 'The peer instances', response: { 200: z.array(peer) } },
      },
      async (request) => (await peersFor(ctx.db, request.actor)).map(presentPeer),
    )

    app.post(
      '/federation/peers',
      {
        config: manage,
        schema: {
          tags: ['federation'],
          summary: 'Add a peer by its address: its key is fetched and kept pending until its fingerprint is confirmed',
          body: z.strictObject({ url: z.string().trim().min(1, 'must not be empty').max(500) }),
          response: { 201: peer },
        },
      },
      async (request, reply) => {
        const row = await addPeer(ctx.db, request.actor, {
          url: request.body.url,
          fetchDocument: fetchPeerDocument,
          ourBaseUrl: ctx.config.publicUrl,
        })
        return reply.code(201).send(presentPeer(row))
      },
    )

    app.post(
      '/federation/peers/:id/confirm',
      {
        config: manage,
        schema: {
          tags: ['federation'],
          summary: 'Pin the peer’s key: give the fingerprint its admin told you (spaces and case do not matter)',
          params: s.idParams,
          body: z.strictObject({ fingerprint: z.string().trim().min(1, 'must not be empty').max(200) }),
          response: { 200: peer },
        },
      },
      async (request) =>
        presentPeer(
          await confirmPeer(ctx.db, request.actor, {
            peerId: request.params.id,
            fingerprint: request.body.fingerprint,
          }),
        ),
    )

    app.delete(
      '/federation/peers/:id',
      {
        config: manage,
        schema: {
          tags: ['federation'],
          summary: 'Remove a peer: its messages are refused from now on',
          params: s.idParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removePeer(ctx.db, request.actor, request.params.id)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/federation/peers/:id/ping',
      {
        config: manage,
        schema: {
          tags: ['federation'],
          summary: 'Send the peer a note (a signed Create of a Note), delivered by the outbox with retries',
          params: s.idParams,
          body: z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(2000) }),
          response: { 202: z.object({ outboxId: s.id, activityId: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(
          await sendPing(ctx.db, request.actor, {
            peerId: request.params.id,
            text: request.body.text,
            ourBaseUrl: ctx.config.publicUrl,
          }),
        ),
    )

    app.get(
      '/federation/messages',
      {
        config: list,
        schema: {
          tags: ['federation'],
          summary: 'Messages sent to peers (with their delivery state) and received from them, newest first',
          response: {
            200: z.object({
              sent: z.array(
                z.object({
                  activityId: z.string(),
                  activityType: z.string(),
                  peer: z.string(),
                  status: z.enum(['pending', 'sending', 'delivered', 'failed']),
                  attempts: z.number().int(),
                  nextAttemptAt: s.timestamp,
                  lastError: z.string().nullable(),
                  createdAt: s.timestamp,
                  deliveredAt: s.timestamp.nullable(),
                }),
              ),
              received: z.array(
                z.object({
                  activityId: z.string(),
                  activityType: z.string(),
                  peer: z.string(),
                  receivedAt: s.timestamp,
                }),
              ),
            }),
          },
        },
      },
      async (request) => federationActivity(ctx.db, request.actor),
    )

    app.get(
      '/federation/ledger',
      {
        config: list,
        schema: {
          tags: ['federation'],
          summary: "The instance's own ledger (peers, messages sent and received), newest first, with its verdict",
          response: {
            200: z.object({
              verdict: z.object({ ok: z.boolean(), count: z.number().int().optional(), reason: z.string().optional() }),
              entries: z.array(
                z.object({
                  sequence: z.number().int(),
                  instant: z.string(),
                  actor: z.object({ id: z.string(), displayName: z.string() }),
                  kind: z.string(),
                  payload: z.unknown(),
                  hash: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => instanceLedgerFor(ctx.db, request.actor),
    )
  }
