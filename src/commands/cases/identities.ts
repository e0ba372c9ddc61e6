// What a finder chose about who knows them, kept wherever a participant's name shows: the
// participant list, the embargo's answers and proposals, thread authors and mail. The policy says
// who may know (participant_identity); this turns a row into what the caller may see of it.
import type { Actor } from '../../domain/actor.js'
import { can, type Resources } from '../../domain/policy/index.js'

export const ANONYMOUS_FINDER = 'Anonymous finder'

interface Identified {
  user_id: string | null
  organization_id: string | null
  identity_withheld: boolean
}

/** Whether the caller may know who this participant is. */
export function mayKnow(actor: Actor, caseResource: Resources['case'], p: Identified): boolean {
  return can(actor, 'read', {
    type: 'participant_identity',
    case: caseResource,
    participant: { userId: p.user_id, organizationId: p.organization_id },
    withheld: p.identity_withheld,
  })
}

/** The participant as the caller may see it: an anonymous finder without name or account. */
export function asSeenBy<T extends Identified & { user_name?: string | null; name?: string | null }>(
  actor: Actor,
  caseResource: Resources['case'],
  p: T,
): T {
  if (mayKnow(actor, caseResource, p)) return p
  return {
    ...p,
    user_id: null,
    ...('user_name' in p ? { user_name: ANONYMOUS_FINDER } : {}),
    ...('name' in p ? { name: ANONYMOUS_FINDER } : {}),
  }
}
