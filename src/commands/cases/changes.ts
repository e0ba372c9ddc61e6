// Visits to a case and what changed since the last one. A visit is a run of page views less than
// half an hour apart, so reloading the page while working does not wipe the list; the list shows
// what happened after the last view of the visit before.
import { sql } from 'kysely'
import { isStaff, type Actor } from '../../domain/actor.js'
import { describeChange, mayKnowOf } from '../../domain/caseChanges.js'
import type { JsonValue } from '../../domain/ledger.js'
import type { Resources } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { isUuid } from '../../store/db.js'
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

export async function previousVisit(db: Db, userId: string, caseId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('case_visits')
    .select('previous_seen_at')
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  return row?.previous_seen_at ?? null
}

export interface CaseChanges {
  since: Date | null
  items: { at: string; actor: string; kind: string; text: string }[]
  more: boolean
  threads: { key: string; title: string; newMessages: number }[]
}

export async function changesSinceLastVisit(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
): Promise<CaseChanges> {
  if (actor.kind !== 'user') return { since: null, items: [], more: false, threads: [] }
  const since = await previousVisit(db, actor.userId, caseId)
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
        AND author_user_id IS DISTINCT FROM ${actor.userId}::uuid
      GROUP BY 1`.execute(db),
  ])
  const threads = await threadsOf(
    db,
    actor,
    caseId,
    caseResource,
    counts.rows.map((r) => r.thread),
  )
  const viewer = { staff: isStaff(actor), threadKeys: new Set(threads.map((t) => t.key)) }
  // Entries about one participant record its id; only those ids are looked up (a case may have a thousand).
  const ids = [
    ...new Set(
      entries
        .map((e) => (e.payload as { participant?: unknown }).participant)
        .filter((v): v is string => typeof v === 'string' && isUuid(v)),
    ),
  ]
  const named = ids.length
    ? await db
        .selectFrom('participants')
        .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
        .leftJoin('users', 'users.id', 'participants.user_id')
        .select(['participants.id', 'organizations.name as organization_name', 'users.name as user_name'])
        .where('participants.id', 'in', ids)
        .execute()
    : []
  const names = new Map(named.map((p) => [p.id, p.organization_name ?? p.user_name ?? 'A participant']))
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
