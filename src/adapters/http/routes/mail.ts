// Mail: the instance's public key (also at /.well-known/lockstep.asc), your own OpenPGP key, an
// organization's contacts and keys, and for admins the outbox (with the built-in catcher's
// messages), the inbound mail with its processing notes, and the addresses that fail.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  addContact,
  verifyContact,
  addOrganizationKey,
  listContacts,
  listOrganizationKeys,
  ownKey,
  removeContact,
  removeOrganizationKey,
  removeOwnKey,
  setOwnKey,
  type KeyRow,
} from '../../../commands/pgpKeys.js'
import { NotFoundError } from '../../../domain/errors.js'
import { authorize } from '../../../domain/policy/index.js'
import { ensureInstanceKey } from '../../../mail/instanceKey.js'
import { addressOf } from '../../mail/transport.js'
import { findOutboxMessage, listFailingAddresses, listInboundMail, listOutbox } from '../../../store/mailAdmin.js'
import type { HttpContext } from '../context.js'
import type { MailOutboxRow } from '../../../store/schema.js'
import * as s from '../schemas.js'

const key = z.object({
  id: s.id,
  fingerprint: z.string(),
  emails: z.array(z.string()),
  algorithm: z.string(),
  createdAt: s.timestamp.describe('When the key was made'),
  expiresAt: s.timestamp.nullable(),
  armored: z.string(),
})
const presentKey = (k: KeyRow): z.infer<typeof key> => ({
  id: k.id,
  fingerprint: k.fingerprint,
  emails: k.emails,
  algorithm: k.algorithm,
  createdAt: k.key_created_at.toISOString(),
  expiresAt: k.expires_at?.toISOString() ?? null,
  armored: k.armored,
})
const armoredBody = z.strictObject({
  armored: z
    .string()
    .min(1, 'must be an ASCII-armored OpenPGP public key')
    .max(1024 * 1024),
})
const contact = z.object({
  id: s.id,
  email: z.string(),
  name: z.string().nullable(),
  kind: z.enum(['primary', 'alternate']),
  verified: z.boolean(),
})
const orgParams = z.strictObject({ id: z.string() })
const orgItemParams = z.strictObject({ id: z.string(), itemId: z.string() })

const outboxSummary = z.object({
  id: s.id,
  to: z.string(),
  subject: z.string().nullable(),
  template: z.string(),
  status: z.enum(['pending', 'sending', 'sent', 'caught', 'failed']),
  mode: z.enum(['encrypted', 'plain', 'notice']).nullable(),
  tlp: s.tlpLabel,
  caseId: s.id.nullable(),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: s.timestamp,
  sentAt: s.timestamp.nullable(),
})

type OutboxRow = Pick<
  MailOutboxRow,
  | 'id'
  | 'to_address'
  | 'subject'
  | 'template'
  | 'status'
  | 'mode'
  | 'tlp'
  | 'case_id'
  | 'attempts'
  | 'last_error'
  | 'created_at'
  | 'sent_at'
>
const presentOutbox = (r: OutboxRow): z.infer<typeof outboxSummary> => ({
  id: r.id,
  to: r.to_address,
  subject: r.subject,
  template: r.template,
  status: r.status,
  mode: r.mode,
  tlp: r.tlp,
  caseId: r.case_id,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
})

