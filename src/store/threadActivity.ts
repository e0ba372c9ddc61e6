// How busy a case's threads are: which private threads were written in last (for a page of the
// thread list), and, for the threads one page shows, how many messages a person has not read and
// when the last was written. Both walk the messages index of migration 31 (case, participant,
// instant), so a case with ten thousand messages costs one index scan per question, never the
// whole case grouped in memory.
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
 * most recently written first, and how many there are in all; `limit` of them when given.
 */
export async function privateThreadsByRecency(
  db: Db,
  caseId: string,
  limit?: number,
): Promise<{ ids: string[]; total: number }> {
  const { rows } = await sql<{ participant_id: string; total: string }>`
    SELECT g.participant_id, count(*) OVER () AS total
    FROM (
      SELECT m.participant_id, max(m.created_at) AS last_at
      FROM case_messages m
      WHERE m.case_id = ${caseId} AND m.participant_id IS NOT NULL
      GROUP BY m.participant_id
    ) g
    JOIN participants p ON p.id = g.participant_id AND NOT ('coordinator' = ANY(p.roles))
    ORDER BY g.last_at DESC, g.participant_id
    ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`.execute(db)
  return { ids: rows.map((r) => r.participant_id), total: Number(rows[0]?.total ?? 0) }
}

/**
 * Unread counts (for `userId`; all unread without one) and the last message of the threads named
 * by key, in one query over just those threads' messages. A thread without messages is
 * left out of the answer.
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
  // One branch per kind of thread, each on its own index (see migration 31); the read marks joined
  // by the thread's key.
  const counted = (key: RawBuilder<string>) => sql`
    ${key} AS thread,
    count(*) FILTER (WHERE r.last_read_at IS NULL OR m.created_at > r.last_read_at) AS unread,
    max(m.created_at) AS last_at
    FROM case_messages m
    LEFT JOIN thread_reads r ON r.user_id = ${userId}::uuid AND r.case_id = m.case_id AND r.thread = ${key}`
  const branches = [
    ...(caseWide
      ? [
          sql`SELECT ${counted(sql<string>`${CASE_WIDE}::text`)}
          WHERE m.case_id = ${caseId} AND m.participant_id IS NULL AND m.topic_id IS NULL GROUP BY r.last_read_at`,
        ]
      : []),
    ...(participantIds.length
      ? [
          sql`SELECT ${counted(sql<string>`m.participant_id::text`)}
          WHERE m.case_id = ${caseId} AND m.participant_id = ANY(${participantIds}::uuid[]) GROUP BY 1`,
        ]
      : []),
    ...(topicIds.length
      ? [
          sql`SELECT ${counted(sql<string>`${TOPIC_PREFIX} || m.topic_id::text`)}
          WHERE m.topic_id = ANY(${topicIds}::uuid[]) AND m.case_id = ${caseId} GROUP BY 1`,
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
