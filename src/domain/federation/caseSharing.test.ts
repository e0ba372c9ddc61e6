// What keeps crossing after a case is shared, on the wire: a case-wide message (CreateNote), a
// vendor's status (AddStatusToParticipant), the case's status (AddStatusToCase) and an approved
// statement, each read back as sent through readActivity; the sending side's rule for messages;
// and the refusals: a RED message, a case or vendor on another instance's address.
import { describe, expect, it } from 'vitest'
import { readActivity } from './activities.js'
import { objectIn, senderCase, text } from './activityFields.js'
import { addCaseStatus, addStatement, addVendorStatus, createNote, noteMayCross } from './caseSharing.js'
import { FederationRefusal } from './refusal.js'

const A = 'https://cert-a.example'
const B = 'https://cert-b.example'
const envelope = {
  id: `${B}/federation/activities/1`,
  from: `${B}/federation/actor`,
  to: `${A}/federation/actor`,
  caseUrl: `${B}/cases/LS-2026-0007`,
  targetCaseUrl: `${A}/cases/LS-2026-0001`,
  at: new Date('2026-12-07T10:00:00Z'),
}
const read = (x: object) => readActivity(JSON.parse(JSON.stringify(x)), `${B}/federation/actor`, B)
const refusal = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return e instanceof FederationRefusal ? `${e.reason} ${e.message}` : String(e)
  }
  return 'not refused'
}
const note = {
  noteId: `${B}/cases/LS-2026-0007/messages/9`,
  content: 'Our build with the patch passes.',
  tlp: 'GREEN' as const,
  published: new Date('2026-12-07T09:59:00Z'),
  authorName: 'Nora Nordic',
  authorInstance: null,
}

