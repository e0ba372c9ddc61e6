// Words for a case's status: the CS letters and events, each participant's report-management
// states and moves, and roles. Which moves a participant has now comes from the server (its
// `rmMoves` and `nextVendorEvent`), never from a copy of its rules here.
import type { CaseEvent, ParticipantRmEvent, ParticipantRmState, VendorEvent } from '../../api/types'

/**
 * The six facts of a case's status (Vultron's CS letters V F D P X A, upper case once it happened),
 * in the order the server's vector gives them. Pages say them in words, never as the letters.
 */
export const csLetters = [
  ['V', 'vendor aware'],
  ['F', 'fix ready'],
  ['D', 'fix deployed'],
  ['P', 'public aware'],
  ['X', 'exploit public'],
  ['A', 'attacks observed'],
] as const

/** A participant's own three facts from its vector ("VfdPxa"): vendor aware, fix ready, fix deployed. */
export function vendorFacts(status: string): { words: string; happened: boolean }[] {
  const chars = status.replace(/[^a-z]/gi, '')
  return csLetters.slice(0, 3).map(([letter, words], i) => ({ words, happened: chars[i] === letter }))
}

export const caseEvents: readonly CaseEvent[] = ['publicAware', 'exploitPublic', 'attacksObserved']

interface CaseEventWords {
  letter: string
  /** "public aware", as Vultron names it. */
  label: string
  /** What the status line says while it has not happened. */
  notYet: string
  /** What the confirmation asks. */
  question: string
}

export const caseEventWords: Record<CaseEvent, CaseEventWords> = {
  publicAware: {
    letter: 'P',
    label: 'public aware',
    notYet: 'not public yet',
    question: 'Record that the vulnerability is known to the public?',
  },
  exploitPublic: {
    letter: 'X',
    label: 'exploit public',
    notYet: 'no public exploit yet',
    question: 'Record that an exploit is public? The case is then public too.',
  },
  attacksObserved: {
    letter: 'A',
    label: 'attacks observed',
    notYet: 'no attacks observed yet',
    question: 'Record that attacks using the vulnerability were seen?',
  },
}

export const vendorEventLabel: Record<VendorEvent, string> = {
  vendorAware: 'vendor aware',
  fixReady: 'fix ready',
  fixDeployed: 'fix deployed',
}

export const rmStateLabel: Record<ParticipantRmState, string> = {
  start: 'Not yet received',
  received: 'Received',
  invalid: 'Judged not valid',
  valid: 'Confirmed as valid',
  accepted: 'Accepted for coordination',
  deferred: 'On hold',
  closed: 'Closed',
}

export const rmEventLabel: Record<ParticipantRmEvent, string> = {
  receive: 'Receive',
  validate: 'Validate',
  invalidate: 'Invalidate',
  accept: 'Accept',
  defer: 'Defer',
  close: 'Close',
}

export const roleLabel: Record<string, string> = {
  finder: 'Finder',
  reporter: 'Reporter',
  vendor: 'Vendor',
  coordinator: 'Coordinator',
  deployer: 'Deployer',
  observer: 'Observer',
}

/** The roles staff give participants; the case's coordinator is set when it opens. */
export const assignableRoles = ['finder', 'reporter', 'vendor', 'deployer', 'observer'] as const

/** "vendor, deployer" in words: "Vendor and Deployer". */
export function rolesInWords(roles: readonly string[]): string {
  const words = roles.map((r) => roleLabel[r] ?? r)
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}
