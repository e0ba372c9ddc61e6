import { describe, expect, it } from 'vitest'
import {
  followUpDue,
  nextFollowUpAt,
  vendorState,
  vendorStateLabels,
  vendorStates,
  type FollowUpTimes,
} from './vendorTracking.js'

// The sendmail case: the notification went out on 13 January 2003 at 15:00 UTC.
const notified = new Date('2003-01-13T15:00:00Z')
const at = (iso: string) => new Date(iso)
const daysAfter = (days: number, extraMs = 0) => new Date(notified.getTime() + days * 86_400_000 + extraMs)

const never = {
  notifiedAt: null,
  seenAt: null,
  respondedAt: null,
  statementAt: null,
  remindedAt: null,
  escalatedAt: null,
}
const silent: FollowUpTimes = { ...never, notifiedAt: notified }

describe('vendorState', () => {
  it.each([
    ['not_notified', {}],
    ['no_response', { notifiedAt: notified }],
    ['seen', { notifiedAt: notified, seenAt: at('2003-01-14T09:00:00Z') }],
    [
      'responded',
      { notifiedAt: notified, seenAt: at('2003-01-14T09:00:00Z'), respondedAt: at('2003-01-15T10:00:00Z') },
    ],
    [
      'statement',
      {
        notifiedAt: notified,
        seenAt: at('2003-01-14T09:00:00Z'),
        respondedAt: at('2003-01-15T10:00:00Z'),
        statementAt: at('2003-01-20T10:00:00Z'),
      },
    ],
  ] as const)('is %s for %j', (state, times) => {
    expect(vendorState({ ...never, ...times })).toBe(state)
  })

  it('takes the furthest evidence, even when earlier steps were not recorded', () => {
    expect(vendorState({ ...never, statementAt: notified })).toBe('statement')
    expect(vendorState({ ...never, respondedAt: notified })).toBe('responded')
    expect(vendorState({ ...never, seenAt: notified })).toBe('seen')
    expect(vendorState({ ...never, notifiedAt: notified, statementAt: notified })).toBe('statement')
  })

  it('has a label in plain words for every state, and none says "unknown"', () => {
    expect(Object.keys(vendorStateLabels).sort()).toEqual([...vendorStates].sort())
    for (const state of vendorStates) expect(vendorStateLabels[state]).toMatch(/^[A-Z][a-z ,]+$/)
    expect(Object.values(vendorStateLabels).join(' ')).not.toMatch(/unknown/i)
    expect(vendorStateLabels.no_response).toBe('Notified, no response yet')
    expect(new Set(Object.values(vendorStateLabels)).size).toBe(vendorStates.length)
  })
})

