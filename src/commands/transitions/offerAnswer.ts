// What the two offer machines share, a case's (peerOffer.ts) and a report's (reportPeerOffer.ts):
// an offer is answered once, offered → accepted | declined, with the answer's message, reason and
// instant. Each machine still writes its own state column in its own update, so that
// test/architecture/stateWrites.test.ts sees which machine writes which table's state.
import { sql, type UpdateQueryBuilder, type UpdateResult } from 'kysely'
import type { Database } from '../../store/schema.js'

type OfferTable = 'federation_case_offers' | 'federation_report_offers'

/** The state an answer moves an offer to. */
export const answeredState = (accepted: boolean) => (accepted ? 'accepted' : 'declined')

/** The answer's columns, beside the state. */
export const answerColumns = (activityId: string, reason: string | null, at: Date) => ({
  answer_activity_id: activityId,
  answer_reason: reason,
  answered_at: at,
})

/**
 * The update applied only to an offer not answered yet: the offer's id when it moved, undefined when
 * not. Both tables have `id` and `state`; they are named by reference because the table is the caller's.
 */
export const whileOffered = <T extends OfferTable>(
  update: UpdateQueryBuilder<Database, T, T, UpdateResult>,
  id: string,
) =>
  update
    .where(sql.ref<string>('id'), '=', id)
    .where(sql.ref<string>('state'), '=', 'offered')
    .returning('id')
    .executeTakeFirst()
