// npm ranges (node-semver) as vers constraints. node-semver reads a range as alternatives joined
// by "||", each a space-separated conjunction of comparators, and desugars the shorthands: "~" and
// "^" ranges, x-ranges (1.2.x, 1.x, *) and partial versions (1.2), hyphen ranges (1.2 - 2.3).
// The desugaring follows node-semver's README ("Advanced Range Syntax") so that the vers range
// covers exactly the versions npm would install; the alternatives' constraints are then listed
// together, as the vers suite writes them. Upper bounds are written as releases ("<2.0.0"), not
// node-semver's "<2.0.0-0", because vers orders npm versions by SemVer alone, as the suite does.

import type { VersConstraint } from '../../vers.js'
import { constraint, converted, convertEach, everyVersion, increment, refused, type Conversion } from './shared.js'

/** A version as written in a range; an absent part was missing or a wildcard (x, X, *). */
interface PartialVersion {
  major?: string
  minor?: string
  patch?: string
  prerelease?: string
}

const NUMBER_OR_WILDCARD = '(0|[1-9]\\d*|[xX*])'
const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*'
const VERSION = new RegExp(
  `^v?${NUMBER_OR_WILDCARD}(?:\\.${NUMBER_OR_WILDCARD}(?:\\.${NUMBER_OR_WILDCARD}(?:-(${IDENTIFIERS}))?(?:\\+${IDENTIFIERS})?)?)?$`,
)
const COMPARATOR = /^(~>?|\^|[<>]=?|=)?(.*)$/
const HYPHEN_RANGE = /^(\S+)\s+-\s+(\S+)$/

function readVersion(text: string): PartialVersion | string {
  const m = VERSION.exec(text)
  if (!m) return `"${text}" is not a version (1.2.3, or partial and x-ranges like 1.2 and 1.2.x)`
  const parts = [m[1], m[2], m[3]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? undefined : p))
  // After the first wildcard the rest is a wildcard too (1.x.3 is 1.x), as in node-semver.
  const cut = parts.indexOf(undefined)
  const [major, minor, patch] = cut < 0 ? parts : parts.map((p, i) => (i < cut ? p : undefined))
  if (m[4] !== undefined && patch === undefined) return `"${text}" has a pre-release on a partial version`
  // Build metadata is dropped: node-semver ignores it when matching ranges.
  return { major, minor, patch, prerelease: m[4] }
}

const isFull = (v: PartialVersion): boolean => v.patch !== undefined
const floor = (v: PartialVersion): string =>
  `${v.major}.${v.minor ?? 0}.${v.patch ?? 0}${v.prerelease ? `-${v.prerelease}` : ''}`
const nextMajor = (v: PartialVersion): string => `${increment(v.major!)}.0.0`
const nextMinor = (v: PartialVersion): string => `${v.major}.${increment(v.minor!)}.0`
const nextPatch = (v: PartialVersion): string => `${v.major}.${v.minor}.${increment(v.patch!)}`
/** The first version past a partial version's span: 1.x ends at 2.0.0, 1.2.x at 1.3.0. */
const ceiling = (v: PartialVersion): string => (v.minor === undefined ? nextMajor(v) : nextMinor(v))

/** Caret: changes that do not modify the left-most non-zero part (^1.2.3 <2.0.0, ^0.2.3 <0.3.0, ^0.0.3 <0.0.4). */
function caretCeiling(v: PartialVersion): string {
  if (v.major !== '0' || v.minor === undefined) return nextMajor(v)
  if (v.minor !== '0' || v.patch === undefined) return nextMinor(v)
  return nextPatch(v)
}

function convertComparator(token: string): Conversion {
  const [, operator = '', text = ''] = COMPARATOR.exec(token)!
  if (text === '') return refused(`the comparator "${operator}" has no version`)
  const v = readVersion(text)
  if (typeof v === 'string') return refused(v)
  if (v.major === undefined) {
    return operator === '<' || operator === '>' ? refused(`"${token}" matches no version`) : converted([everyVersion])
  }
  switch (operator) {
    case '':
    case '=':
      return converted(
        isFull(v) ? [constraint('=', floor(v))] : [constraint('>=', floor(v)), constraint('<', ceiling(v))],
      )
    case '>':
      return converted([isFull(v) ? constraint('>', floor(v)) : constraint('>=', ceiling(v))])
    case '>=':
      return converted([constraint('>=', floor(v))])
    case '<':
      return converted([constraint('<', floor(v))])
    case '<=':
      return converted([isFull(v) ? constraint('<=', floor(v)) : constraint('<', ceiling(v))])
    case '^':
      return converted([constraint('>=', floor(v)), constraint('<', caretCeiling(v))])
    default: // "~" and its alias "~>": patch-level changes, or minor-level when only the major is given
      return converted([
        constraint('>=', floor(v)),
        constraint('<', v.minor === undefined ? nextMajor(v) : nextMinor(v)),
      ])
  }
}

function convertHyphenRange(from: string, to: string): Conversion {
  const low = readVersion(from)
  if (typeof low === 'string') return refused(low)
  const high = readVersion(to)
  if (typeof high === 'string') return refused(high)
  const constraints: VersConstraint[] = []
  if (low.major !== undefined) constraints.push(constraint('>=', floor(low)))
  if (high.major !== undefined)
    constraints.push(isFull(high) ? constraint('<=', floor(high)) : constraint('<', ceiling(high)))
  return converted(constraints.length ? constraints : [everyVersion])
}

function convertConjunction(text: string): Conversion {
  const hyphen = HYPHEN_RANGE.exec(text)
  if (hyphen) return convertHyphenRange(hyphen[1]!, hyphen[2]!)
  // node-semver allows space between a comparator and its version (">= 1.2.3").
  const tokens = text.replace(/(~>?|\^|[<>]=?|=)\s+/g, '$1').split(/\s+/)
  const result = convertEach(tokens, convertComparator)
  if (!result.ok) return result
  // In a conjunction "*" adds nothing beside real bounds.
  const bounds = result.constraints.filter((constraint) => constraint.comparator !== '*')
  return converted(bounds.length ? bounds : [everyVersion])
}

export function npmRange(native: string): Conversion {
  const alternatives = native.split('||').map((a) => a.trim())
  // node-semver reads an empty alternative as "any version"; here it is far more likely a typo.
  if (alternatives.includes('')) return refused('an alternative between "||" is empty')
  const result = convertEach(alternatives, convertConjunction)
  if (!result.ok) return result
  // One alternative admitting every version makes the whole range every version.
  return result.constraints.some((constraint) => constraint.comparator === '*') ? converted([everyVersion]) : result
}
