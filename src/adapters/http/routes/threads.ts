// A case's threads: list them with unread counts, read one (marking it read), post to one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { abilities } from '../../../domain/policy/index.js'
import type { Actor } from '../../../domain/actor.js'
import {
  listThreads,
  markThreadRead,
  postToThread,
  readThreadMessages,
  viewThread,
  type ThreadInfo,
} from '../../../commands/cases/threads.js'
import { openProductThread } from '../../../commands/cases/productThreads.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

const threadParams = z.strictObject({
  id: z.string(),
  thread: z
    .string()
    .describe(
      "'case' for the case-wide thread, a participant id for a private thread, or 'topic:<id>' for a product thread",
    ),
})
const product = z.object({
  pattern: z.string().describe('The purl or CPE pattern the thread is about'),
  yours: z.boolean().describe("One of your organization's products"),
})
const threadSummary = z.object({
  key: z.string(),
  title: z.string(),
  kind: z.enum(['case', 'product', 'private']),
  product: product.nullable(),
  unread: z.number(),
  lastMessageAt: s.timestamp.nullable(),
  abilities: z.object({ read: z.boolean(), post: z.boolean() }),
})
const newProductThread = z.strictObject({
  product: z
    .string()
    .min(1)
    .max(500)
    .describe('A purl (pkg:rpm/redhat/sendmail) or CPE 2.3 name (cpe:2.3:o:sun:solaris:*:...)'),
  title: z.string().max(200).optional().describe('Defaults to the product'),
})
const message = z.object({
  id: s.id,
  author: z.string(),
  body: z.string(),
  tlp: s.tlpLabel,
  at: s.timestamp,
  via: z.enum(['web', 'mail']).describe('Posted in Lockstep or answered by e-mail'),
})

function presentThread(
  actor: Actor,
  t: ThreadInfo,
  activity: { unread: number; lastAt: Date | null } | undefined,
): z.infer<typeof threadSummary> {
  return {
    key: t.key,
    title: t.title,
    kind: t.product ? 'product' : t.participantId ? 'private' : 'case',
    product: t.product ?? null,
    unread: activity?.unread ?? 0,
    lastMessageAt: activity?.lastAt?.toISOString() ?? null,
    abilities: abilities(actor, t.resource),
  }
}

export const threadRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cases/:id/threads',
      {
        config: { access: { policy: { resource: 'case', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary:
            "The case's threads you may read, with unread counts (for staff: the case-wide one and those with messages)",
          params: s.idParams,
          querystring: z.strictObject({
            limit: z.coerce
              .number()
              .int()
              .min(1)
              .max(200)
              .optional()
              .describe(
                'Threads per page (the case-wide and product threads first, then the most recently written); without it, all',
              ),
            offset: z.coerce.number().int().min(0).default(0),
          }),
          response: { 200: z.array(threadSummary) },
        },
      },
      async (request) => {
        const { limit, offset } = request.query
        const page = limit === undefined ? undefined : { limit, offset }
        const { threads, counts } = await listThreads(ctx.db, request.actor, request.params.id, page)
        return threads.map((t) => presentThread(request.actor, t, counts.get(t.key)))
      },
    )

    app.get(
      '/cases/:id/threads/:thread',
      {
        config: { access: { policy: { resource: 'thread', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary:
            "One thread you may read, wherever it comes in the list: a participant's private thread is there to open (and write the first message in) before anything was said in it",
          params: threadParams,
          response: { 200: threadSummary },
        },
      },
      async (request) => {
        const { thread, activity } = await viewThread(ctx.db, request.actor, request.params.id, request.params.thread)
        return presentThread(request.actor, thread, activity)
      },
    )

    app.get(
      '/cases/:id/threads/:thread/messages',
      {
        config: { access: { policy: { resource: 'thread', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary:
            'The messages of a thread, oldest first (POST …/read then marks it read); with limit, the latest ones (before the message named by before)',
          params: threadParams,
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(500).optional().describe('How many; without it, all of them'),
            before: z
              .string()
              .max(100)
              .optional()
              .describe('The id of the oldest message shown: the page ends just before it'),
          }),
          response: { 200: z.array(message) },
        },
      },
      async (request) => {
        const { limit, before } = request.query
        const page = limit === undefined && before === undefined ? undefined : { limit: limit ?? 100, before }
        const { id, thread } = request.params
        return (await readThreadMessages(ctx.db, request.actor, id, thread, page)).map((m) => ({
          id: m.id,
          author: m.author_name ?? m.author_label ?? 'Lockstep',
          body: m.body,
          tlp: m.tlp,
          at: m.created_at.toISOString(),
          via: m.via,
        }))
      },
    )

    app.post(
      '/cases/:id/threads/:thread/read',
      {
        config: { access: { policy: { resource: 'thread', action: 'read' } } },
        schema: {
          tags: ['cases'],
          summary:
            'Say you have read the thread (its unread count drops to nought); the page calls this once it has shown the messages',
          params: threadParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await markThreadRead(ctx.db, request.actor, request.params.id, request.params.thread)
        return reply.code(204).send(null)
      },
    )

    app.post(
      '/cases/:id/threads/:thread/messages',
      {
        config: { access: { policy: { resource: 'thread', action: 'post' } } },
        schema: {
          tags: ['cases'],
          summary: 'Post to a thread; the TLP label tells every reader how far they may share it',
          params: threadParams,
          body: z.strictObject({ body: z.string().trim().min(1, 'must not be empty').max(100_000), tlp: s.tlpLabel }),
          response: { 201: z.object({ id: s.id, at: s.timestamp }) },
        },
      },
      async (request, reply) => {
        const { id, thread } = request.params
        const posted = await postToThread(ctx.db, request.actor, id, thread, request.body.body, request.body.tlp)
        return reply.code(201).send({ id: posted.id, at: posted.created_at.toISOString() })
      },
    )

    app.post(
      '/cases/:id/product-threads',
      {
        config: { access: { policy: { resource: 'case', action: 'update' } } },
        schema: {
          tags: ['cases'],
          summary:
            'Open a thread about one product, apart from the case-wide thread; the vendors of that product are told of its posts',
          params: s.idParams,
          body: newProductThread,
          response: { 201: threadSummary },
        },
      },
      async (request, reply) => {
        const thread = await openProductThread(ctx.db, request.actor, request.params.id, request.body)
        reply.code(201)
        return {
          key: thread.key,
          title: thread.title,
          kind: 'product' as const,
          product: thread.product ?? null,
          unread: 0,
          lastMessageAt: null,
          abilities: abilities(request.actor, thread.resource),
        }
      },
    )
  }