describe('what keeps crossing after a case is shared, on the wire', () => {
  it('only messages of the case-wide thread whose label may leave cross', () => {
    expect(noteMayCross({ tlp: 'AMBER', caseWide: true })).toBe(true)
    expect(noteMayCross({ tlp: 'CLEAR', caseWide: true })).toBe(true)
    expect(noteMayCross({ tlp: 'RED', caseWide: true })).toBe(false)
    expect(noteMayCross({ tlp: 'AMBER+STRICT', caseWide: true })).toBe(false)
    expect(noteMayCross({ tlp: 'GREEN', caseWide: false })).toBe(false)
  })

  it('reads a case-wide message as sent, with its author, label and the case it belongs to', () => {
    const facts = read(createNote({ ...envelope, note }))
    expect(facts.type).toBe('Create/Note')
    expect(facts.summary).toContain('Nora Nordic')
    expect(facts.caseActivity).toEqual({ kind: 'note', senderCaseUrl: envelope.caseUrl, note })
  })

  it('keeps the instance where a message passed on was written', () => {
    const passedOn = { ...note, noteId: `${A}/cases/LS-2026-0001/messages/3`, authorInstance: 'CERT-A' }
    const facts = read(createNote({ ...envelope, note: passedOn }))
    expect(facts.caseActivity).toMatchObject({ note: { noteId: passedOn.noteId, authorInstance: 'CERT-A' } })
  })

  it('refuses a RED or AMBER+STRICT message even when the sender sent it', () => {
    for (const tlp of ['RED', 'AMBER+STRICT'] as const)
      expect(refusal(() => read(createNote({ ...envelope, note: { ...note, tlp } })))).toContain(
        `a TLP:${tlp} message is never taken`,
      )
  })

  it("refuses a message about a case that is not the sender's", () => {
    const elsewhere = createNote({ ...envelope, caseUrl: `${A}/cases/LS-2026-0001`, note })
    expect(refusal(() => read(elsewhere))).toBe("bad-activity the case (context) is not under the sender's address")
  })

  it("reads a vendor's status (its RM state and facts) and the instant it was stated", () => {
    const status = {
      participantUrl: `${B}/cases/LS-2026-0007/participants/5`,
      name: 'Nordic Router Oy',
      rmState: 'accepted',
      vendorAware: new Date('2026-12-01T00:00:00Z'),
      fixReady: new Date('2026-12-06T00:00:00Z'),
      fixDeployed: null,
    }
    const facts = read(addVendorStatus({ ...envelope, status }))
    expect(facts.type).toBe('Add/ParticipantStatus')
    expect(facts.caseActivity).toEqual({
      kind: 'vendor-status',
      senderCaseUrl: envelope.caseUrl,
      status: { ...status, statedAt: envelope.at, origin: null },
    })
    const forged = addVendorStatus({ ...envelope, status: { ...status, participantUrl: `${A}/participants/1` } })
    expect(refusal(() => read(forged))).toContain("the participant is not under the sender's address")
  })

  it("reads the case's status, each fact an instant or null", () => {
    const facts = { publicAware: new Date('2026-12-07T08:00:00Z'), exploitPublic: null, attacksObserved: null }
    expect(read(addCaseStatus({ ...envelope, facts })).caseActivity).toEqual({
      kind: 'case-status',
      senderCaseUrl: envelope.caseUrl,
      facts,
    })
  })

  it('reads an approved statement with its vulnerability, status and fixed versions', () => {
    const statement = {
      statementUrl: `${B}/cases/LS-2026-0007/statements/4`,
      participantUrl: `${B}/cases/LS-2026-0007/participants/5`,
      vendor: 'Nordic Router Oy',
      vulnerability: { title: 'Remote root in sendmail', cve: 'CVE-2026-10001' },
      status: 'fixed',
      justification: null,
      fixedVersions: ['8.12.9'],
      remediation: null,
      approvedAt: new Date('2026-12-07T09:00:00Z'),
      origin: null,
    }
    const facts = read(addStatement({ ...envelope, statement }))
    expect(facts.type).toBe('Add/Document')
    expect(facts.caseActivity).toEqual({ kind: 'statement', senderCaseUrl: envelope.caseUrl, statement })
  })

  it('reads a status and a statement passed on from a third instance: under its address, stated when it was there', () => {
    const C = 'https://cert-c.example'
    const origin = { name: 'CERT-C', url: C }
    const status = {
      participantUrl: `${C}/cases/LS-2026-0003/participants/8`,
      name: 'Baltic Modem AS',
      rmState: 'accepted',
      vendorAware: null,
      fixReady: null,
      fixDeployed: null,
      statedAt: new Date('2026-12-07T08:30:00Z'),
      origin,
    }
    expect(read(addVendorStatus({ ...envelope, status })).caseActivity).toEqual({
      kind: 'vendor-status',
      senderCaseUrl: envelope.caseUrl,
      status,
    })
    const statement = {
      statementUrl: `${C}/cases/LS-2026-0003/statements/2`,
      participantUrl: status.participantUrl,
      vendor: 'Baltic Modem AS',
      vulnerability: { title: 'Remote root in sendmail', cve: null },
      status: 'not_affected',
      justification: 'component_not_present',
      fixedVersions: [],
      remediation: null,
      approvedAt: new Date('2026-12-07T08:45:00Z'),
      origin,
    }
    expect(read(addStatement({ ...envelope, statement })).caseActivity).toEqual({
      kind: 'statement',
      senderCaseUrl: envelope.caseUrl,
      statement,
    })
    // Its addresses must be the origin's, and the origin must be another instance than the sender.
    const wrongPlace = { ...statement, statementUrl: `${A}/cases/LS-2026-0001/statements/2` }
    expect(refusal(() => read(addStatement({ ...envelope, statement: wrongPlace })))).toContain(
      "the statement is not under the sender's address",
    )
    const notAnInstance = { ...statement, origin: { name: 'CERT-C', url: 'javascript:alert(1)' } }
    expect(refusal(() => read(addStatement({ ...envelope, statement: notAnInstance })))).toContain(
      "the origin's address is not an instance's",
    )
  })
})

describe("the activity's fields, read the same way by every reader", () => {
  it('reads a bounded text, an object that may be missing, and the case under the sender', () => {
    expect(text('  Nora ', 10, 'someone')).toBe('Nora')
    expect(text('x'.repeat(11), 10, 'someone')).toBe('someone')
    expect(text(42, 10, 'someone')).toBe('someone')
    expect(objectIn(null)).toEqual({})
    expect(objectIn(['a'])).toEqual({})
    expect(senderCase({ context: `${B}/cases/1` }, B, 'the case')).toBe(`${B}/cases/1`)
    expect(refusal(() => senderCase({ context: `${B}.evil.example/cases/1` }, B, 'the case'))).toContain(
      "the case (context) is not under the sender's address",
    )
  })
})
