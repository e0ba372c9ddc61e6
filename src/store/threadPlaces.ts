// Where a case message or file belongs, as stored: a private thread (participant_id), a product
// thread (topic_id), or, both null, the case-wide thread; and the text key each thread goes by
// in URLs, read marks and reply addresses.
import { sql, type ExpressionBuilder } from 'kysely'
import type { Database } from './schema.js'

export const CASE_WIDE = 'case'
/** A product thread's key is this prefix and the thread's id. */
export const TOPIC_PREFIX = 'topic:'

/** Where a message or a file belongs: a private thread, a product thread, or (both null) the case-wide one. */
export interface ThreadPlace {
  participantId: string | null
  topicId?: string | null | undefined
}

/** The key of the thread a stored row belongs to. */
export function threadKeyOf(row: { participant_id: string | null; topic_id?: string | null }): string {
  return row.participant_id ?? (row.topic_id ? `${TOPIC_PREFIX}${row.topic_id}` : CASE_WIDE)
}

/** The same key in SQL, for a table aliased `alias` with participant_id and topic_id. */
export function threadKeySql(alias: string) {
  return sql<string>`coalesce(${sql.ref(`${alias}.participant_id`)}::text, ${TOPIC_PREFIX} || ${sql.ref(`${alias}.topic_id`)}::text, ${CASE_WIDE})`
}

/** Filters rows of `table` (case_messages or attachments) to one thread. */
export function inThread<T extends 'case_messages' | 'attachments'>(table: T, place: ThreadPlace) {
  return (eb: ExpressionBuilder<Database, T>) => {
    const ref = (c: 'participant_id' | 'topic_id') => sql.ref<string | null>(`${table}.${c}`)
    if (place.participantId) return eb(ref('participant_id'), '=', place.participantId)
    if (place.topicId) return eb(ref('topic_id'), '=', place.topicId)
    return eb.and([eb(ref('participant_id'), 'is', null), eb(ref('topic_id'), 'is', null)])
  }
}
