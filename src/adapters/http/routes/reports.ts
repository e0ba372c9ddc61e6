// Report intake: anyone may report without an account (a signed-in reporter is linked), and
// follow up through the private link. Triage comes with the cases.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { findReportByFollowUpToken, submitReport } from '../../../commands/reports/submitReport.js'
import { publicationOfCase } from '../../../commands/reports/publication.js'
import { NotFoundError } from '../../../domain/errors.js'
import { rmStateLabels } from '../../../domain/reportManagement.js'
import { issueChallenge } from '../../../security/proofOfWork.js'
import { listReportMessages, postReporterMessage, readReportConversation } from '../../../commands/reports/messages.js'
import { listReportAttachments } from '../../../store/attachments.js'
import { presentAttachment } from './attachments.js'
import type { ReportRow } from '../../../store/schema.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'
import { presentReportMessage } from '../presenters.js'

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)
const reference = z.url({ error: 'must be a URL' }).max(2000)

const reportInput = z.strictObject({
  anonymous: z.boolean().default(false),
  reporter: z
    .strictObject({
      name: text(200).optional(),
      organization: text(200).optional(),
      email: s.email.optional(),
      pgpKey: text(100_000).optional(),
    })
    .optional(),
  title: text(200).min(5, 'must be at least 5 characters'),
  affected: z
    .array(
      z.strictObject({
        vendor: text(200).min(1, 'must not be empty'),
        product: text(200).min(1, 'must not be empty'),
        versions: text(500).nullable().default(null),
        purl: s.purl.nullable().default(null),
      }),
    )
    .min(1, 'must name at least one affected product')
    .max(100),
  description: text(100_000).min(20, 'must be at least 20 characters: say what is wrong'),
  impact: text(20_000).optional(),
  reproduction: text(100_000).optional(),
  publicAlready: z.boolean(),
  publicReferences: z.array(reference).max(50).default([]),
  exploitedAlready: z.boolean(),
  exploitedReferences: z.array(reference).max(50).default([]),
  vendorContact: z
    .strictObject({
      contacted: z.boolean(),
      how: text(500).nullable().default(null),
      when: z.iso.date().nullable().default(null),
      answer: text(5000).nullable().default(null),
    })
    .optional(),
  disclosurePlans: text(5000).optional(),
  disclosureDeadline: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
  credit: z.strictObject({
    preference: z.enum(['name', 'organization', 'anonymous', 'none']),
    text: text(200).nullable().default(null),
  }),
  website: z.string().max(500).optional().describe('Leave empty (spam trap)'),
  proof: z
    .strictObject({ challenge: z.string().max(300), nonce: z.string().max(64) })
    .describe('The solved challenge from GET /api/v1/reports/challenge'),
})

const reportStatus = z.object({
  trackingId: z.string(),
  title: z.string(),
  state: z.enum(['received', 'invalid', 'valid', 'accepted', 'deferred', 'closed']),
  stateLabel: z.string(),
  submittedAt: s.timestamp,
  credit: z
    .object({ preference: z.enum(['name', 'organization', 'anonymous', 'none']), text: z.string().nullable() })
    .describe('The credit that will be given'),
  messages: z.array(s.reportMessage),
  attachments: z.array(s.attachment).describe('Files sent with the report, by you or the coordinator'),
  published: z
    .object({ advisoryId: z.string(), url: z.string(), releasedAt: s.timestamp })
    .nullable()
    .describe('The advisory your report led to, once it is public'),
})

const messageBody = z.string().trim().min(1, 'must not be empty').max(100_000, 'must be at most 100,000 characters')

export const reportRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/reports/challenge',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['reports'],
          summary: 'A proof-of-work challenge for the report form',
          description:
            'Find a nonce such that SHA-256 of `challenge + ":" + nonce` starts with `bits` zero bits; send both with the report.',
          response: { 200: z.object({ challenge: z.string(), bits: z.number(), expiresAt: s.timestamp }) },
        },
      },
      async () => {
        const c = issueChallenge(ctx.challengeSecret, new Date(), ctx.config.reportProofBits)
        return { challenge: c.challenge, bits: c.bits, expiresAt: c.expiresAt.toISOString() }
      },
    )

    app.post(
      '/reports',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['reports'],
          summary: 'Report a vulnerability (no account needed)',
          body: reportInput,
          response: {
            201: z.object({
              trackingId: z.string(),
              followUpUrl: z.string().describe('Private: whoever has it can read and answer; keep it safe'),
            }),
          },
        },
      },
      async (request, reply) => {
        const { report, followUpToken } = await submitReport({
          db: ctx.db,
          input: request.body,
          user: request.user,
          ip: request.ip,
          challengeSecret: ctx.challengeSecret,
          publicUrl: ctx.config.publicUrl,
        })
        return reply
          .code(201)
          .send({ trackingId: report.tracking_id, followUpUrl: `${ctx.config.publicUrl}/follow-up/${followUpToken}` })
      },
    )

    app.post(
      '/reports/follow-up',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['reports'],
          summary: "A report's status through its private follow-up link (POST keeps the secret out of logs)",
          body: z.strictObject({ token: z.string().min(1).max(200) }),
          response: { 200: reportStatus },
        },
      },
      async (request) => {
        const report = await findReportByFollowUpToken(ctx.db, request.body.token)
        if (!report) throw new NotFoundError('report')
        return followUpView(report)
      },
    )

    app.post(
      '/reports/follow-up/messages',
      {
        config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['reports'],
          summary: 'Write to the coordinator through the private follow-up link',
          body: z.strictObject({ token: z.string().min(1).max(200), body: messageBody }),
          response: { 201: reportStatus },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await followUpView(await postReporterMessage(ctx.db, request.body.token, request.body.body))),
    )

    async function followUpView(report: ReportRow): Promise<z.infer<typeof reportStatus>> {
      const [messages, attachments, lastReadAt, publication] = await Promise.all([
        listReportMessages(ctx.db, report.id),
        listReportAttachments(ctx.db, report.id),
        readReportConversation(ctx.db, report.id, { side: 'reporter' }),
        publicationOfCase(ctx.db, report.case_id),
      ])
      return {
        trackingId: report.tracking_id,
        title: report.title,
        state: report.state,
        stateLabel: rmStateLabels[report.state],
        submittedAt: report.created_at.toISOString(),
        credit: report.credit,
        messages: messages.map((m) => presentReportMessage(m, { side: 'reporter', lastReadAt })),
        attachments: attachments.map(presentAttachment),
        published: publication && {
          advisoryId: publication.advisoryId,
          url: `${ctx.config.publicUrl}/advisories/${publication.advisoryId}`,
          releasedAt: publication.releasedAt.toISOString(),
        },
      }
    }
  }
