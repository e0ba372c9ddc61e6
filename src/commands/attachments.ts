// Files on reports and in case threads. An upload is checked (a usable name, not empty, the
// report's file count), stored with its SHA-256 in one transaction with the record of it (the
// report's history or the case's ledger), and only ever handed back as a download to someone who
// may read where it was posted.
import { anonymous, type Actor, actorUserId } from '../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js'
import { safeFilename } from '../domain/filenames.js'
import type { TlpLabel } from '../domain/tlp.js'
import {
  insertAttachment,
  countReportAttachments,
  findAttachmentOwner,
  listThreadAttachments,
} from '../store/attachments.js'
import type { Db } from '../store/db.js'
import { inTransaction, isUuid } from '../store/db.js'
import { appendLedger, ledgerActorOf } from '../store/ledger.js'
import { notifyThreadPost } from './notifications.js'
import type { ReportRow } from '../store/schema.js'
import { loadCaseFor } from './cases/caseAccess.js'
import { findThread, threadKeyOf } from './cases/threads.js'
import { findReportByFollowUpToken } from './reports/submitReport.js'
import { loadReport, recordEvent } from './reports/triage.js'

/** A report keeps its evidence within reason; more goes in a case thread or an archive. */
export const MAX_FILES_PER_REPORT = 20

export interface Upload {
  name: string
  declaredType: string | undefined
  content: Buffer
}

function checkUpload(u: Upload): { filename: string; declaredType: string } {
  const name = safeFilename(u.name)
  const problems = []
  if (!name.ok) problems.push({ field: 'name', message: name.reason })
  if (u.content.length === 0) problems.push({ field: 'file', message: 'is empty' })
  if (problems.length) throw new ValidationError(problems)
  // The declared type is kept only as information; downloads are always application/octet-stream.
  const declaredType = /^[\w.+-]+\/[\w.+-]+$/.test(u.declaredType ?? '') ? u.declaredType! : 'application/octet-stream'
  return { filename: (name as { name: string }).name, declaredType }
}

async function assertRoomOnReport(db: Db, report: ReportRow): Promise<void> {
  if ((await countReportAttachments(db, report.id)) >= MAX_FILES_PER_REPORT) {
    throw new ConflictError(
      `Report ${report.tracking_id} already has ${MAX_FILES_PER_REPORT} files, the most one report takes. Put more in one archive, or send them once the case is open.`,
    )
  }
}

/** Whoever holds the follow-up link adds a file as the reporter; a wrong link is simply not found. */
export async function attachAsReporter(db: Db, token: string, upload: Upload) {
  const checked = checkUpload(upload)
  return inTransaction(db, async (trx) => {
    const report = await findReportByFollowUpToken(trx, token)
    if (!report) throw new NotFoundError('report')
    await trx.selectFrom('reports').select('id').where('id', '=', report.id).forUpdate().execute()
    await assertRoomOnReport(trx, report)
    const row = await insertAttachment(trx, {
      reportId: report.id,
      author: 'reporter',
      authorUserId: report.reporter_user_id,
      ...checked,
      content: upload.content,
      tlp: 'AMBER',
    })
    await recordEvent(trx, report.id, anonymous, 'attachment.added', {
      by: 'reporter',
      filename: row.filename,
      size: row.size,
      sha256: row.sha256,
    })
    return { report, attachment: row }
  })
}

export async function attachAsCoordinator(db: Db, actor: Actor, reportId: string, upload: Upload, tlp: TlpLabel) {
  const checked = checkUpload(upload)
  return inTransaction(db, async (trx) => {
    const report = await loadReport(trx, actor, reportId, 'triage', true)
    await assertRoomOnReport(trx, report)
    const row = await insertAttachment(trx, {
      reportId: report.id,
      author: 'coordinator',
      authorUserId: actorUserId(actor),
      ...checked,
      content: upload.content,
      tlp,
    })
    await recordEvent(trx, report.id, actor, 'attachment.added', {
      by: 'coordinator',
      filename: row.filename,
      size: row.size,
      sha256: row.sha256,
      tlp,
    })
    return row
  })
}

/** The files posted to a thread the actor may read, oldest first. */
export async function threadAttachments(db: Db, actor: Actor, caseIdOrNumber: string, key: string) {
  const { row, resource } = await loadCaseFor(db, actor, caseIdOrNumber, 'read')
  return listThreadAttachments(db, row.id, await findThread(db, actor, row.id, resource, key, 'read'))
}

/** Posting a file releases it to the thread's audience: the ledger says so, with its hash. */
export async function attachToThread(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  key: string,
  upload: Upload,
  tlp: TlpLabel,
) {
  return inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'read')
    const caseId = c.id
    const thread = await findThread(trx, actor, caseId, resource, key, 'post')
    const checked = checkUpload(upload)
    const row = await insertAttachment(trx, {
      caseId,
      participantId: thread.participantId,
      topicId: thread.topicId ?? null,
      author: 'participant',
      authorUserId: actorUserId(actor),
      ...checked,
      content: upload.content,
      tlp,
    })
    const who = await ledgerActorOf(trx, actor)
    await appendLedger(
      trx,
      caseId,
      who,
      'information.released',
      {
        thread: thread.title,
        threadKey: thread.key,
        attachment: row.id,
        filename: row.filename,
        sha256: row.sha256,
        tlp,
      },
      row.created_at,
    )
    await notifyThreadPost(
      trx,
      caseId,
      thread,
      { userId: actorUserId(actor), name: who.displayName },
      { kind: 'file', filename: row.filename, size: row.size, sha256: row.sha256, tlp, at: row.created_at },
    )
    return row
  })
}

/**
 * The attachment, if the actor may read where it was posted: the report (its staff or its reporter
 * with an account) or the case thread. Anything else is not found, like an attachment that does
 * not exist.
 */
export async function attachmentForActor(db: Db, actor: Actor, id: string) {
  const owner = isUuid(id) ? await findAttachmentOwner(db, id) : undefined
  if (!owner) throw new NotFoundError('attachment')
  try {
    if (owner.report_id) {
      await loadReport(db, actor, owner.report_id, 'read')
    } else if (owner.case_id) {
      const { resource } = await loadCaseFor(db, actor, owner.case_id, 'read')
      await findThread(db, actor, owner.case_id, resource, threadKeyOf(owner), 'read')
    }
  } catch (error) {
    if (error instanceof NotFoundError || (error as { status?: number }).status === 403)
      throw new NotFoundError('attachment')
    throw error
  }
  return owner
}

/** For the follow-up link: only the files of that one report. */
export async function attachmentForFollowUp(db: Db, token: string, id: string) {
  const report = await findReportByFollowUpToken(db, token)
  const owner = report && isUuid(id) ? await findAttachmentOwner(db, id) : undefined
  if (!report || !owner || owner.report_id !== report.id) throw new NotFoundError('attachment')
  return owner
}
