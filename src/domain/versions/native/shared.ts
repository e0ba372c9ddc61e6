// What every native-range converter returns and the few helpers they share. Each ecosystem's
// range syntax lives in its own file beside this one; nativeRange.ts picks the file by scheme,
// then checks, sorts and writes the constraints, so that the converters only translate syntax.

import type { VersComparator, VersConstraint } from '../../vers.js'

export type Conversion = { ok: true; constraints: VersConstraint[] } | { ok: false; reason: string }

export type NativeConverter = (native: string) => Conversion

export const converted = (constraints: VersConstraint[]): Conversion => ({ ok: true, constraints })
export const refused = (reason: string): Conversion => ({ ok: false, reason })

export const constraint = (comparator: VersComparator, version: string): VersConstraint => ({ comparator, version })

/** Every version: the converters say it this way and nativeRange.ts writes it as `*`. */
export const everyVersion: VersConstraint = { comparator: '*', version: '' }

/** Adds one to a run of digits of any length (versions like 99.999.99999 or dates overflow nothing). */
export function increment(digits: string): string {
  return (BigInt(digits) + 1n).toString()
}

/** The trimmed items of a separated list, or the reason an item is empty (a doubled or stray separator). */
export function listItems(
  native: string,
  separator: string,
): { ok: true; items: string[] } | { ok: false; reason: string } {
  const items = native.split(separator).map((item) => item.trim())
  const empty = items.findIndex((item) => item === '')
  if (empty >= 0) return { ok: false, reason: `item ${empty + 1} of the "${separator}"-separated list is empty` }
  return { ok: true, items }
}

/** Runs a converter over each item and joins their constraints, stopping at the first refusal. */
export function convertEach(items: readonly string[], convert: (item: string) => Conversion): Conversion {
  const constraints: VersConstraint[] = []
  for (const item of items) {
    const result = convert(item)
    if (!result.ok) return result
    constraints.push(...result.constraints)
  }
  return converted(constraints)
}

/** Glues a comparator to its version (">= 1.0" is ">=1.0"), then splits on white space: GitLab joins conditions with spaces. */
export function spaceSeparated(item: string, comparators: RegExp): string[] {
  // A comparator right after another comparator character ("=> 1.0") is left apart, to be refused as written.
  return item
    .replace(comparators, '$1')
    .split(/\s+/)
    .filter((token) => token !== '')
}

/**
 * When a clause's version holds a character that belongs to range syntax ("1.0|<2.0": a single
 * "|"), the reason naming it and the syntax expected; otherwise undefined.
 */
export function strayCharacter(clause: string, version: string): string | undefined {
  // "!" is PEP 440's epoch (1!2.0); a comparator character first is a comparator the caller does not know.
  if (/^[<>=~^]/.test(version)) return `"${clause}" is not a condition: a comparator and one version, like >=1.0`
  const stray = /[|<>=~^,;()[\]]/.exec(version)?.[0]
  return stray === undefined
    ? undefined
    : `in "${clause}", "${stray}" is not understood: a condition is a comparator and one version (like >=1.0), conditions are joined by "," or a space, alternatives by "||"`
}
