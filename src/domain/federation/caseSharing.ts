// What keeps crossing after a case is shared (issue 17), in Vultron's vocabulary where it has a
// message: a message of the case-wide thread is a `Create` of a `Note` whose `context` is the case
// (CreateNote / AddNoteToCase in one); a vendor's report-management state and its own case-status
// facts (aware, fix ready, fix deployed) are an `Add` of a `ParticipantStatus` (Vultron's
// AddStatusToParticipant), the case's own facts (public, exploit public, attacks) an `Add` of a
// `CaseStatus` (AddStatusToCase); a vendor's approved statement is a Lockstep addition, an `Add`
// of a `Document` of kind VendorStatement. Each status is a whole snapshot, so a later one
// replaces an earlier one and a repeated one changes nothing. Like the embargo's activities,
// `context` is the case on the sender and `target` the shared case on the receiver. A vendor's
// status or statement passed on from a third instance (`lockstep:origin`, the instance where the
// vendor takes part) keeps its addresses there; they must be under the origin's address then.
import { tlpLabels, type TlpLabel } from '../tlp.js'
import { AS_CONTEXT } from './activities.js'
import { bad, instant, objectIn, senderCase, senderUrl, str, text } from './activityFields.js'
import { NEVER_CROSSES } from './caseOffer.js'
import type { Envelope } from './embargoNegotiation.js'

/** Where a vendor's status or statement was given, when it is passed on by an instance other than that one. */
export interface Origin {
  name: string
  /** The origin instance's base URL. */
  url: string
}

/** Whether what is said in a case (a vendor's status or statement) may be passed on: the case's own label decides. */
export function caseMayCross(caseTlp: TlpLabel): boolean {
  return !NEVER_CROSSES.includes(caseTlp)
}

/** Whether a message may leave this instance: the sending side's rule (TLP decides; only the case-wide thread). */
export function noteMayCross(m: { tlp: TlpLabel; caseWide: boolean }): boolean {
  return m.caseWide && !NEVER_CROSSES.includes(m.tlp)
}

export interface SharedNote {
  /** The message's own address on the instance where it was written (kept when passed on): one copy per case. */
  noteId: string
  content: string
  tlp: TlpLabel
  published: Date
  authorName: string
  /** The instance where it was written, when it is not the sender's (a message passed on). */
  authorInstance: string | null
}

export interface VendorStatus {
  /** The vendor's participation on the sender (an address there), the key a later status replaces. */
  participantUrl: string
  name: string
  rmState: string
  vendorAware: Date | null
  fixReady: Date | null
  fixDeployed: Date | null
  /** When the sender stated it (a status arriving late does not replace a newer one). */
  statedAt: Date
  /** Set when passed on from a third instance. */
  origin: Origin | null
}

export interface CaseStatusFacts {
  publicAware: Date | null
  exploitPublic: Date | null
  attacksObserved: Date | null
}

export interface SharedStatement {
  /** The statement's address on the sender. */
  statementUrl: string
  participantUrl: string
  vendor: string
  vulnerability: { title: string; cve: string | null }
  status: string
  justification: string | null
  fixedVersions: string[]
  remediation: string | null
  approvedAt: Date
  /** Set when passed on from a third instance. */
  origin: Origin | null
}

export type CaseSharingActivity =
  | { kind: 'note'; senderCaseUrl: string; note: SharedNote }
  | { kind: 'vendor-status'; senderCaseUrl: string; status: VendorStatus }
  | { kind: 'case-status'; senderCaseUrl: string; facts: CaseStatusFacts }
  | { kind: 'statement'; senderCaseUrl: string; statement: SharedStatement }

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function envelope(e: Envelope, type: string, object: object) {
  return {
    '@context': AS_CONTEXT,
    id: e.id,
    type,
    actor: e.from,
    to: [e.to],
    object,
    context: e.caseUrl,
    target: e.targetCaseUrl,
    published: e.at.toISOString(),
  }
}

