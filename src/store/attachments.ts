// Attachment rows: the metadata lists cheaply (never the content), the content is read only for a
// download. The SHA-256 lets a recipient check the file they got is the one that was sent.
import { createHash } from 'node:crypto'
import type { Db } from './db.js'
import type { AttachmentsTable, TlpLabelColumn } from './schema.js'
import { inThread, type ThreadPlace } from './threadPlaces.js'

export const attachmentMeta = [
  'attachments.id',
  'attachments.filename',
  'attachments.size',
  'attachments.sha256',
  'attachments.tlp',
  'attachments.author',
  'attachments.created_at',
] as const

export interface NewAttachment {
  reportId?: string
  caseId?: string
  participantId?: string | null
  topicId?: string | null
  author: AttachmentsTable['author']
  authorUserId: string | null
  filename: string
  declaredType: string
  content: Buffer
  tlp: TlpLabelColumn
}

export async function insertAttachment(db: Db, a: NewAttachment) {
  return db
    .insertInto('attachments')
    .values({
      report_id: a.reportId ?? null,
      case_id: a.caseId ?? null,
      participant_id: a.participantId ?? null,
      topic_id: a.topicId ?? null,
      author: a.author,
      author_user_id: a.authorUserId,
      filename: a.filename,
      declared_type: a.declaredType,
      size: a.content.length,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      content: a.content,
      tlp: a.tlp,
    })
    .returning(['id', 'filename', 'size', 'sha256', 'tlp', 'author', 'created_at'])
    .executeTakeFirstOrThrow()
}

export function listReportAttachments(db: Db, reportId: string) {
  return db
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.author_user_id')
    .select([...attachmentMeta, 'users.name as author_name'])
    .where('attachments.report_id', '=', reportId)
    .orderBy('attachments.created_at')
    .execute()
}

export function listThreadAttachments(db: Db, caseId: string, place: ThreadPlace) {
  return db
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.author_user_id')
    .select([...attachmentMeta, 'users.name as author_name'])
    .where('attachments.case_id', '=', caseId)
    .where(inThread('attachments', place))
    .orderBy('attachments.created_at')
    .execute()
}

export async function countReportAttachments(db: Db, reportId: string): Promise<number> {
  const row = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Where an attachment belongs, to decide who may download it (no content loaded). */
export function findAttachmentOwner(db: Db, id: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'report_id', 'case_id', 'participant_id', 'topic_id', 'filename', 'size', 'sha256', 'tlp'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function attachmentContent(db: Db, id: string): Promise<Buffer> {
  const row = await db.selectFrom('attachments').select('content').where('id', '=', id).executeTakeFirstOrThrow()
  return row.content
}

export type AttachmentMeta = Awaited<ReturnType<typeof listReportAttachments>>[number]
