// The answers to an embargo proposal counted on its origin: the rule for agreement across
// instances, and the report of a peer's parties read back as sent (refused when it points at
// another instance's case or carries a party without an answer).
import { describe, expect, it } from 'vitest'
import { readCaseActivity } from './caseOffer.js'
import { everyoneAgreed, proposalAddress, proposalIdFrom, reportAnswers } from './embargoAnswers.js'
import { FederationRefusal } from './refusal.js'

const A = 'https://cert-a.example'
const B = 'https://cert-b.example'
const proposalId = '0b6c2a5e-8f1d-4c3b-9a7e-2d4f6a8b0c1e'
const report = (type: 'Read' | 'Accept' | 'Reject', answer: 'invited' | 'accepted' | 'declined') =>
  JSON.parse(
    JSON.stringify(
      reportAnswers({
        id: `${B}/federation/activities/9`,
        type,
        from: `${B}/federation/actor`,
        to: `${A}/federation/actor`,
        inviteId: `${A}/federation/activities/1`,
        originProposal: proposalAddress(`${A}/cases/LS-2026-0001`, proposalId),
        caseUrl: `${B}/cases/LS-2026-0007`,
        targetCaseUrl: `${A}/cases/LS-2026-0001`,
        parties: [
          { party: 'p-1', name: 'Nordic Router Oy', instance: null, answer, answeredAt: new Date(5000) },
          { party: 'c/p-2', name: 'Alpine Switch AG', instance: 'CERT-C', answer: 'invited', answeredAt: null },
        ],
        at: new Date(1000),
      }),
    ),
  ) as Record<string, unknown>

describe('the rule for agreement across instances', () => {
  it('seals only when every party asked on the origin and on every peer agreed', () => {
    expect(everyoneAgreed(['signatory', 'signatory'], ['accepted'])).toBe(true)
    // A vendor on B accepts, one on A has not: not yet; and the other way round.
    expect(everyoneAgreed(['signatory', 'invited'], ['accepted'])).toBe(false)
    expect(everyoneAgreed(['signatory'], ['accepted', 'invited'])).toBe(false)
    // One refusal anywhere, or agreement to earlier terms, is not agreement.
    expect(everyoneAgreed(['signatory'], ['declined'])).toBe(false)
    expect(everyoneAgreed(['lapsed'], ['accepted'])).toBe(false)
    // A single instance, as before: its own parties decide.
    expect(everyoneAgreed(['signatory'], [])).toBe(true)
  })

  it('finds the proposal in the address it made, and nothing in another', () => {
    expect(proposalIdFrom(proposalAddress(`${A}/cases/LS-2026-0001`, proposalId))).toBe(proposalId)
    expect(proposalIdFrom(`${A}/cases/LS-2026-0001/embargo/proposals/../../x`)).toBeNull()
    expect(proposalIdFrom(`${A}/federation/activities/1`)).toBeNull()
  })
})

describe("a peer's answers, on the wire", () => {
  it('reads a rejection with every party asked there, one passed on from another instance', () => {
    const read = readCaseActivity(report('Reject', 'declined'), B)
    expect(read).toEqual({
      kind: 'embargo-answers',
      report: 'Reject',
      senderCaseUrl: `${B}/cases/LS-2026-0007`,
      originProposal: `${A}/cases/LS-2026-0001/embargo/proposals/${proposalId}`,
      parties: [
        { party: 'p-1', name: 'Nordic Router Oy', instance: null, answer: 'declined', answeredAt: new Date(5000) },
        { party: 'c/p-2', name: 'Alpine Switch AG', instance: 'CERT-C', answer: 'invited', answeredAt: null },
      ],
      reportedAt: new Date(1000),
    })
    // An Accept of a case invitation is still read as one.
    expect(readCaseActivity({ type: 'Accept', object: `${A}/federation/activities/1` }, B)).toMatchObject({
      kind: 'answer',
    })
  })

  it('refuses answers about a case of another instance, or a party without an answer', () => {
    const refusal = (a: Record<string, unknown>) => {
      try {
        readCaseActivity(a, B)
      } catch (e) {
        return e instanceof FederationRefusal ? `${e.reason} ${e.message}` : String(e)
      }
      return 'not refused'
    }
    expect(refusal(report('Read', 'invited'))).toBe('not refused')
    expect(refusal({ ...report('Accept', 'accepted'), context: `${A}/cases/LS-2026-0001` })).toMatch(
      /^bad-activity .*context/,
    )
    const noAnswer = report('Accept', 'accepted')
    ;(noAnswer['lockstep:parties'] as Record<string, unknown>[])[0]!.answer = 'maybe'
    expect(refusal(noAnswer)).toMatch(/^bad-activity .*answer/)
  })
})
