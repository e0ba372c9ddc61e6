// Vultron's desirable histories: of the six case events (vendor aware V, fix ready F, fix deployed
// D, public aware P, exploit public X, attacks observed A), twelve orderings are what coordinated
// disclosure hopes for (Householder & Spring, "A State-Based Model for Multi-Party Coordinated
// Vulnerability Disclosure", CERT/CC 2021, the CVD desiderata): the vendor knows, has a fix, and
// has it deployed before the public knows, before an exploit is public and before attacks; the
// public knows before an exploit is public and before attacks; an exploit is public before
// attacks. A case's score is the share of the orderings it has decided that it satisfied.
export type CaseEventLetter = 'V' | 'F' | 'D' | 'P' | 'X' | 'A'

export const eventNames: Readonly<Record<CaseEventLetter, string>> = {
  V: 'vendor aware',
  F: 'fix ready',
  D: 'fix deployed',
  P: 'public aware',
  X: 'exploit public',
  A: 'attacks observed',
}

/** The twelve desiderata, each "first before then". */
export const desiderata: readonly (readonly [CaseEventLetter, CaseEventLetter])[] = [
  ['V', 'P'],
  ['V', 'X'],
  ['V', 'A'],
  ['F', 'P'],
  ['F', 'X'],
  ['F', 'A'],
  ['D', 'P'],
  ['D', 'X'],
  ['D', 'A'],
  ['P', 'X'],
  ['P', 'A'],
  ['X', 'A'],
]

export const desideratumLabel = ([a, b]: readonly [CaseEventLetter, CaseEventLetter]): string =>
  `${eventNames[a]} before ${eventNames[b]}`

export type Verdict = 'satisfied' | 'violated' | 'open'

/**
 * One ordering on a case's dates: satisfied once the first happened strictly before the second
 * (or the second has not happened), violated once the second happened without the first before
 * it (a tie is no "before"), open while neither happened.
 */
export function verdict(first: Date | null, then: Date | null): Verdict {
  if (first && (!then || first.getTime() < then.getTime())) return 'satisfied'
  if (then) return 'violated'
  return 'open'
}

/** The share of decided orderings satisfied, or null when none is decided yet. */
export function historyScore(events: Readonly<Partial<Record<CaseEventLetter, Date | null>>>): number | null {
  let satisfied = 0
  let decided = 0
  for (const [a, b] of desiderata) {
    const v = verdict(events[a] ?? null, events[b] ?? null)
    if (v === 'open') continue
    decided++
    if (v === 'satisfied') satisfied++
  }
  return decided ? satisfied / decided : null
}
