// Who hears which live event (store/liveEvents.ts). An event carries ids and kinds only; the page
// that hears it asks the API again, which checks everything as usual. Still, even that a case moved
// is told only to those the policy lets read the case, an alert only to those who may see the
// owner's alerts, a report's news only to those who may read the report.
import type { Actor } from '../../domain/actor.js'
import { can, partyOf } from '../../domain/policy/index.js'
import { caseResource } from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import type { LiveEvent } from '../../store/liveEvents.js'

/** What a page is told: a kind and, when the event is about one, the case's or report's id. */
export interface PageEvent {
  kind: LiveEvent['kind']
  caseId?: string
  reportId?: string
}

/** The event as this signed-in person may hear it, or null when it is none of theirs. */
export async function eventForActor(db: Db, actor: Actor, event: LiveEvent): Promise<PageEvent | null> {
  if ('caseId' in event) {
    const readable = can(actor, 'read', await caseResource(db, event.caseId, actor))
    return readable ? { kind: event.kind, caseId: event.caseId } : null
  }
  if ('reportId' in event) {
    const report = await db
      .selectFrom('reports')
      .select('reporter_user_id')
      .where('id', '=', event.reportId)
      .executeTakeFirst()
    if (!report || !can(actor, 'read', { type: 'report', reporterUserId: report.reporter_user_id })) return null
    return { kind: event.kind, reportId: event.reportId }
  }
  if ('organizationId' in event) {
    // The same action that lets one list the organization's alerts (routes/alerts.ts).
    return can(actor, 'manage_inventory', { type: 'organization', id: event.organizationId })
      ? { kind: event.kind }
      : null
  }
  // Addressed to one person: nobody else hears it, staff included.
  return partyOf(actor).userId === event.userId ? { kind: event.kind } : null
}

/**
 * The event as the holder of a report's follow-up link hears it: the report's own news, and the
 * release of the case it became (told as news of the report; the link says nothing of the case).
 */
export async function eventForFollowUp(db: Db, reportId: string, event: LiveEvent): Promise<PageEvent | null> {
  if ('reportId' in event) return event.reportId === reportId ? { kind: event.kind } : null
  if (!('caseId' in event) || event.kind !== 'case.released') return null
  // Read at the event: the report may have joined a case since the page opened.
  const report = await db.selectFrom('reports').select('case_id').where('id', '=', reportId).executeTakeFirst()
  return report?.case_id === event.caseId ? { kind: 'report.changed' } : null
}
