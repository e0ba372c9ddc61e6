// How far each vendor of a case has been reached, from the times recorded on its participant row,
// and when a silent vendor is due a reminder or an escalation. "No response yet" is a state of its
// own: a vendor that was told and has said nothing is not a vendor whose state is unknown.

export const vendorStates = ['not_notified', 'no_response', 'seen', 'responded', 'statement'] as const
export type VendorState = (typeof vendorStates)[number]

export const vendorStateLabels: Readonly<Record<VendorState, string>> = {
  not_notified: 'Not notified yet',
  no_response: 'Notified, no response yet',
  seen: 'Seen, no reply yet',
  responded: 'Responded',
  statement: 'Statement given',
}

export interface VendorContactTimes {
  notifiedAt: Date | null
  /** First looked at the case (portal or a read notification). */
  seenAt: Date | null
  respondedAt: Date | null
  /** First statement on any of the case's vulnerabilities. */
  statementAt: Date | null
}

/**
 * The furthest point the vendor has reached. Later evidence wins even when earlier steps were
 * not recorded: a vendor that found the case in its portal before the notification mail went out
 * has still seen it.
 */
export function vendorState(t: VendorContactTimes): VendorState {
  if (t.statementAt) return 'statement'
  if (t.respondedAt) return 'responded'
  if (t.seenAt) return 'seen'
  if (t.notifiedAt) return 'no_response'
  return 'not_notified'
}

export interface FollowUpTimes extends VendorContactTimes {
  remindedAt: Date | null
  escalatedAt: Date | null
}

export interface FollowUpPolicy {
  remindAfterDays: number
  escalateAfterDays: number
}

export const defaultFollowUpPolicy: Readonly<FollowUpPolicy> = { remindAfterDays: 7, escalateAfterDays: 14 }

export type FollowUp = 'remind' | 'escalate'

const DAY_MS = 24 * 60 * 60 * 1000

// Days are counted as elapsed 24-hour periods from the notification, not calendar days, so the
// answer is the same in every time zone and across daylight-saving changes.
const after = (start: Date, days: number) => new Date(start.getTime() + days * DAY_MS)

/** Silent: told, and neither a reply nor a statement since. Having only looked is still silent. */
const silent = (t: VendorContactTimes): t is VendorContactTimes & { notifiedAt: Date } =>
  t.notifiedAt !== null && t.respondedAt === null && t.statementAt === null

/**
 * What a silent vendor is due now: one reminder once remindAfterDays have passed since it was
 * notified, and one escalation (to its alternate contacts and the coordinator) once
 * escalateAfterDays have. Each happens at most once, and neither once the vendor has answered.
 * When both are due and no reminder went out (the job did not run in between), the escalation is
 * what is due and the reminder is skipped: a reminder followed by an escalation a moment later is
 * noise.
 */
export function followUpDue(
  t: FollowUpTimes,
  now: Date,
  policy: FollowUpPolicy = defaultFollowUpPolicy,
): FollowUp | null {
  if (!silent(t) || t.escalatedAt) return null
  if (now >= after(t.notifiedAt, policy.escalateAfterDays)) return 'escalate'
  if (!t.remindedAt && now >= after(t.notifiedAt, policy.remindAfterDays)) return 'remind'
  return null
}

/** When followUpDue will next answer something other than null, for scheduling the job; null if never. */
export function nextFollowUpAt(t: FollowUpTimes, policy: FollowUpPolicy = defaultFollowUpPolicy): Date | null {
  if (!silent(t) || t.escalatedAt) return null
  const escalate = after(t.notifiedAt, policy.escalateAfterDays)
  const remind = after(t.notifiedAt, policy.remindAfterDays)
  return !t.remindedAt && remind < escalate ? remind : escalate
}
