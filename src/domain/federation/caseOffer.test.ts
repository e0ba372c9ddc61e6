// What of a case crosses to a peer, decided by the sending side, and how an Invite or its answer
// is read on the other side (holding the sender to the same rule).
import { describe, expect, it } from 'vitest'
import {
  activateEmbargo,
  answerInvite,
  inviteToCase,
  readCaseActivity,
  whatCrosses,
  type CaseForOffer,
} from './caseOffer.js'
import { FederationRefusal } from './refusal.js'

const A = 'https://cert-a.example'
const base: CaseForOffer = {
  url: `${A}/cases/LS-2026-0001`,
  caseNumber: 'LS-2026-0001',
  title: 'Remote root in prescan()',
  summary: 'A header parsed twice.',
  tlp: 'AMBER',
  vulnerabilities: [{ title: 'prescan() overflow', description: '', cwe: 'CWE-120', cvssVector: null }],
  messages: [
    { body: 'case-wide amber', tlp: 'AMBER', privateThread: false, postedAt: '2026-12-07T10:00:00.000Z' },
    { body: 'case-wide red', tlp: 'RED', privateThread: false, postedAt: '2026-12-07T10:01:00.000Z' },
    { body: 'strict', tlp: 'AMBER+STRICT', privateThread: false, postedAt: '2026-12-07T10:02:00.000Z' },
    { body: 'private green', tlp: 'GREEN', privateThread: true, postedAt: '2026-12-07T10:03:00.000Z' },
  ],
  finders: [
    { name: 'Eve', withheld: false },
    { name: 'Anon', withheld: true },
  ],
}

describe('what crosses to a peer', () => {
  it('refuses a case labelled TLP:RED or AMBER+STRICT outright', () => {
    expect(() => whatCrosses({ ...base, tlp: 'RED' }, { finderConsent: true })).toThrow(/TLP:RED/)
    expect(() => whatCrosses({ ...base, tlp: 'AMBER+STRICT' }, { finderConsent: true })).toThrow(/AMBER\+STRICT/)
  })

  it('keeps private threads and RED or AMBER+STRICT messages home', () => {
    const crossed = whatCrosses(base, { finderConsent: false })
    expect(crossed['lockstep:notes'].map((n) => n.content)).toEqual(['case-wide amber'])
  })

  it('names a finder only with consent, and never one who asked to stay anonymous', () => {
    expect(whatCrosses(base, { finderConsent: false })['lockstep:finders']).toEqual([{ name: null }, { name: null }])
    expect(whatCrosses(base, { finderConsent: true })['lockstep:finders']).toEqual([{ name: 'Eve' }, { name: null }])
  })
})

describe('reading the case protocol', () => {
  const invite = (o: Partial<CaseForOffer> = {}) =>
    inviteToCase({
      id: `${A}/federation/activities/1`,
      from: `${A}/federation/actor`,
      to: 'https://b/federation/actor',
      object: { ...whatCrosses({ ...base, ...o }, { finderConsent: false }) },
      by: 'Alice',
      at: new Date(0),
    }) as unknown as Record<string, unknown>
  const reason = (f: () => unknown) => {
    try {
      f()
    } catch (e) {
      return e instanceof FederationRefusal ? `${e.reason} ${e.message}` : 'other'
    }
    return 'taken'
  }

  it('reads an Invite to a case, and an Accept with the shared case under the sender’s address', () => {
    const read = readCaseActivity(invite(), A)
    expect(read).toMatchObject({ kind: 'invite', caseObject: { name: 'Remote root in prescan()', id: base.url } })
    const accept = answerInvite({
      id: 'https://b/federation/activities/2',
      from: 'https://b/federation/actor',
      to: `${A}/federation/actor`,
      inviteId: `${A}/federation/activities/1`,
      accepted: true,
      sharedCaseUrl: 'https://b/cases/LS-2026-0007',
      at: new Date(0),
    }) as unknown as Record<string, unknown>
    expect(readCaseActivity(accept, 'https://b')).toEqual({
      kind: 'answer',
      accepted: true,
      inviteId: `${A}/federation/activities/1`,
      sharedCaseUrl: 'https://b/cases/LS-2026-0007',
      reason: null,
      advisory: null,
    })
  })

  it('refuses a RED case, a case of another instance, and an answer naming no Invite', () => {
    const red = invite()
    ;(red.target as Record<string, unknown>)['lockstep:tlp'] = 'RED'
    expect(reason(() => readCaseActivity(red, A))).toMatch(/^bad-activity .*TLP:RED/)
    expect(reason(() => readCaseActivity(invite(), 'https://cert-c.example'))).toMatch(/^bad-activity .*address/)
    expect(reason(() => readCaseActivity({ type: 'Accept', object: 42 }, A))).toMatch(/^bad-activity .*Invite/)
  })

  it('reads the embargo agreed on a shared case, and refuses one without an instant or of another instance', () => {
    const add = (o: Partial<Parameters<typeof activateEmbargo>[0]> = {}) =>
      activateEmbargo({
        id: `${A}/federation/activities/3`,
        from: `${A}/federation/actor`,
        to: 'https://b/federation/actor',
        caseUrl: base.url,
        targetCaseUrl: 'https://b/cases/LS-2026-0007',
        endsAt: new Date('2026-12-24T12:00:00Z'),
        at: new Date(0),
        ...o,
      }) as unknown as Record<string, unknown>
    expect(readCaseActivity(add(), A)).toEqual({
      kind: 'embargo',
      senderCaseUrl: base.url,
      endsAt: new Date('2026-12-24T12:00:00Z'),
    })
    const noInstant = add()
    ;(noInstant.object as Record<string, unknown>).endTime = 'soon'
    expect(reason(() => readCaseActivity(noInstant, A))).toMatch(/^bad-activity .*endTime/)
    expect(reason(() => readCaseActivity(add({ caseUrl: 'https://c/cases/LS-1' }), A))).toMatch(
      /^bad-activity .*context/,
    )
  })
})
