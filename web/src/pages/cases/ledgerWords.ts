// A case's ledger entries as sentences a person reads ("Casey Coordinator attached exploit.c to
// “Coordination” (TLP:AMBER)"), one per kind the server writes (src/domain/eventKinds.ts). A test
// (test/architecture/plainWords.test.ts) fails when a kind has no sentence here.
import type { LedgerEntry } from '../../api/types'
import { mailModeLabel, templateWords } from '../admin/mailLabels'
import { statusWords } from '../vendors/vendorLabels'
import { formatInstant } from '../../time'
import { rmStateLabel, rolesInWords } from './caseLabels'
import type { MailMode, ParticipantRmEvent, ParticipantRmState } from '../../api/types'

type Payload = Record<string, unknown>

/** What a sentence may use: the entry's payload, who wrote it, and the names of the case's participants. */
interface Said {
  p: Payload
  actor: string
  /** The participant an entry names by id, by its name; "a participant" when the page does not know it. */
  named(id: unknown): string
}

type Sentence = (said: Said) => string

/** "2003-03-03T17:00:00.000Z" → "3 Mar 2003, 17:00 (UTC)", as instants read elsewhere on the page. */
const utc = (iso: unknown) =>
  typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? formatInstant(iso, 'UTC') : 'a date not given'
const str = (v: unknown, otherwise = '') => (typeof v === 'string' || typeof v === 'number' ? String(v) : otherwise)
const quoted = (v: unknown) => (str(v) ? `“${str(v)}”` : '')
/** A vendor's word passed on from a third instance: where it was given. */
const fromOrigin = (p: Record<string, unknown>) => (p.origin ? ` (of ${str(p.origin)})` : '')
const counted = (n: unknown, one: string, many: string) =>
  typeof n === 'number' ? `${n} ${n === 1 ? one : many}` : `some ${many}`
const tlp = (v: unknown) => (str(v) ? ` (TLP:${str(v)})` : '')
const because = (v: unknown) => (str(v) ? `: “${str(v)}”` : '')
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
/** A peer's vendor's RM state in words (the peer's word when this page does not know it). */
const peerRmWords = (v: unknown) =>
  lowerFirst(rmStateLabel[str(v) as ParticipantRmState] ?? str(v, 'in a state not given'))
const list = (v: unknown) => (Array.isArray(v) ? rolesInWords(v.map(String)) : '')

/** The six facts of a case's status, as the end of "… recorded that Red Hat has a fix ready". */
const factWords: Record<string, string> = {
  vendorAware: 'knows of the vulnerability',
  fixReady: 'has a fix ready',
  fixDeployed: 'has deployed its fix',
  publicAware: 'the vulnerability is public',
  exploitPublic: 'an exploit is public',
  attacksObserved: 'attacks were observed',
}

/** The report-management moves in the past tense: "Casey validated the report for Red Hat". */
const rmDone: Record<ParticipantRmEvent, string> = {
  receive: 'received',
  validate: 'validated',
  invalidate: 'judged not valid',
  accept: 'accepted',
  defer: 'put on hold',
  close: 'closed',
}

function rmSentence({ p, actor, named }: Said): string {
  const state = (v: unknown) => rmStateLabel[v as ParticipantRmState]?.toLowerCase() ?? str(v, 'unknown')
  const whose = p.participant ? `the report for ${named(p.participant)}` : `report ${str(p.report)}`
  const done = rmDone[p.event as ParticipantRmEvent] ?? 'moved'
  return `${actor} ${done} ${whose} (now ${state(p.to)}, before ${state(p.from)})${because(p.reason)}`
}

function released({ p, actor }: Said): string {
  if (p.via === 'mail' && p.to) {
    const how = [mailModeLabel[p.mode as MailMode]?.toLowerCase(), str(p.tlp) && `TLP:${str(p.tlp)}`].filter(Boolean)
    return `Lockstep mailed ${str(p.to)}: ${lowerFirst(templateWords(str(p.template)))}${how.length ? ` (${how.join(', ')})` : ''}`
  }
  if (p.via === 'mail') return `${actor} replied by e-mail in ${quoted(p.thread)}${tlp(p.tlp)}`
  if (p.filename) return `${actor} attached ${str(p.filename)} to ${quoted(p.thread)}${tlp(p.tlp)}`
  return `${actor} wrote in ${quoted(p.thread)}${tlp(p.tlp)}`
}