/** CreateNote: a message of the case-wide thread, with its label and its author's name. */
export function createNote(e: Envelope & { note: SharedNote }) {
  const n = e.note
  return envelope(e, 'Create', {
    type: 'Note',
    id: n.noteId,
    context: e.caseUrl,
    content: n.content,
    published: n.published.toISOString(),
    'lockstep:tlp': n.tlp,
    'lockstep:authorName': n.authorName,
    ...(n.authorInstance ? { 'lockstep:authorInstance': n.authorInstance } : {}),
  })
}

const originField = (o: Origin | null) => (o ? { 'lockstep:origin': { name: o.name, id: o.url } } : {})

/** AddStatusToParticipant: one of the sender's vendors (or one passed on, with its origin), its RM state and its facts. */
export function addVendorStatus(
  e: Envelope & {
    status: Omit<VendorStatus, 'statedAt' | 'origin'> & Partial<Pick<VendorStatus, 'statedAt' | 'origin'>>
  },
) {
  const s = e.status
  return envelope(e, 'Add', {
    type: 'ParticipantStatus',
    id: `${e.id}#status`,
    'lockstep:participant': s.participantUrl,
    name: s.name,
    'lockstep:rmState': s.rmState,
    'lockstep:vendorAware': iso(s.vendorAware),
    'lockstep:fixReady': iso(s.fixReady),
    'lockstep:fixDeployed': iso(s.fixDeployed),
    // Passed on, it keeps the instant it was stated at where it was given.
    updated: (s.statedAt ?? e.at).toISOString(),
    ...originField(s.origin ?? null),
  })
}

/** AddStatusToCase: the sender's case facts (public, exploit public, attacks observed). */
export function addCaseStatus(e: Envelope & { facts: CaseStatusFacts }) {
  return envelope(e, 'Add', {
    type: 'CaseStatus',
    id: `${e.id}#status`,
    'lockstep:publicAware': iso(e.facts.publicAware),
    'lockstep:exploitPublic': iso(e.facts.exploitPublic),
    'lockstep:attacksObserved': iso(e.facts.attacksObserved),
  })
}

/** A vendor's statement once approved on the sender (a Lockstep addition). */
export function addStatement(e: Envelope & { statement: SharedStatement }) {
  const s = e.statement
  return envelope(e, 'Add', {
    type: 'Document',
    'lockstep:kind': 'VendorStatement',
    id: s.statementUrl,
    'lockstep:participant': s.participantUrl,
    'lockstep:vendor': s.vendor,
    'lockstep:vulnerability': s.vulnerability,
    'lockstep:status': s.status,
    'lockstep:justification': s.justification,
    'lockstep:fixedVersions': s.fixedVersions,
    'lockstep:remediation': s.remediation,
    'lockstep:approvedAt': s.approvedAt.toISOString(),
    ...originField(s.origin),
  })
}

/** Whether an activity (its envelope checked) is one of these: read by readCaseSharing. */
export function isCaseSharing(a: Record<string, unknown>): boolean {
  const o = objectIn(a.object)
  if (a.type === 'Create') return o.type === 'Note' && a.context !== undefined
  return (
    a.type === 'Add' &&
    (o.type === 'ParticipantStatus' ||
      o.type === 'CaseStatus' ||
      (o.type === 'Document' && o['lockstep:kind'] === 'VendorStatement'))
  )
}

const optionalText = (v: unknown, max: number) => (str(v, max) && v.trim() ? v.trim() : null)

/**
 * The instance a status or statement was given on, when the sender passes it on, and the address
 * its addresses must be under (the origin's, else the sender's).
 */
function readOrigin(o: Record<string, unknown>, senderBaseUrl: string): { origin: Origin | null; base: string } {
  if (o['lockstep:origin'] === undefined) return { origin: null, base: senderBaseUrl }
  const given = objectIn(o['lockstep:origin'])
  const url = str(given.id, 1000) ? given.id.replace(/\/+$/, '') : ''
  if (!/^https?:\/\/[^/]+/.test(url) || url === senderBaseUrl) bad("the origin's address is not an instance's")
  return { origin: { name: text(given.name, 200, url), url }, base: url }
}

