// Visits to a case and what changed since the last one. A visit is a run of page views less than
// half an hour apart, so reloading the page while working does not wipe the list; the list shows
// what happened after the last view of the visit before. Reading a case records nothing: the case
// page says it is visiting (visitCase), once, when it opens.
import { sql } from 'kysely'
import { actorUserId, type Actor } from '../../domain/actor.js'
import { describeChange, mayKnowOf } from '../../domain/caseChanges.js'
import type { JsonValue } from '../../domain/ledger.js'
import { can, partyOf } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { participantNames } from '../../store/participants.js'
import { markSeen } from '../vendors/tracking.js'
import { loadCaseFor } from './caseAccess.js'
import { threadKeySql, threadsOf } from './threads.js'

export const VISIT_GAP_MS = 30 * 60 * 1000
const MOST_CHANGES = 200

/** Records a view of the case and answers when the previous visit ended (null on a first visit). */
export async function recordVisit(db: Db, userId: string, caseId: string, now = new Date()): Promise<Date | null> {
  const { rows } = await sql<{ previous_seen_at: Date | null }>`
    INSERT INTO case_visits AS v (user_id, case_id, last_seen_at, previous_seen_at)
    VALUES (${userId}, ${caseId}, ${now}, NULL)
    ON CONFLICT (user_id, case_id) DO UPDATE SET
      previous_seen_at = CASE WHEN v.last_seen_at < ${new Date(now.getTime() - VISIT_GAP_MS)} THEN v.last_seen_at ELSE v.previous_seen_at END,
      last_seen_at = ${now}
    RETURNING previous_seen_at`.execute(db)
  return rows[0]?.previous_seen_at ?? null
}

/**
 * When the user's previous visit ended, as things stand: if their last view is more than the gap
 * ago, the visit it belonged to is over (the next view starts a new one); otherwise the one before.
 * So the answer is the same before and after the page records the visit it is making.
 */
export async function previousVisit(db: Db, userId: string, caseId: string, now = new Date()): Promise<Date | null> {
  const row = await db
    .selectFrom('case_visits')
    .select(['last_seen_at', 'previous_seen_at'])
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  if (!row) return null
  return row.last_seen_at < new Date(now.getTime() - VISIT_GAP_MS) ? row.last_seen_at : row.previous_seen_at
}

/**
 * The actor opens the case: the visit is recorded, and a participant's look marks its vendor
 * participation "seen" (the policy says whose look counts). Answers when the previous visit ended.
 */
export async function visitCase(db: Db, actor: Actor, idOrNumber: string, now = new Date()): Promise<Date | null> {
  return inTransaction(db, async (trx) => {
    const { row, resource } = await loadCaseFor(trx, actor, idOrNumber, 'read')
    if (actor.kind !== 'user') return null
    const previous = await recordVisit(trx, actor.userId, row.id, now)
    if (can(actor, 'mark_seen', resource))
      await markSeen(trx, row.id, { userId: actor.userId, organizationIds: partyOf(actor).organizationIds }, now)
    return previous
  })
}

export interface CaseChanges {
  since: Date | null
  items: { at: string; actor: string; kind: string; text: string }[]
  more: boolean
  threads: { key: string; title: string; newMessages: number }[]
}

export async function changesSinceLastVisit(db: Db, actor: Actor, idOrNumber: string): Promise<CaseChanges> {
  const { row, resource: caseResource } = await loadCaseFor(db, actor, idOrNumber, 'read')
  const caseId = row.id
  const userId = actorUserId(actor)
  if (!userId) return { since: null, items: [], more: false, threads: [] }
  const since = await previousVisit(db, userId, caseId)
  if (!since) return { since: null, items: [], more: false, threads: [] }

  const [entries, counts] = await Promise.all([
    db
      .selectFrom('ledger_entries')
      .select(['instant', 'actor_name', 'kind', 'payload'])
      .where('case_id', '=', caseId)
      .where('instant', '>', since.toISOString())
      .orderBy('sequence', 'desc')
      .limit(MOST_CHANGES * 5)
      .execute(),
    sql<{ thread: string; n: string }>`
      SELECT ${threadKeySql('m')} AS thread, count(*) AS n
      FROM case_messages m WHERE case_id = ${caseId} AND created_at > ${since}
        AND author_user_id IS DISTINCT FROM ${userId}::uuid
      GROUP BY 1`.execute(db),
  ])
  const threads = await threadsOf(
    db,
    actor,
    caseId,
    caseResource,
    counts.rows.map((r) => r.thread),
  )
  // Whoever may read the ledger may know of every change in it.
  const viewer = { staff: can(actor, 'read_ledger', caseResource), threadKeys: new Set(threads.map((t) => t.key)) }
  // Entries about one participant record its id; only those ids are looked up (a case may have a thousand).
  const named = await participantNames(
    db,
    entries.map((e) => (e.payload as { participant?: unknown }).participant).filter((v) => typeof v === 'string'),
  )
  const names = new Map([...named].map(([id, name]) => [id, name ?? 'A participant']))
  // Messages are counted per thread below; files and every other change are listed one by one.
  const visible = entries
    .map((e) => ({ instant: e.instant, actorName: e.actor_name, kind: e.kind, payload: e.payload as JsonValue }))
    .filter((e) => mayKnowOf(e, viewer))
    // Messages are counted per thread; each mail sent is in the ledger, not news.
    .filter(
      (e) =>
        !(
          e.kind === 'information.released' &&
          (!(e.payload as { attachment?: string }).attachment || (e.payload as { via?: string }).via === 'mail')
        ),
    )
  const byKey = new Map(counts.rows.map((r) => [r.thread, Number(r.n)]))
  return {
    since,
    items: visible
      .slice(0, MOST_CHANGES)
      .map((e) => ({ at: e.instant, actor: e.actorName, kind: e.kind, text: describeChange(e, names, viewer) })),
    more: visible.length > MOST_CHANGES,
    threads: threads
      .filter((t) => byKey.has(t.key))
      .map((t) => ({ key: t.key, title: t.title, newMessages: byKey.get(t.key)! })),
  }
}
