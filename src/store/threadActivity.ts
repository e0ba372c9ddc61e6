// How busy a case's threads are: which private threads were written in last (for a page of the
// thread list, from each participant's last message, migration 0049), and, for the threads one page shows, how many messages a person has not read and
// when the last was written. Each walks the messages indexes of migration 31 (case, participant,
// instant; the case-wide and product threads' own), and a person's read mark is looked up once per
// thread, never once per message: a case with ten thousand messages costs an index range per
// thread asked about.
import { sql, type RawBuilder } from 'kysely'
import { isUuid, type Db } from './db.js'
import { CASE_WIDE, TOPIC_PREFIX, threadKeySql } from './threadPlaces.js'

export interface ThreadActivity {
  unread: number
  lastAt: Date | null
}

type ActivityRow = { thread: string; unread: string; last_at: Date | null }
const activityOf = (rows: ActivityRow[]) =>
  new Map(rows.map((r) => [r.thread, { unread: Number(r.unread), lastAt: r.last_at }]))

/**
 * The private threads something was said in (a participant id each, never a coordinator's), the
 * most recently written first; `limit` of them when given. Read from the participants' last
 * message, kept by migration 0049's trigger in the index's order: a page reads its own rows only.
 */
export async function privateThreadsByRecency(db: Db, caseId: string, limit?: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT p.id FROM participants p
    WHERE p.case_id = ${caseId} AND p.last_message_at IS NOT NULL AND NOT ('coordinator' = ANY(p.roles))
    ORDER BY p.last_message_at DESC, p.id
    ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`.execute(db)
  return rows.map((r) => r.id)
}

/**
 * Unread counts (for `userId`; all unread without one) and the last message of the threads named
 * by key. Each thread is one aggregate over its own index range, with its read mark looked up once
 * for the thread: joined per message instead, the case-wide thread of a large case probed the read
 * marks five thousand times. A thread without messages is left out of the answer.
 */
export async function threadActivity(
  db: Db,
  userId: string | null,
  caseId: string,
  keys: readonly string[],
): Promise<Map<string, ThreadActivity>> {
  const caseWide = keys.includes(CASE_WIDE)
  const topicIds = keys
    .filter((k) => k.startsWith(TOPIC_PREFIX))
    .map((k) => k.slice(TOPIC_PREFIX.length))
    .filter(isUuid)
  const participantIds = keys.filter(isUuid)
  if (!caseWide && topicIds.length === 0 && participantIds.length === 0) return new Map()
  // One branch per kind of thread, each on its own index (see migration 31).
  const perThread = (key: RawBuilder<string>, from: RawBuilder<unknown>, messagesOf: RawBuilder<boolean>) => sql`
    SELECT ${key} AS thread, a.unread, a.last_at
    FROM ${from}
    LEFT JOIN thread_reads r ON r.user_id = ${userId}::uuid AND r.case_id = ${caseId} AND r.thread = ${key}
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.created_at > coalesce(r.last_read_at, '-infinity')) AS unread,
             max(m.created_at) AS last_at
      FROM case_messages m
      WHERE m.case_id = ${caseId} AND ${messagesOf}
    ) a
    WHERE a.last_at IS NOT NULL`
  const branches = [
    ...(caseWide
      ? [
          perThread(
            sql<string>`k.key`,
            sql`(VALUES (${CASE_WIDE}::text)) k(key)`,
            sql<boolean>`m.participant_id IS NULL AND m.topic_id IS NULL`,
          ),
        ]
      : []),
    ...(participantIds.length
      ? [
          perThread(
            sql<string>`k.id::text`,
            sql`unnest(${participantIds}::uuid[]) k(id)`,
            sql<boolean>`m.participant_id = k.id`,
          ),
        ]
      : []),
    ...(topicIds.length
      ? [
          perThread(
            sql<string>`${TOPIC_PREFIX} || k.id::text`,
            sql`unnest(${topicIds}::uuid[]) k(id)`,
            sql<boolean>`m.topic_id = k.id`,
          ),
        ]
      : []),
  ]
  const { rows } = await sql<ActivityRow>`${sql.join(branches, sql` UNION ALL `)}`.execute(db)
  return activityOf(rows)
}

/** The same for every thread of the case something was said in (the whole list: one pass). */
export async function caseThreadActivity(
  db: Db,
  userId: string | null,
  caseId: string,
): Promise<Map<string, ThreadActivity>> {
  const { rows } = await sql<ActivityRow>`
    SELECT ${threadKeySql('m')} AS thread,
           count(*) FILTER (WHERE r.last_read_at IS NULL OR m.created_at > r.last_read_at) AS unread,
           max(m.created_at) AS last_at
    FROM case_messages m
    LEFT JOIN thread_reads r ON r.case_id = m.case_id AND r.user_id = ${userId}::uuid AND r.thread = ${threadKeySql('m')}
    WHERE m.case_id = ${caseId}
    GROUP BY 1`.execute(db)
  return activityOf(rows)
}