describe('followUpDue', () => {
  it('is nothing for a vendor not notified yet, however long the case has been open', () => {
    expect(followUpDue(never, daysAfter(100))).toBeNull()
  })

  it('reminds a silent vendor once 7 days have passed since the notification, to the millisecond', () => {
    expect(followUpDue(silent, daysAfter(0))).toBeNull()
    expect(followUpDue(silent, daysAfter(7, -1))).toBeNull()
    expect(followUpDue(silent, daysAfter(7))).toBe('remind')
    expect(followUpDue(silent, daysAfter(13))).toBe('remind')
  })

  it('reminds only once', () => {
    const reminded = { ...silent, remindedAt: daysAfter(7, 60_000) }
    expect(followUpDue(reminded, daysAfter(8))).toBeNull()
    expect(followUpDue(reminded, daysAfter(14, -1))).toBeNull()
  })

  it('escalates once 14 days have passed, and only once', () => {
    const reminded = { ...silent, remindedAt: daysAfter(7) }
    expect(followUpDue(reminded, daysAfter(14))).toBe('escalate')
    const escalated = { ...reminded, escalatedAt: daysAfter(14) }
    expect(followUpDue(escalated, daysAfter(15))).toBeNull()
    expect(followUpDue(escalated, daysAfter(400))).toBeNull()
  })

  it('escalates rather than reminds when both are due and no reminder went out', () => {
    expect(followUpDue(silent, daysAfter(20))).toBe('escalate')
    expect(followUpDue({ ...silent, escalatedAt: daysAfter(20) }, daysAfter(21))).toBeNull()
  })

  it('counts elapsed days, not calendar days, across a daylight-saving change', () => {
    // Notified the evening before Europe's clocks went forward (30 March 2003).
    const t = { ...silent, notifiedAt: at('2003-03-29T22:30:00Z') }
    expect(followUpDue(t, at('2003-04-05T22:29:59.999Z'))).toBeNull()
    expect(followUpDue(t, at('2003-04-05T22:30:00Z'))).toBe('remind')
  })

  it('a vendor that has only looked is still silent', () => {
    const seen = { ...silent, seenAt: daysAfter(1) }
    expect(followUpDue(seen, daysAfter(7))).toBe('remind')
    expect(followUpDue({ ...seen, remindedAt: daysAfter(7) }, daysAfter(14))).toBe('escalate')
  })

  it('is never due once the vendor responded or gave a statement, even late', () => {
    for (const answered of [
      { respondedAt: daysAfter(3) },
      { statementAt: daysAfter(3) },
      { respondedAt: daysAfter(10), remindedAt: daysAfter(7) },
    ]) {
      const t = { ...silent, ...answered }
      for (const day of [7, 14, 30])
        expect(followUpDue(t, daysAfter(day)), `${JSON.stringify(answered)} day ${day}`).toBeNull()
    }
  })

  it('follows the policy it is given', () => {
    const policy = { remindAfterDays: 2, escalateAfterDays: 5 }
    expect(followUpDue(silent, daysAfter(2, -1), policy)).toBeNull()
    expect(followUpDue(silent, daysAfter(2), policy)).toBe('remind')
    expect(followUpDue({ ...silent, remindedAt: daysAfter(2) }, daysAfter(5), policy)).toBe('escalate')
    // Half a day is allowed: an instance in a hurry.
    expect(followUpDue(silent, daysAfter(0.5), { remindAfterDays: 0.5, escalateAfterDays: 1 })).toBe('remind')
  })

  it('over a simulated month, sends exactly one reminder on day 7 and one escalation on day 14', () => {
    let t: FollowUpTimes = silent
    const sent: string[] = []
    for (let hour = 0; hour <= 30 * 24; hour++) {
      const now = daysAfter(0, hour * 3_600_000)
      const due = followUpDue(t, now)
      if (due === 'remind') t = { ...t, remindedAt: now }
      if (due === 'escalate') t = { ...t, escalatedAt: now }
      if (due) sent.push(`${due} ${now.toISOString()}`)
    }
    expect(sent).toEqual(['remind 2003-01-20T15:00:00.000Z', 'escalate 2003-01-27T15:00:00.000Z'])
  })
})

describe('nextFollowUpAt', () => {
  it('is the reminder time, then the escalation time, then never', () => {
    expect(nextFollowUpAt(silent)).toEqual(daysAfter(7))
    expect(nextFollowUpAt({ ...silent, remindedAt: daysAfter(7) })).toEqual(daysAfter(14))
    expect(nextFollowUpAt({ ...silent, remindedAt: daysAfter(7), escalatedAt: daysAfter(14) })).toBeNull()
  })

  it('is never for a vendor not notified or that has answered', () => {
    expect(nextFollowUpAt(never)).toBeNull()
    expect(nextFollowUpAt({ ...silent, respondedAt: daysAfter(1) })).toBeNull()
    expect(nextFollowUpAt({ ...silent, statementAt: daysAfter(1) })).toBeNull()
  })

  it('agrees with followUpDue: nothing is due just before it, something is due at it', () => {
    const cases: FollowUpTimes[] = [
      silent,
      { ...silent, remindedAt: daysAfter(7) },
      { ...silent, seenAt: daysAfter(2) },
    ]
    for (const t of cases) {
      const next = nextFollowUpAt(t)!
      expect(followUpDue(t, new Date(next.getTime() - 1))).toBeNull()
      expect(followUpDue(t, next)).not.toBeNull()
    }
  })

  it('skips the reminder when the policy escalates first', () => {
    const policy = { remindAfterDays: 10, escalateAfterDays: 10 }
    expect(nextFollowUpAt(silent, policy)).toEqual(daysAfter(10))
    expect(followUpDue(silent, daysAfter(10), policy)).toBe('escalate')
  })
})
