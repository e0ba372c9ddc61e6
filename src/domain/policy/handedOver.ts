// A case handed over to a peer instance (issue 17 item 5) is read-only here: its history stays
// readable by everyone who could read it, and no action that changes it is allowed to anyone, on
// the case itself or on anything of it (threads, participants, the embargo, the advisory...).
// It is a predicate on the case, applied by `can` and `authorize` to every rule, so no rule added
// later can forget it.
import type { Resource, Resources } from './policy.js'

export type HandedOver = NonNullable<Resources['case']['handedOver']>

/** The case a resource belongs to (itself for a case), when it was handed over. */
export function handedOverCaseOf(resource: Resource): HandedOver | null {
  const c = resource.type === 'case' ? resource : 'case' in resource ? (resource.case as Resources['case']) : null
  return c?.handedOver ?? null
}

/**
 * Whether an action changes the case: everything but reads. Saying one has seen the case changes
 * only the reader's own marker, so it stays allowed (the case page says it on every visit).
 */
export const changesTheCase = (action: string, readsOnly: (action: string) => boolean): boolean =>
  !readsOnly(action) && action !== 'mark_seen'

/** What a refused write says: "This case was handed over to CERT-B at 2026-12-07 14:05 UTC; it is read-only here". */
export const readOnlyNotice = (h: HandedOver): string =>
  `This case was handed over to ${h.to} at ${h.at.slice(0, 16).replace('T', ' ')} UTC; it is read-only here`
