// The embargo negotiated across instances and the advisories that name each other, on the wire:
// a proposal (EmProposeEmbargo, an Invite of the EmbargoEvent), an early end (RemoveEmbargoFromCase,
// a Remove), and an advisory in an Accept or an Announce, each read back as sent, and refused when
// it points at another instance's case or page.
import { describe, expect, it } from 'vitest'
import { answerInvite, readCaseActivity } from './caseOffer.js'
import { proposeEmbargo, removeEmbargo } from './embargoNegotiation.js'
import { announceAdvisory } from './peerAdvisory.js'
import { FederationRefusal } from './refusal.js'

const A = 'https://cert-a.example'
const B = 'https://cert-b.example'
const envelope = {
  id: `${B}/federation/activities/1`,
  from: `${B}/federation/actor`,
  to: `${A}/federation/actor`,
  caseUrl: `${B}/cases/LS-2026-0007`,
  targetCaseUrl: `${A}/cases/LS-2026-0001`,
  at: new Date(0),
}
const asRecord = (x: object) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return e instanceof FederationRefusal ? `${e.reason} ${e.message}` : String(e)
  }
  return 'not refused'
}
const advisory = {
  id: 'LSA-2026-0042',
  url: `${B}/advisories/LSA-2026-0042`,
  osv: [{ id: 'x_LSA-2026-0042', cve: 'CVE-2026-10001' }],
}

describe('the embargo negotiated across instances, on the wire', () => {
  it('reads a counter-proposal from a party on the peer, with who proposed it and the answer deadline', () => {
    const invite = proposeEmbargo({
      ...envelope,
      endsAt: new Date('2027-01-15T09:00:00Z'),
      kind: 'proposal',
      proposer: 'Nordic Router Oy',
      answerBy: new Date('2027-01-01T00:00:00Z'),
      proposal: `${B}/cases/LS-2026-0007/embargo/proposals/p1`,
    })
    expect(invite).toMatchObject({ type: 'Invite', object: { type: 'Event', endTime: '2027-01-15T09:00:00.000Z' } })
    expect(readCaseActivity(asRecord(invite), B)).toEqual({
      kind: 'embargo-proposal',
      senderCaseUrl: `${B}/cases/LS-2026-0007`,
      endsAt: new Date('2027-01-15T09:00:00Z'),
      proposalKind: 'proposal',
      proposer: 'Nordic Router Oy',
      answerBy: new Date('2027-01-01T00:00:00Z'),
      originProposal: `${B}/cases/LS-2026-0007/embargo/proposals/p1`,
    })
  })

  it('reads an early end with its reason, and refuses either for a case of another instance', () => {
    const remove = removeEmbargo({ ...envelope, reason: 'Exploit seen in the wild' })
    expect(readCaseActivity(asRecord(remove), B)).toEqual({
      kind: 'embargo-end',
      senderCaseUrl: `${B}/cases/LS-2026-0007`,
      reason: 'Exploit seen in the wild',
    })
    expect(refusal(() => readCaseActivity(asRecord(remove), 'https://cert-c.example'))).toMatch(
      /^bad-activity .*context/,
    )
    const noInstant = asRecord(
      proposeEmbargo({
        ...envelope,
        endsAt: new Date(0),
        kind: 'revision',
        proposer: 'x',
        answerBy: null,
        proposal: 'x',
      }),
    )
    ;(noInstant.object as Record<string, unknown>).endTime = 'soon'
    expect(refusal(() => readCaseActivity(noInstant, B))).toMatch(/^bad-activity .*endTime/)
  })
})

describe('advisories that name each other, on the wire', () => {
  it("reads the accepting side's advisory in its Accept, and the offering side's in an Announce", () => {
    const accept = answerInvite({
      ...envelope,
      inviteId: `${A}/federation/activities/9`,
      accepted: true,
      sharedCaseUrl: `${B}/cases/LS-2026-0007`,
      advisory,
    })
    expect(readCaseActivity(asRecord(accept), B)).toMatchObject({ kind: 'answer', advisory })
    const announce = announceAdvisory({ ...envelope, advisory })
    expect(readCaseActivity(asRecord(announce), B)).toEqual({
      kind: 'advisory',
      senderCaseUrl: `${B}/cases/LS-2026-0007`,
      advisory,
    })
  })

  it("refuses an advisory whose page is not on the sender's address", () => {
    const announce = announceAdvisory({ ...envelope, advisory: { ...advisory, url: `${A}/advisories/LSA-2026-0001` } })
    expect(refusal(() => readCaseActivity(asRecord(announce), B))).toMatch(/^bad-activity .*page/)
  })
})