function readNote(o: Record<string, unknown>): SharedNote {
  const tlp = o['lockstep:tlp'] as TlpLabel
  if (!tlpLabels.includes(tlp)) bad("the note's TLP label is missing")
  // The receiver holds the sender to its rule: what should never have left is not taken.
  if (NEVER_CROSSES.includes(tlp)) bad(`a TLP:${tlp} message is never taken from another instance`)
  if (!str(o.content, 100000) || !o.content.trim()) bad("the note's content is missing")
  if (!str(o.id, 1000) || !o.id.trim()) bad("the note's id is missing")
  return {
    noteId: o.id,
    content: o.content,
    tlp,
    published: instant(o.published) ?? bad("the note's published instant is missing"),
    authorName: text(o['lockstep:authorName'], 200, 'Someone'),
    authorInstance: optionalText(o['lockstep:authorInstance'], 200),
  }
}

function readVendorStatus(o: Record<string, unknown>, senderBaseUrl: string, published: unknown): VendorStatus {
  const { origin, base } = readOrigin(o, senderBaseUrl)
  return {
    origin,
    participantUrl: senderUrl(o['lockstep:participant'], base, 'the participant'),
    name: text(o.name, 300, 'A vendor'),
    rmState: text(o['lockstep:rmState'], 40, 'start'),
    vendorAware: instant(o['lockstep:vendorAware']),
    fixReady: instant(o['lockstep:fixReady']),
    fixDeployed: instant(o['lockstep:fixDeployed']),
    statedAt: instant(o.updated) ?? instant(published) ?? bad("the status's instant (updated) is missing"),
  }
}

function readStatement(o: Record<string, unknown>, senderBaseUrl: string): SharedStatement {
  const v = objectIn(o['lockstep:vulnerability'])
  const fixed = Array.isArray(o['lockstep:fixedVersions']) ? o['lockstep:fixedVersions'] : []
  const { origin, base } = readOrigin(o, senderBaseUrl)
  return {
    origin,
    statementUrl: senderUrl(o.id, base, 'the statement'),
    participantUrl: senderUrl(o['lockstep:participant'], base, "the statement's vendor"),
    vendor: text(o['lockstep:vendor'], 300, 'A vendor'),
    vulnerability: { title: text(v.title, 300, 'A vulnerability'), cve: optionalText(v.cve, 50) },
    status: text(o['lockstep:status'], 40, 'under_investigation'),
    justification: optionalText(o['lockstep:justification'], 100),
    fixedVersions: fixed.filter((f): f is string => str(f, 200)).slice(0, 100),
    remediation: optionalText(o['lockstep:remediation'], 20000),
    approvedAt: instant(o['lockstep:approvedAt']) ?? bad("the statement's approval instant is missing"),
  }
}

/** Reads a note, a status or a statement whose envelope readActivity checked. */
export function readCaseSharing(a: Record<string, unknown>, senderBaseUrl: string): CaseSharingActivity {
  const senderCaseUrl = senderCase(a, senderBaseUrl, 'the case')
  const o = objectIn(a.object)
  if (o.type === 'Note') return { kind: 'note', senderCaseUrl, note: readNote(o) }
  if (o.type === 'ParticipantStatus')
    return { kind: 'vendor-status', senderCaseUrl, status: readVendorStatus(o, senderBaseUrl, a.published) }
  if (o.type === 'CaseStatus')
    return {
      kind: 'case-status',
      senderCaseUrl,
      facts: {
        publicAware: instant(o['lockstep:publicAware']),
        exploitPublic: instant(o['lockstep:exploitPublic']),
        attacksObserved: instant(o['lockstep:attacksObserved']),
      },
    }
  return { kind: 'statement', senderCaseUrl, statement: readStatement(o, senderBaseUrl) }
}

/** What the instance ledger says of one of these. */
export function caseSharingSummary(c: CaseSharingActivity): string {
  if (c.kind === 'note') return `a message by ${c.note.authorName.slice(0, 100)}: ${c.note.content.slice(0, 150)}`
  if (c.kind === 'vendor-status') return `the vendor ${c.status.name.slice(0, 100)} is now ${c.status.rmState}`
  if (c.kind === 'statement')
    return `${c.statement.vendor.slice(0, 100)}'s approved statement on ${c.statement.vulnerability.title.slice(0, 100)}: ${c.statement.status}`
  return `the status of the case ${c.senderCaseUrl.slice(0, 150)}`
}
