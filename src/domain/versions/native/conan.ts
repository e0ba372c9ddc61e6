// Conan 2 version ranges (the text inside a reference's brackets, "[>1 <2.0 || ^3.2, include_prerelease]")
// as vers constraints. Alternatives are joined by "||", each a space-separated conjunction of
// conditions: <, <=, >, >=, = or a bare version, "*" for every version, and two shorthands
// that Conan expands with an upper bound ending in "-" (below every pre-release of that version):
//   ~2.5.1  is >=2.5.1 <2.6-   (the second number may change; ~1 lets only the first stay, <2-)
//   ^0.1.2  is >=0.1.2 <0.2-   (everything right of the first non-zero number may change)
// A trailing "-" elsewhere only asks Conan to consider pre-releases, so it is dropped, and the
// options after the first comma (include_prerelease, loose) choose what to install, not which
// versions the range names, so they are checked and set aside. "*" is written ">=0.0.0", as
// Conan itself expands it and as the vers suite expects.
// Source: conan-io/conan conans/model/version_range.py (_ConditionSet._parse_expression) and
// conans/model/version.py (Version.upper_bound).

import type { VersComparator } from '../../vers.js'
import { constraint, converted, convertEach, increment, refused, type Conversion } from './shared.js'

const CONDITION = /^(>=|<=|>|<|=|~|\^)?(.*)$/
const OPTION = /^(include_prerelease|loose)(=(True|False))?$/

/** The dot-separated numbers before any pre-release or build part. */
const mainItems = (version: string): string[] => version.split('+')[0]!.split('-')[0]!.split('.')

/** Conan's Version.upper_bound: keep the items before `index`, increase that one, and end in "-". */
function upperBound(version: string, index: number): string | undefined {
  const items = mainItems(version)
  const bumped = items[index]
  if (bumped === undefined || !/^\d+$/.test(bumped)) return undefined
  return `${[...items.slice(0, index), increment(bumped)].join('.')}-`
}

function convertCondition(condition: string): Conversion {
  const [, operator = '=', rest = ''] = CONDITION.exec(condition)!
  const version = rest.endsWith('-') ? rest.slice(0, -1) : rest
  if (version === '*') {
    return operator === '='
      ? converted([constraint('>=', '0.0.0')])
      : refused(`"${condition}" puts an operator before "*"`)
  }
  if (!version) return refused(`the condition "${condition}" has no version`)
  if (operator !== '~' && operator !== '^') return converted([constraint(operator as VersComparator, version)])
  const items = mainItems(version)
  const index = operator === '~' ? (items.length > 1 ? 1 : 0) : items.findIndex((item) => !/^0+$/.test(item))
  const upper = index >= 0 ? upperBound(version, index) : undefined
  if (upper === undefined) return refused(`"${condition}" has no number for "${operator}" to increase`)
  return converted([constraint('>=', version), constraint('<', upper)])
}

function convertConditionSet(conditions: string): Conversion {
  // Conan reads conditions at spaces; a space after an operator (">= 1.0") is forgiven here.
  return convertEach(conditions.replace(/(>=|<=|>|<|=|~|\^)\s+/g, '$1').split(/\s+/), convertCondition)
}

export function conanRange(native: string): Conversion {
  const inside = native.trim().replace(/^\[(.*)\]$/, '$1')
  const [expression = '', ...options] = inside.split(',').map((part) => part.trim())
  const unknown = options.find((option) => !OPTION.test(option))
  if (unknown !== undefined) return refused(`"${unknown}" is not a Conan range option (include_prerelease, loose)`)
  const alternatives = expression.split('||').map((a) => a.trim())
  if (alternatives.includes('')) return refused('an alternative between "||" is empty')
  return convertEach(alternatives, convertConditionSet)
}