export const mailRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    const instanceKey = () => ensureInstanceKey(ctx.db, 'Lockstep', addressOf(ctx.config.mail.from))

    app.get(
      '/instance/pgp-key',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['mail'],
          summary: "The instance's OpenPGP public key: encrypt reports to it; it signs every notification",
          response: { 200: z.object({ fingerprint: z.string(), armored: z.string(), intakeAddress: z.string() }) },
        },
      },
      async () => {
        const k = await instanceKey()
        return { fingerprint: k.fingerprint, armored: k.armoredPublicKey, intakeAddress: ctx.config.mail.intakeAddress }
      },
    )

    app.get(
      '/me/pgp-key',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['mail'],
          summary: 'Your OpenPGP public key, if you gave one',
          response: { 200: key.nullable() },
        },
      },
      async (request) => {
        const k = await ownKey(ctx.db, request.user!.id)
        return k ? presentKey(k) : null
      },
    )

    app.put(
      '/me/pgp-key',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags: ['mail'],
          summary: 'Give (or replace) your OpenPGP public key: notifications reach you encrypted',
          body: armoredBody,
          response: { 200: key },
        },
      },
      async (request) => presentKey(await setOwnKey(ctx.db, request.user!.id, request.body.armored)),
    )

    app.delete(
      '/me/pgp-key',
      {
        config: { access: { signedIn: true } },
        schema: { tags: ['mail'], summary: 'Remove your OpenPGP key', response: { 204: s.noContent } },
      },
      async (request, reply) => {
        await removeOwnKey(ctx.db, request.user!.id)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/organizations/:id/contacts',
      {
        config: { access: { policy: { resource: 'organization', action: 'read' } } },
        schema: {
          tags: ['mail'],
          summary: "The organization's mail contacts",
          params: orgParams,
          response: { 200: z.array(contact) },
        },
      },
      async (request) =>
        (await listContacts(ctx.db, request.actor, request.params.id)).map((c) => ({
          id: c.id,
          email: c.email,
          name: c.name,
          kind: c.kind,
          verified: c.verified_at !== null,
        })),
    )

    app.post(
      '/organizations/:id/contacts',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['mail'],
          summary: 'Add a person the organization is reached at by mail (an account is not needed)',
          params: orgParams,
          body: z.strictObject({
            email: s.email,
            name: z.string().trim().max(200).nullable().default(null),
            kind: z.enum(['primary', 'alternate']).default('primary'),
          }),
          response: { 201: contact },
        },
      },
      async (request, reply) => {
        const c = await addContact(ctx.db, request.actor, request.params.id, request.body, ctx.config.publicUrl)
        return reply
          .code(201)
          .send({ id: c.id, email: c.email, name: c.name, kind: c.kind, verified: c.verified_at !== null })
      },
    )

    app.post(
      '/contacts/verify',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['mail'],
          summary: 'Confirm a contact address through the link mailed to it (POST keeps the secret out of logs)',
          body: z.strictObject({ token: z.string().min(1).max(200) }),
          response: { 200: z.object({ email: z.string(), organization: z.string() }) },
        },
      },
      async (request) => verifyContact(ctx.db, request.body.token),
    )

    app.delete(
      '/organizations/:id/contacts/:itemId',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['mail'],
          summary: 'Remove a contact (their reply addresses stop working)',
          params: orgItemParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeContact(ctx.db, request.actor, request.params.id, request.params.itemId)
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/organizations/:id/pgp-keys',
      {
        config: { access: { policy: { resource: 'organization', action: 'read' } } },
        schema: {
          tags: ['mail'],
          summary: "The organization's OpenPGP keys",
          params: orgParams,
          response: { 200: z.array(key) },
        },
      },
      async (request) => (await listOrganizationKeys(ctx.db, request.actor, request.params.id)).map(presentKey),
    )

    app.post(
      '/organizations/:id/pgp-keys',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['mail'],
          summary:
            'Add an OpenPGP key for the organization (used for the contacts its user IDs name, or for all when it is the only one)',
          params: orgParams,
          body: armoredBody,
          response: { 201: key },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(presentKey(await addOrganizationKey(ctx.db, request.actor, request.params.id, request.body.armored))),
    )

    app.delete(
      '/organizations/:id/pgp-keys/:itemId',
      {
        config: { access: { policy: { resource: 'organization', action: 'manage_contacts' } } },
        schema: {
          tags: ['mail'],
          summary: 'Remove an OpenPGP key',
          params: orgItemParams,
          response: { 204: s.noContent },
        },
      },
      async (request, reply) => {
        await removeOrganizationKey(ctx.db, request.actor, request.params.id, request.params.itemId)
        return reply.code(204).send(null)
      },
    )

    const administer = { access: { policy: { resource: 'instance', action: 'administer' } } } as const

    app.get(
      '/mail/outbox',
      {
        config: administer,
        schema: {
          tags: ['mail'],
          summary:
            'Outgoing mail, newest first: with no relay configured, the built-in catcher keeps every message here',
          querystring: s.page
            .extend({
              status: z.enum(['pending', 'sending', 'sent', 'caught', 'failed']).optional(),
              caseId: z.string().optional(),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(outboxSummary), total: z.number(), catcher: z.boolean() }) },
        },
      },
      async (request) => {
        authorize(request.actor, 'administer', { type: 'instance' })
        const { rows, total } = await listOutbox(ctx.db, request.query)
        return {
          items: rows.map(presentOutbox),
          total,
          catcher: !ctx.config.mail.relayUrl,
        }
      },
    )

    app.get(
      '/mail/outbox/:id',
      {
        config: administer,
        schema: {
          tags: ['mail'],
          summary: 'One outgoing message as it went on the wire (encrypted ones stay encrypted)',
          params: s.idParams,
          response: { 200: outboxSummary.extend({ raw: z.string().nullable() }) },
        },
      },
      async (request) => {
        authorize(request.actor, 'administer', { type: 'instance' })
        const r = await findOutboxMessage(ctx.db, request.params.id)
        if (!r) throw new NotFoundError('message')
        return { ...presentOutbox(r), raw: r.raw ? r.raw.toString('utf8') : null }
      },
    )

    app.get(
      '/mail/inbound',
      {
        config: administer,
        schema: {
          tags: ['mail'],
          summary:
            'Incoming mail, newest first, with what became of each (report, thread post, ignored, or why it failed)',
          querystring: s.page
            .extend({ status: z.enum(['received', 'processed', 'ignored', 'failed']).optional() })
            .strict(),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: s.id,
                  receivedAt: s.timestamp,
                  from: z.string().nullable(),
                  to: z.array(z.string()),
                  size: z.number(),
                  status: z.enum(['received', 'processed', 'ignored', 'failed']),
                  note: z.string().nullable(),
                  reportId: s.id.nullable(),
                  caseMessageId: s.id.nullable(),
                }),
              ),
              failingAddresses: z.array(z.object({ address: z.string(), since: s.timestamp, error: z.string() })),
            }),
          },
        },
      },
      async (request) => {
        authorize(request.actor, 'administer', { type: 'instance' })
        const [rows, failing] = await Promise.all([
          listInboundMail(ctx.db, request.query),
          listFailingAddresses(ctx.db),
        ])
        return {
          items: rows.map((r) => ({
            id: r.id,
            receivedAt: r.received_at.toISOString(),
            from: r.mail_from,
            to: r.rcpt_to,
            size: Number(r.size),
            status: r.status,
            note: r.note,
            reportId: r.report_id,
            caseMessageId: r.case_message_id,
          })),
          failingAddresses: failing.map((f) => ({
            address: f.address,
            since: f.failing_since.toISOString(),
            error: f.last_error,
          })),
        }
      },
    )
  }

/** GET /.well-known/lockstep.asc: the instance key where people look for it. */
export const wellKnownKeyRoute =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/.well-known/lockstep.asc', { schema: { hide: true } }, async (_request, reply) => {
      const k = await ensureInstanceKey(ctx.db, 'Lockstep', addressOf(ctx.config.mail.from))
      return reply
        .header('content-type', 'application/pgp-keys; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(k.armoredPublicKey)
    })
  }
