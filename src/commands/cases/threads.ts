// A case's threads: the case-wide discussion and a private thread between the coordinator staff
// and each participant. Posting releases information to the thread's audience, so it goes into
// the ledger ("who was shown what, when") in the same transaction. Reading marks the thread read.
import { sql } from 'kysely'
import { type Actor, actorUserId } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { authorize, canSee, caseScope, type Resources } from '../../domain/policy/index.js'
import type { TlpLabel } from '../../domain/tlp.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { anonymousFinderUserIds, findParticipant, findParticipants, ownParticipants } from '../../store/participants.js'
import { loadCaseFor } from './caseAccess.js'
import { ANONYMOUS_FINDER, mayKnow } from './identities.js'
import { notifyThreadPost } from '../notifications.js'
import { markResponded } from '../vendors/tracking.js'
import { findProductThread, productThreadsOf } from './productThreads.js'
import { CASE_WIDE, inThread, TOPIC_PREFIX, type ThreadPlace } from '../../store/threadPlaces.js'
import { shareMessage } from '../federation/caseSharing.js'
import { caseThreadActivity, privateThreadsByRecency, threadActivity } from '../../store/threadActivity.js'

export { CASE_WIDE, TOPIC_PREFIX, threadKeyOf, threadKeySql } from '../../store/threadPlaces.js'

export interface ThreadInfo extends ThreadPlace {
  key: string
  title: string
  resource: Resources['thread']
  /** For a product thread: the product (a purl or CPE pattern), and whether it is one of the viewer's. */
  product?: { pattern: string; yours: boolean }
}

function privateThread(
  p: {
    id: string
    organization_id: string | null
    user_id: string | null
    organization_name: string | null
    user_name: string | null
  },
  caseResource: Resources['case'],
): ThreadInfo {
  return {
    key: p.id,
    title: `Coordinator and ${p.organization_name ?? p.user_name ?? 'participant'}`,
    participantId: p.id,
    resource: {
      type: 'thread',
      case: caseResource,
      privateTo: { userId: p.user_id, organizationId: p.organization_id },
    },
  }
}

/**
 * The threads the actor may see: the case-wide one and the private ones of the participants that
 * are the actor (or the actor's organizations); for staff, who may see all, the private threads
 * named in `withMessages` (a case may have a thousand participants).
 */
export async function threadsOf(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  withMessages: readonly string[],
): Promise<ThreadInfo[]> {
  // Who may see every case may read every private thread; with a thousand vendors, those listed
  // are the ones something was said in (a new one is started from the participants table).
  const scope = caseScope(actor)
  const rows =
    scope === 'all' ? await findParticipants(db, caseId, withMessages) : await ownParticipants(db, caseId, scope)
  const all: ThreadInfo[] = [
    {
      key: CASE_WIDE,
      title: 'Everyone in the case',
      participantId: null,
      resource: { type: 'thread' as const, case: caseResource, privateTo: null },
    },
    ...(await productThreadsOf(db, actor, caseId, caseResource)),
    ...rows.filter((p) => !p.roles.includes('coordinator')).map((p) => privateThread(p, caseResource)),
  ]
  return all.filter((t) => canSee(actor, t.resource))
}

export async function findThread(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  key: string,
  action: 'read' | 'post',
): Promise<ThreadInfo> {
  if (key.startsWith(TOPIC_PREFIX)) {
    const thread = await findProductThread(db, actor, caseId, caseResource, key.slice(TOPIC_PREFIX.length))
    if (!thread) throw new NotFoundError('thread')
    authorize(actor, action, thread.resource)
    return thread
  }
  if (key !== CASE_WIDE && !isUuid(key)) throw new NotFoundError('thread')
  const p = key === CASE_WIDE ? undefined : await findParticipant(db, caseId, key)
  if (key !== CASE_WIDE && (!p || p.roles.includes('coordinator'))) throw new NotFoundError('thread')
  const thread: ThreadInfo = p
    ? privateThread(p, caseResource)
    : {
        key,
        title: 'Everyone in the case',
        participantId: null,
        resource: { type: 'thread', case: caseResource, privateTo: null },
      }
  authorize(actor, action, thread.resource)
  if (action === 'post' && p?.removed_at)
    throw new ConflictError(
      `${p.organization_name ?? p.user_name ?? 'This participant'} no longer takes part in the case; the thread is kept as a record.`,
    )
  return thread
}

/**
 * The threads of the case the actor may read, with each one's unread count and last message. The
 * case-wide and product threads come first, then the private ones, most recently written first.
 * Asked for a page, only the private threads up to the page's end are looked up (a case may have
 * a thousand), and the counts are those of the page's threads alone.
 */
