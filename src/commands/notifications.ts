// What each change tells whom by mail. Called inside the change's transaction; the mail itself
// leaves after commit. Everything about a case is confidential until the case is published (the
// release issue lifts it): encrypted to recipients with a key, a bare notice to the others.
import type { Db } from '../store/db.js'
import type { TlpLabelColumn } from '../store/schema.js'
import { enqueueMail } from '../mail/outbox.js'
import { recipientsOfParticipants, threadAudience } from '../mail/recipients.js'
import type { TemplateData } from '../mail/templates.js'
import { productThreadAudience } from './cases/productThreads.js'
import { ANONYMOUS_FINDER } from './cases/identities.js'
import { anonymousFinderUserIds } from '../store/participants.js'
import { TOPIC_PREFIX } from '../store/threadPlaces.js'
import { tellAndPick } from './needs/inApp.js'

export interface Author {
  userId: string | null
  /** For mail from someone without an account. */
  email?: string | null
}

async function caseHeader(trx: Db, caseId: string) {
  return trx
    .selectFrom('cases')
    .select(['id', 'case_number', 'title', 'tlp'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
}

/** A message or a file posted to a thread: everyone who reads the thread (a product thread: who it concerns) but its author. */
export async function notifyThreadPost(
  trx: Db,
  caseId: string,
  thread: { key: string; title: string },
  author: Author & { name: string },
  post:
    | { kind: 'message'; body: string; tlp: TlpLabelColumn; at: Date }
    | { kind: 'file'; filename: string; size: number; sha256: string; tlp: TlpLabelColumn; at: Date },
): Promise<void> {
  const c = await caseHeader(trx, caseId)
  const participants = thread.key.startsWith(TOPIC_PREFIX)
    ? await productThreadAudience(trx, caseId, thread.key.slice(TOPIC_PREFIX.length))
    : await threadAudience(trx, caseId, thread.key)
  const audience = await recipientsOfParticipants(trx, participants)
  const recipients = audience.filter(
    (r) => !(author.userId && r.userId === author.userId) && !(author.email && r.email === author.email.toLowerCase()),
  )
  // A finder who asked to stay anonymous is not named in mail (to anybody: one message for all).
  const anonymous = author.userId !== null && (await anonymousFinderUserIds(trx, caseId)).has(author.userId)
  const base = {
    caseNumber: c.case_number,
    caseId: c.id,
    threadTitle: thread.title,
    author: anonymous ? ANONYMOUS_FINDER : author.name,
    tlp: post.tlp,
    at: post.at.toISOString(),
  }
  const data: TemplateData =
    post.kind === 'message'
      ? { template: 'case.message', ...base, body: post.body }
      : { template: 'case.file', ...base, filename: post.filename, size: post.size, sha256: post.sha256 }
  const mailed = await tellAndPick(trx, 'message', recipients, {
    caseId,
    title:
      post.kind === 'message'
        ? `${base.author} wrote in “${thread.title}” (${c.case_number})`
        : `${base.author} posted ${post.filename} in “${thread.title}” (${c.case_number})`,
    link: `/cases/${c.case_number}?thread=${encodeURIComponent(thread.key)}`,
  })
  await enqueueMail(trx, mailed, { caseId, thread: thread.key, data, confidential: true, tlp: post.tlp })
}

/** A participant joined: its people learn of the case (and may answer the coordinator privately). */
export async function notifyParticipantAdded(
  trx: Db,
  caseId: string,
  participantId: string,
  roles: readonly string[],
  addedBy: string,
): Promise<void> {
  const c = await caseHeader(trx, caseId)
  const everyone = await recipientsOfParticipants(trx, [participantId])
  const recipients = await tellAndPick(trx, 'case', everyone, {
    caseId,
    title: `You take part in ${c.case_number}: ${c.title}`,
    link: `/cases/${c.case_number}`,
  })
  await enqueueMail(trx, recipients, {
    caseId,
    thread: participantId,
    data: {
      template: 'case.added',
      caseNumber: c.case_number,
      caseId: c.id,
      caseTitle: c.title,
      roles: [...roles],
      addedBy,
      tlp: c.tlp,
    },
    confidential: true,
    tlp: c.tlp,
  })
}