export const ledgerSentences: Record<string, Sentence> = {
  'case.opened': ({ p, actor }) => `${actor} opened case ${str(p.caseNumber)} ${quoted(p.title)}${tlp(p.tlp)}`,
  'report.linked': ({ p, actor }) => `${actor} added report ${str(p.report)} ${quoted(p.title)} to the case`,
  'rm.transition': rmSentence,
  'cs.event': ({ p, actor, named }) => {
    const fact = factWords[str(p.event)] ?? str(p.event)
    const follows = p.impliedBy ? ` (it follows from: ${factWords[str(p.impliedBy)] ?? str(p.impliedBy)})` : ''
    const source = str(p.reference) ? `; source: ${str(p.reference)}` : ''
    return p.participant
      ? `${actor} recorded that ${named(p.participant)} ${fact}`
      : `${actor} recorded that ${fact}${follows}${source}`
  },
  'participant.added': ({ p, actor }) =>
    p.openedTheCase
      ? `${str(p.participant)} opened the case as ${list(p.roles) || 'vendor'}`
      : `${actor} added ${str(p.participant, 'a participant')} as ${list(p.roles) || 'participant'}`,
  'participant.readded': ({ p, actor }) => `${actor} added ${str(p.participant, 'a participant')} to the case again`,
  'participant.roles_changed': ({ p, actor }) =>
    `${actor} changed the roles of ${str(p.participant, 'a participant')} from ${list(p.from) || 'none'} to ${list(p.to) || 'none'}`,
  'participant.removed': ({ p, actor }) =>
    `${actor} took ${str(p.participant, 'a participant')} out of the case${because(p.reason)}`,
  'vulnerability.added': ({ p, actor }) => `${actor} added the vulnerability ${quoted(p.title)}`,
  'vulnerability.updated': ({ p, actor }) => {
    const changed =
      p.changed && typeof p.changed === 'object' ? Object.keys(p.changed).join(', ').replace(/_/g, ' ') : ''
    return `${actor} edited the vulnerability ${quoted(p.title)}${changed ? ` (${changed})` : ''}`
  },
  'vulnerability.removed': ({ p, actor }) => `${actor} removed the vulnerability ${quoted(p.title)}`,
  'thread.opened': ({ p, actor }) =>
    `${actor} opened the thread ${quoted(p.thread)}${str(p.product) ? ` for ${str(p.product)}` : ''}`,
  'information.released': released,
  'mail.failed': ({ p }) =>
    `Mail to ${str(p.to, 'a recipient')} (${lowerFirst(templateWords(str(p.template)))}) could not be delivered: ${
      p.permanent ? 'the address refuses mail, so it is not tried again' : 'Lockstep gave up after several attempts'
    }`,
  'vendor.notified': ({ p, actor }) =>
    `${actor} notified ${str(p.participant, 'a vendor')}${p.again ? ' again' : ''} (${counted(p.recipients, 'recipient', 'recipients')})`,
  'vendor.reminded': ({ p }) =>
    `Lockstep reminded ${str(p.participant, 'a vendor')}, silent for ${counted(p.silentDays, 'day', 'days')}`,
  'vendor.escalated': ({ p }) =>
    `Lockstep told the coordinators that ${str(p.participant, 'a vendor')} has been silent for ${counted(p.silentDays, 'day', 'days')}`,
  'vendor.suggested': ({ p }) =>
    `${str(p.by, 'A participant')} suggested adding ${str(p.name, 'a vendor')} to the case${because(p.reason)}`,
  'vendor.suggestion_decided': ({ p, actor }) =>
    p.decision === 'added'
      ? `${actor} added ${str(p.name, 'a suggested vendor')} as suggested`
      : `${actor} declined the suggestion to add ${str(p.name, 'a vendor')}`,
  'statement.posted': ({ p, actor }) =>
    `${actor} gave the statement of ${str(p.participant, 'a vendor')} on ${quoted(p.vulnerability) || 'a vulnerability'}: ${statusWords(str(p.status)).toLowerCase()}`,
  'statement.approved': ({ p, actor, named }) =>
    `${actor} approved the statement of ${named(p.participantId)}: ${statusWords(str(p.status)).toLowerCase()}`,
  'embargo.proposed': ({ p, actor }) => `${actor} proposed an embargo until ${utc(p.endsAt)}`,
  'embargo.countered': ({ p, actor }) => `${actor} proposed other terms: an embargo until ${utc(p.endsAt)}`,
  'embargo.revision_proposed': ({ p, actor }) => `${actor} proposed moving the release to ${utc(p.endsAt)}`,
  'embargo.active': ({ p }) => `The embargo was agreed: release at ${utc(p.endsAt)}`,
  'embargo.revised': ({ p }) => `The new release instant was agreed: ${utc(p.endsAt)}`,
  'embargo.consented': ({ p, actor }) => `${str(p.participant, actor)} agreed to release at ${utc(p.endsAt)}`,
  'embargo.declined': ({ p, actor }) => `${str(p.participant, actor)} declined release at ${utc(p.endsAt)}`,
  'embargo.rejected': ({ p, actor }) =>
    `${actor} rejected the proposed release at ${utc(p.endsAt)}${because(p.reason)}`,
  'embargo.withdrawn': ({ p, actor }) => `${actor} withdrew the proposed release at ${utc(p.endsAt)}`,
  'embargo.dropped': ({ p, actor }) => `${actor} dropped the embargo${because(p.reason)}`,
  'embargo.ended': ({ p }) => `The embargo ended${because(p.reason)}`,
  'advisory.draft_saved': ({ p, actor }) =>
    `${actor} saved version ${str(p.version, '?')} of the advisory draft${because(p.note)}`,
  'advisory.commented': ({ p, actor }) =>
    `${str(p.by, actor)} commented on version ${str(p.version, '?')} of the advisory draft`,
  'advisory.released': ({ p, actor }) =>
    `${actor} published the advisory ${str(p.advisory)}${p.late ? ', later than the embargo’s end' : ''}`,
  'advisory.revised': ({ p, actor }) =>
    `${actor} published revision ${str(p.revision, '?')} of the advisory ${str(p.advisory)}${because(p.summary)}`,
  'advisory.withdrawn': ({ p, actor }) => `${actor} withdrew the advisory ${str(p.advisory)}${because(p.reason)}`,
  'advisory.superseded': ({ p, actor }) =>
    `${actor} marked the advisory ${str(p.advisory)} superseded by ${str(p.by, 'another advisory')}${because(p.reason)}`,
  'cve.assigned': ({ p, actor }) =>
    `${actor} gave ${quoted(p.vulnerability) || 'a vulnerability'} the CVE ID ${str(p.cve)}`,
  'cve.published': ({ p }) => `Lockstep published the CVE record ${str(p.cve)}`,
  'cve.publish_failed': ({ p }) => `Publishing the CVE record ${str(p.cve)} failed${because(p.message)}`,
  'owners.pre_noticed': ({ p }) => {
    const organizations =
      Array.isArray(p.organizations) && p.organizations.length ? ` (${p.organizations.join(', ')})` : ''
    const what = [counted(p.components, 'affected component', 'affected components'), str(p.tlp) && `TLP:${str(p.tlp)}`]
    const late = p.late ? ', catching up an owner flagged or uploading late' : ''
    return `Lockstep warned ${counted(p.owners, 'owner', 'owners')}${organizations} ahead of the release at ${utc(p.releaseAt)} (${what.filter(Boolean).join(', ')})${late}`
  },
  'owners.pre_notice_moved': ({ p }) =>
    `Lockstep told ${counted(p.owners, 'warned owner', 'warned owners')} that the release moved from ${utc(p.was)} to ${utc(p.releaseAt)}`,
  'owners.alerted': ({ p }) =>
    `Lockstep alerted ${counted(p.owners, 'owner', 'owners')} of the advisory ${str(p.advisory)} (${counted(p.components, 'affected component', 'affected components')})`,
  'release.item_left_out': ({ p, actor }) =>
    `${actor} left ${str(p.what, 'an item')} out of the release on purpose${because(p.reason)}`,
  'release.left_out': ({ p }) => {
    const decided = Array.isArray(p.decided) ? p.decided.length : 0
    const undecided = Array.isArray(p.undecided) ? p.undecided.length : 0
    return `The release went out without ${counted(decided, 'item left out on purpose', 'items left out on purpose')} and ${counted(undecided, 'item nobody decided on', 'items nobody decided on')}`
  },
  'release.checklist_mailed': ({ p }) =>
    `Lockstep mailed the release checklist to ${counted(p.recipients, 'coordinator', 'coordinators')} (${counted(p.open, 'item open', 'items open')}) before the embargo ends at ${utc(p.embargoEndsAt)}`,
  'case.imported': ({ p, actor }) =>
    `${actor} imported this case from ${str(p.source, 'another tracker')} (${str(p.key, 'no key')}), ${p.outcome === 'released' ? 'released there' : 'closed there without publication'}`,
  'case.import_updated': ({ p, actor }) =>
    `${actor} updated this case from ${str(p.source, 'another tracker')} (${str(p.key, 'no key')}): revision ${str(p.from, '?')} became ${str(p.version, '?')}`,
  'vendor.imported': ({ p }) =>
    `${str(p.name, 'A vendor')} was imported with its history${p.notifiedAt ? `, told on ${utc(p.notifiedAt)}` : ''}${p.respondedAt ? `, answered on ${utc(p.respondedAt)}` : ''}`,
  // The instance's own ledger: the peer instances it federates with and the messages exchanged.
  'peer.added': ({ p, actor }) =>
    `${actor} added the instance ${str(p.baseUrl, 'a peer')} as a peer, waiting for its fingerprint ${str(p.fingerprint, '(not given)')} to be confirmed`,
  'peer.pinned': ({ p, actor }) =>
    `${actor} confirmed the fingerprint of ${str(p.baseUrl, 'a peer')}: its key is pinned and messages flow both ways`,
  'peer.removed': ({ p, actor }) =>
    `${actor} removed the peer ${str(p.baseUrl, 'a peer')}: its messages are no longer taken`,
  'federation.sent': ({ p }) =>
    `A message (${str(p.activityType, 'an activity')}) was delivered to ${str(p.peer, 'a peer')}${typeof p.attempts === 'number' && p.attempts > 1 ? ` after ${p.attempts} attempts` : ''}`,
  'federation.received': ({ p }) =>
    `A message (${str(p.activityType, 'an activity')}) was received from ${str(p.peer, 'a peer')}, its signature checked${p.summary ? `: ${quoted(p.summary)}` : ''}`,
  'federation.failed': ({ p }) =>
    `A message (${str(p.activityType, 'an activity')}) to ${str(p.peer, 'a peer')} could not be delivered and is not tried again${because(p.error)}`,
  // Federation's case protocol: a case offered to another coordinator's instance and its answer.
  'case.offered_to_peer': ({ p, actor }) =>
    `${actor} offered this case to the coordinators at ${str(p.peer, 'another instance')}; private threads and anything labelled TLP:RED or AMBER+STRICT stayed here`,
  'case.peer_answered': ({ p }) =>
    p.accepted === true
      ? `The coordinators at ${str(p.peer, 'another instance')} accepted this case: they share it as ${str(p.sharedCaseUrl, 'a case of theirs')}`
      : `The coordinators at ${str(p.peer, 'another instance')} declined this case${because(p.reason)}`,
  'case.handoff_offered': ({ p, actor }) =>
    `${actor} offered to hand this case over to the coordinators at ${str(p.peer, 'another instance')}, with its history and vendors; private threads and anything labelled TLP:RED or AMBER+STRICT stayed here`,
  'case.handed_over': ({ p }) =>
    `This case was handed over to ${str(p.peerName, 'another instance')}, where it now lives at ${str(p.newCaseUrl, 'a case of theirs')}; it is read-only here`,
  'case.taken_over_from_peer': ({ p, actor }) =>
    `${actor} took this case over from the coordinators at ${str(p.peer, 'another instance')}, with ${counted(p.history, 'entry', 'entries')} of its history and its vendors`,
  'advisory.draft_from_peer': ({ p, actor }) =>
    `${actor} took this case's advisory draft over from the coordinators at ${str(p.peerName, 'another instance')} (${str(p.peerAdvisory, 'their advisory')}, version ${str(p.peerVersion, '?')}): the draft here starts from it`,
  'case.peer_offer_deferred': ({ p, actor }) =>
    `${actor} decided to tell the coordinators at ${str(p.peerName, 'another instance')} later${p.until ? ` (not before ${utc(p.until)})` : ''}${because(p.justification)}`,
  'case.peer_ledger_disagrees': ({ p }) =>
    `Comparing this case's ledger with the one at ${str(p.peerName, 'another instance')} found a disagreement: ${str(p.reason, 'no reason given')}`,
  'case.shared_from_peer': ({ p, actor }) =>
    `${actor} accepted this case from the coordinators at ${str(p.peer, 'another instance')}, where it is ${str(p.originCaseUrl, 'their case')}`,
  'case.embargo_shared': ({ p }) =>
    `The embargo's end (${utc(p.endsAt)}) was sent to the coordinators at ${str(p.peer, 'another instance')}, who release their own advisory at the same instant`,
  'case.embargo_proposal_shared': ({ p }) =>
    `The proposal that the embargo end at ${utc(p.endsAt)} was sent to the coordinators at ${str(p.peer, 'another instance')}, whose parties can answer it there`,
  'case.embargo_end_shared': ({ p }) =>
    `The embargo's early end was sent to the coordinators at ${str(p.peer, 'another instance')}${because(p.reason)}`,
  'case.advisory_announced': ({ p }) =>
    `This case's advisory ${str(p.advisory, '')} was announced to the coordinators at ${str(p.peer, 'another instance')}, so that their advisory names it`,
  'case.embargo_answers_shared': ({ p }) =>
    `The answers of this instance's parties (${str(p.answers, 'none yet')}) were sent to the coordinators at ${str(p.peer, 'another instance')}, where the proposal was made and is counted`,
  'embargo.peer_answers': ({ p }) =>
    `The coordinators at ${str(p.peer, 'another instance')} reported their parties' answers to the proposal: ${str(p.answers, 'none yet')}`,
  'case.peer_advisory': ({ p }) =>
    `The coordinators at ${str(p.peer, 'another instance')} publish their advisory ${str(p.advisory, '')} for this case: this case's advisory will name it`,
  'case.note_shared': ({ p }) =>
    `A message of the case-wide thread was sent to the coordinators at ${str(p.peer, 'another instance')}`,
  'case.vendor_status_shared': ({ p }) =>
    `The state of ${str(p.vendor, 'a vendor')}${fromOrigin(p)} (${peerRmWords(p.rmState)}) was sent to the coordinators at ${str(p.peer, 'another instance')}`,
  'case.status_shared': ({ p }) =>
    `This case's status (public, exploit public, attacks seen) was sent to the coordinators at ${str(p.peer, 'another instance')}`,
  'case.statement_shared': ({ p }) =>
    `The approved statement of ${str(p.vendor, 'a vendor')}${fromOrigin(p)} on ${quoted(p.vulnerability) || 'a vulnerability'} was sent to the coordinators at ${str(p.peer, 'another instance')}`,
  'case.peer_vendor_status': ({ p, actor }) =>
    `${actor}: ${p.origin ? `the vendor ${str(p.vendor, '')}${fromOrigin(p)}` : `their vendor ${str(p.vendor, '')}`} is ${peerRmWords(p.rmState)}${p.fixReady ? ', with a fix ready' : ''}`,
  'case.peer_status': ({ p, actor }) =>
    Array.isArray(p.moved) && p.moved.length
      ? `${actor} sent their case's status; here it now says: ${p.moved.map((m) => factWords[str(m)] ?? str(m)).join(', ')}`
      : `${actor} sent their case's status; nothing here moved`,
  'case.peer_statement': ({ p, actor }) =>
    `${actor}: ${str(p.vendor, 'their vendor')}'s statement on ${quoted(p.vulnerability) || 'a vulnerability'} was approved ${p.origin ? `at ${str(p.origin)}, passed on by them` : 'there'} (${statusWords(str(p.status, 'a status not given'))})`,
  'case_offer.answered': ({ p, actor }) =>
    p.accepted === true
      ? `${actor} accepted the case ${str(p.originCaseUrl, 'offered')} from ${str(p.peer, 'a peer')} as ${str(p.caseNumber, 'a shared case')}`
      : `${actor} declined the case ${str(p.originCaseUrl, 'offered')} from ${str(p.peer, 'a peer')}${because(p.reason)}`,
}

/** The sentence for one entry; a kind this page does not know yet is still said in words, not as a code. */
export function ledgerSentence(entry: LedgerEntry, names: ReadonlyMap<string, string>): string {
  const p = (entry.payload && typeof entry.payload === 'object' ? entry.payload : {}) as Payload
  const named = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? 'a participant') : 'a participant')
  const sentence = ledgerSentences[entry.kind]
  if (sentence) return sentence({ p, actor: entry.actor, named })
  return `${entry.actor}: ${entry.kind.replace(/[._]/g, ' ')}`
}