export async function listThreads(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  page?: { limit: number; offset: number },
) {
  const { row, resource } = await loadCaseFor(db, actor, caseIdOrNumber, 'read')
  const end = page ? page.offset + page.limit : undefined
  // Who may see every case lists the private threads something was said in; anyone else, their own.
  const staffWide = caseScope(actor) === 'all'
  if (staffWide && !page) {
    // The whole list: every thread's activity in one pass over the case's messages.
    const counts = await caseThreadActivity(db, actorUserId(actor), row.id)
    const latest = (t: ThreadInfo) => counts.get(t.key)?.lastAt?.getTime() ?? 0
    const threads = await threadsOf(db, actor, row.id, resource, [...counts.keys()])
    const own = threads.filter((t) => t.participantId).sort((a, b) => latest(b) - latest(a))
    return { threads: [...threads.filter((t) => !t.participantId), ...own], counts }
  }
  const recent = staffWide ? await privateThreadsByRecency(db, row.id, end) : undefined
  const threads = await threadsOf(db, actor, row.id, resource, recent ?? [])
  const fixed = threads.filter((t) => !t.participantId)
  if (recent) {
    // Already in the order they were last written in.
    const position = new Map(recent.map((id, i) => [id, i]))
    const own = threads.filter((t) => t.participantId).sort((a, b) => position.get(a.key)! - position.get(b.key)!)
    const shown = [...fixed, ...own].slice(page?.offset ?? 0, end)
    return {
      threads: shown,
      counts: await threadActivity(
        db,
        actorUserId(actor),
        row.id,
        shown.map((t) => t.key),
      ),
    }
  }
  // A participant's own private threads are few: their activity orders them.
  const counts = await threadActivity(
    db,
    actorUserId(actor),
    row.id,
    threads.map((t) => t.key),
  )
  const latest = (t: ThreadInfo) => counts.get(t.key)?.lastAt?.getTime() ?? 0
  const own = threads.filter((t) => t.participantId).sort((a, b) => latest(b) - latest(a))
  return { threads: [...fixed, ...own].slice(page?.offset ?? 0, end), counts }
}

/** One thread of the case by its key, whatever its place in the list, with its unread count. */
export async function viewThread(db: Db, actor: Actor, caseIdOrNumber: string, key: string) {
  const { row, resource } = await loadCaseFor(db, actor, caseIdOrNumber, 'read')
  const thread = await findThread(db, actor, row.id, resource, key, 'read')
  const counts = await threadActivity(db, actorUserId(actor), row.id, [thread.key])
  return { thread, activity: counts.get(thread.key) }
}

/**
 * The messages of one thread the actor may read, oldest first; asked for a page, the `limit` latest
 * ones written before the message `before` (the newest without it).
 */
export async function readThreadMessages(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  key: string,
  page?: { limit: number; before?: string | undefined },
) {
  const { row, resource } = await loadCaseFor(db, actor, caseIdOrNumber, 'read')
  const thread = await findThread(db, actor, row.id, resource, key, 'read')
  return readThread(db, actor, row.id, resource, thread, page)
}

export async function readThread(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  thread: ThreadInfo,
  page?: { limit: number; before?: string | undefined },
) {
  const before =
    page?.before && isUuid(page.before)
      ? await db
          .selectFrom('case_messages')
          .select('id')
          .where('case_id', '=', caseId)
          .where('id', '=', page.before)
          .executeTakeFirst()
      : undefined
  if (page?.before && !before) throw new ValidationError({ field: 'before', message: 'is not a message of this case' })
  let query = db
    .selectFrom('case_messages')
    .leftJoin('users', 'users.id', 'case_messages.author_user_id')
    .select([
      'case_messages.id',
      'case_messages.body',
      'case_messages.tlp',
      'case_messages.created_at',
      'case_messages.author_label',
      'case_messages.via',
      'case_messages.author_user_id',
      'users.name as author_name',
    ])
    .where('case_messages.case_id', '=', caseId)
    .where(inThread('case_messages', thread))
  // Compared in the database: its timestamps have microseconds, a JavaScript Date only milliseconds.
  if (before)
    query = query.where(
      sql<boolean>`(case_messages.created_at, case_messages.id) < (SELECT b.created_at, b.id FROM case_messages b WHERE b.id = ${before.id})`,
    )
  const messages = page
    ? (
        await query
          .orderBy('case_messages.created_at', 'desc')
          .orderBy('case_messages.id', 'desc')
          .limit(page.limit)
          .execute()
      ).reverse()
    : await query.orderBy('case_messages.created_at').orderBy('case_messages.id').execute()
  // A finder who asked to stay anonymous is not named to those who may not know them.
  const anonymous = await anonymousFinderUserIds(db, caseId)
  const unnamed = (userId: string | null) =>
    userId !== null &&
    anonymous.has(userId) &&
    !mayKnow(actor, caseResource, { user_id: userId, organization_id: null, identity_withheld: true })
  return messages.map(({ author_user_id: authorUserId, ...m }) =>
    unnamed(authorUserId) ? { ...m, author_name: ANONYMOUS_FINDER, author_label: null } : m,
  )
}

