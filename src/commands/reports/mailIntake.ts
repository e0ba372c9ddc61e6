// A report that came by e-mail to the intake address: the sender is the reporter, the subject its
// title, the body its description (the product and the rest are for the coordinator to ask), the
// attachments its files. It is acknowledged by mail with the tracking ID and the follow-up link.
import { hashSecret, newSecret } from '../../security/tokens.js'
import { safeFilename } from '../../domain/filenames.js'
import type { Db } from '../../store/db.js'
import { insertAttachment } from '../../store/attachments.js'
import { nextReportNumber } from '../../store/counters.js'
import { enqueueMail } from '../../mail/outbox.js'
import { tellStaff } from '../needs/finderMail.js'
import { MAX_FILES_PER_REPORT } from '../attachments.js'
import { reportColumns } from '../../store/columns.js'

export interface MailedReport {
  fromAddress: string
  fromName: string | null
  subject: string
  text: string
  attachments: { filename: string; contentType: string; content: Buffer }[]
  /** In words, for the coordinator: "signed by the sender's known key ...", "encrypted, unsigned". */
  security: string
  /** What could not be read or was removed from the message, said on the report. */
  notes?: string[]
  attachmentLimitBytes: number
  publicUrl: string
  now?: Date
}

/** The first `n` UTF-16 units, without a half of a surrogate pair left at the end (JSON in the database refuses it). */
const clip = (s: string, n: number) => s.slice(0, n).replace(/[\uD800-\uDBFF]$/, '')

export async function createReportFromMail(trx: Db, m: MailedReport) {
  const now = m.now ?? new Date()
  const trackingId = `LSR-${now.getUTCFullYear()}-${String(await nextReportNumber(trx)).padStart(4, '0')}`
  const followUpToken = newSecret()
  const subject = m.subject.trim()
  const notes = m.notes?.length ? `\n[${m.notes.join(' ')}]` : ''
  const report = await trx
    .insertInto('reports')
    .values({
      tracking_id: trackingId,
      follow_up_token_hash: hashSecret(followUpToken),
      anonymous: false,
      reporter_name: m.fromName,
      reporter_email: m.fromAddress.toLowerCase(),
      title: clip(subject.length >= 5 ? subject : `Report by e-mail from ${m.fromAddress}`, 200),
      affected: JSON.stringify([]),
      description: `${m.text.trim() || '(The message had no text.)'}\n\n[Received by e-mail; ${m.security}.]${notes}`,
      public_already: false,
      exploited_already: false,
      credit: JSON.stringify({ preference: 'name', text: null }),
      via: 'mail',
    })
    .returning(reportColumns)
    .executeTakeFirstOrThrow()
  const skipped: string[] = []
  for (const a of m.attachments) {
    const name = safeFilename(a.filename)
    if (!name.ok || a.content.length === 0 || a.content.length > m.attachmentLimitBytes) {
      skipped.push(a.filename || '(unnamed)')
      continue
    }
    if (
      (await trx.selectFrom('attachments').select('id').where('report_id', '=', report.id).execute()).length >=
      MAX_FILES_PER_REPORT
    ) {
      skipped.push(name.name)
      continue
    }
    await insertAttachment(trx, {
      reportId: report.id,
      author: 'reporter',
      authorUserId: null,
      filename: name.name,
      declaredType: a.contentType,
      content: a.content,
      tlp: 'AMBER',
    })
  }
  await trx
    .insertInto('report_events')
    .values({
      report_id: report.id,
      actor_id: null,
      kind: 'report.received_by_mail',
      payload: JSON.stringify({
        from: m.fromAddress,
        security: m.security,
        skippedFiles: skipped,
        notes: m.notes ?? [],
      }),
    })
    .execute()
  await enqueueMail(
    trx,
    [{ email: m.fromAddress.toLowerCase(), name: m.fromName, userId: null, organizationId: null, reportId: report.id }],
    {
      caseId: null,
      thread: null,
      data: {
        template: 'report.received',
        trackingId,
        followUpUrl: `${m.publicUrl}/follow-up/${followUpToken}`,
        title: report.title,
        signature: skipped.length
          ? `These files were not kept (too large, empty or too many): ${skipped.join(', ')}.`
          : '',
      },
      confidential: false,
      tlp: 'AMBER',
    },
  )
  await tellStaff(trx, report, `New report ${trackingId} by mail: ${report.title}`)
  return { report, followUpToken, skipped }
}
