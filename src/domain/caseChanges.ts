// "What changed since your last visit": the case's ledger entries after a moment, as far as the
// viewer may know of them, each in one sentence. Staff see everything; a participant does not
// learn what was released in someone else's private thread.
import type { JsonValue } from './ledger.js'

export interface ChangeEntry {
  instant: string
  actorName: string
  kind: string
  payload: JsonValue
}

export interface Viewer {
  staff: boolean
  /** The threads the viewer may read: 'case' and the viewer's own participant ids. */
  threadKeys: ReadonlySet<string>
}

const CASE_WIDE_TITLE = 'Everyone in the case'

type Payload = Record<string, JsonValue | undefined>
const payloadOf = (e: ChangeEntry): Payload =>
  e.payload && typeof e.payload === 'object' && !Array.isArray(e.payload) ? (e.payload as Payload) : {}

export function mayKnowOf(e: ChangeEntry, viewer: Viewer): boolean {
  if (viewer.staff) return true
  // Who was mailed what, and which addresses fail, is the coordinators' business.
  if (e.kind === 'mail.failed') return false
  if (e.kind !== 'information.released') return true
  if (payloadOf(e).via === 'mail' && payloadOf(e).to) return false
  const p = payloadOf(e)
  // Entries written before threads were keyed name the case-wide thread by its title.
  const key = typeof p.threadKey === 'string' ? p.threadKey : p.thread === CASE_WIDE_TITLE ? 'case' : null
  return key !== null && viewer.threadKeys.has(key)
}

const caseEventWords: Record<string, string> = {
  publicAware: 'the vulnerability became public',
  exploitPublic: 'an exploit became public',
  attacksObserved: 'attacks were observed',
  vendorAware: 'is aware of the vulnerability',
  fixReady: 'has a fix ready',
  fixDeployed: 'has deployed the fix',
}

const str = (v: JsonValue | undefined): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v)
const list = (v: JsonValue | undefined): string => (Array.isArray(v) ? v.map(str).join(', ') : str(v))

/**
 * One sentence; `names` resolves participant ids to names where an entry records only the id.
 * Why a participant was taken out is for the staff: the others learn only that it happened.
 */
export function describeChange(
  e: ChangeEntry,
  names: ReadonlyMap<string, string>,
  viewer: Pick<Viewer, 'staff'> = { staff: true },
): string {
  const p = payloadOf(e)
  const who = (v: JsonValue | undefined) => (typeof v === 'string' ? (names.get(v) ?? v) : 'a participant')
  switch (e.kind) {
    case 'case.opened':
      return `${e.actorName} opened the case.`
    case 'vulnerability.added':
      return `${e.actorName} added the vulnerability “${str(p.title)}”.`
    case 'vulnerability.updated': {
      const fields =
        p.changed && typeof p.changed === 'object' && !Array.isArray(p.changed)
          ? Object.keys(p.changed).map((f) => f.replace(/_/g, ' '))
          : []
      return `${e.actorName} edited “${str(p.title)}”${fields.length ? ` (${fields.join(', ')})` : ''}.`
    }
    case 'vulnerability.removed':
      return `${e.actorName} removed the vulnerability “${str(p.title)}”.`
    case 'participant.added':
    case 'participant.readded':
      return `${e.actorName} added ${str(p.participant)} as ${list(p.roles)}.`
    case 'participant.roles_changed':
      return `${e.actorName} changed the roles of ${str(p.participant)} from ${list(p.from)} to ${list(p.to)}.`
    case 'participant.removed':
      return `${e.actorName} took ${str(p.participant)} out of the case${p.reason && viewer.staff ? `: ${str(p.reason).replace(/[.!?]+$/, '')}` : ''}.`
    case 'report.linked':
      return `${e.actorName} added report ${str(p.report)} to the case.`
    case 'rm.transition':
      return p.report
        ? `Report ${str(p.report)} moved from ${str(p.from)} to ${str(p.to)}.`
        : `${who(p.participant)} moved from ${str(p.from)} to ${str(p.to)}.`
    case 'cs.event': {
      const words = caseEventWords[str(p.event)] ?? str(p.event)
      return p.participant
        ? `${who(p.participant)} ${words}.`
        : `Recorded: ${words}${p.reference ? ` (${str(p.reference)})` : ''}.`
    }
    case 'information.released':
      if (p.via === 'mail' && p.to) return `Lockstep mailed ${str(p.to)} (${str(p.template)}, ${str(p.mode)}).`
      return p.attachment
        ? `${e.actorName} posted the file ${str(p.filename)} to “${str(p.thread)}” (TLP:${str(p.tlp)}).`
        : `${e.actorName} wrote in “${str(p.thread)}” (TLP:${str(p.tlp)}).`
    case 'mail.failed':
      return `Mail to ${str(p.to)} could not be delivered${p.permanent ? ' (the address refuses it)' : ''}.`
    default:
      return `${e.actorName}: ${e.kind.replace(/[._]/g, ' ')}.`
  }
}