/**
 * Records that the actor has read the thread up to now: its unread count drops to nought. The page
 * calls it once it has shown the messages, so reading them (a GET) writes nothing.
 */
export async function markThreadRead(db: Db, actor: Actor, caseIdOrNumber: string, key: string, now = new Date()) {
  const { row, resource } = await loadCaseFor(db, actor, caseIdOrNumber, 'read')
  const thread = await findThread(db, actor, row.id, resource, key, 'read')
  const userId = actorUserId(actor)
  if (!userId) return
  await db
    .insertInto('thread_reads')
    .values({ user_id: userId, case_id: row.id, thread: thread.key, last_read_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'case_id', 'thread']).doUpdateSet({ last_read_at: now }))
    .execute()
}

export interface PostAuthor {
  userId: string | null
  /** The ledger's and the notification's name for the author. */
  name: string
  /** Shown for mail from someone without an account ("Rae Hat <rae@redhat.example>"). */
  label: string | null
  /** Not notified of their own post. */
  email: string | null
  via: 'web' | 'mail'
  /** For mail from an organization's contact: the organization it speaks for. */
  organizationId?: string | null
  /** A message taken from a peer sharing the case (federation): named in the ledger, not sent back out from here. */
  fromPeer?: { peer: string; activityId: string }
}

/** Writes a post, releases it in the ledger and notifies the thread's readers, in the caller's transaction. */
export async function insertThreadPost(
  trx: Db,
  caseId: string,
  thread: Pick<ThreadInfo, 'key' | 'title' | 'participantId' | 'topicId'>,
  author: PostAuthor,
  body: string,
  tlp: TlpLabel,
  at?: Date,
) {
  const message = await trx
    .insertInto('case_messages')
    .values({
      case_id: caseId,
      participant_id: thread.participantId,
      topic_id: thread.topicId ?? null,
      author_user_id: author.userId,
      author_label: author.label,
      via: author.via,
      body,
      tlp,
      ...(at ? { created_at: at } : {}),
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow()
  const ledgerActor = author.userId
    ? { id: author.userId, displayName: author.name }
    : { id: author.fromPeer ? 'system' : 'mail', displayName: author.label ?? author.name }
  await appendLedger(
    trx,
    caseId,
    ledgerActor,
    'information.released',
    {
      thread: thread.title,
      threadKey: thread.key,
      message: message.id,
      tlp,
      ...(author.via === 'mail' ? { via: 'mail' } : {}),
      ...(author.fromPeer ?? {}),
    },
    message.created_at,
  )
  await notifyThreadPost(
    trx,
    caseId,
    thread,
    { userId: author.userId, email: author.email, name: author.label ?? author.name },
    { kind: 'message', body, tlp, at: message.created_at },
  )
  await markResponded(
    trx,
    caseId,
    { userId: author.userId, organizationId: author.organizationId ?? null },
    message.created_at,
  )
  // The peers sharing the case hear of it (commands/federation/caseSharing.ts decides what may cross).
  if (!author.fromPeer)
    await shareMessage(
      trx,
      caseId,
      {
        ...message,
        at: message.created_at,
        body,
        tlp,
        caseWide: !thread.participantId && !thread.topicId,
        authorUserId: author.userId,
      },
      author.label ?? author.name,
    )
  return message
}

/** The actor posts to a thread of the case they may post to. */
export async function postToThread(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  key: string,
  body: string,
  tlp: TlpLabel,
) {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'read')
    const caseId = row.id
    const thread = await findThread(trx, actor, caseId, resource, key, 'post')
    const who = await ledgerActorOf(trx, actor)
    return insertThreadPost(
      trx,
      caseId,
      thread,
      {
        userId: actorUserId(actor),
        name: who.displayName,
        label: null,
        email: null,
        via: 'web',
      },
      body,
      tlp,
    )
  })
}
