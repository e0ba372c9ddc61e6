// PEP 440 version specifiers (pip's "requests>=2.0,!=2.1.*") as vers constraints. A specifier is
// a comma-separated conjunction of clauses; the plain comparators carry over as they are, and the
// three that are shorthands are spelled out with PEP 440's own definitions:
//   ~=2.2.1   is >=2.2.1 and ==2.2.*
//   ==2.2.*   is every version whose release starts 2.2: >=2.2.dev0 and <2.3.dev0
//   !=2.2.*   is the rest: <2.2.dev0 or >=2.3.dev0 (listed together, these still read as a gap)
// Upper bounds end in ".dev0", the earliest release of a number, so that the pre-releases of 2.3
// (2.3a1, 2.3.dev1), which "==2.2.*" does not match, stay outside the range.
// GitLab's advisory database joins clauses with spaces too (">=1.0 <1.5"), and alternatives with
// "||", which nativeRange.ts splits before this file sees them.
// Source: https://packaging.python.org/en/latest/specifications/version-specifiers/

import type { VersComparator } from '../../vers.js'
import {
  constraint,
  converted,
  convertEach,
  increment,
  listItems,
  refused,
  spaceSeparated,
  strayCharacter,
  type Conversion,
} from './shared.js'

const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/
const COMPARATOR_THEN_SPACE = /(?<![~!<>=])(~=|===|==|!=|<=|>=|<|>)\s+/g
/** A release number with an optional epoch ("1!2.0"), the only thing a prefix match or ~= may bump. */
const RELEASE = /^(?:(\d+)!)?(\d+(?:\.\d+)*)/
const ONLY_RELEASE = /^(?:\d+!)?\d+(?:\.\d+)*$/

function releaseOf(version: string): { epoch: string; numbers: string[] } | undefined {
  const m = RELEASE.exec(version)
  return m ? { epoch: m[1] ? `${m[1]}!` : '', numbers: m[2]!.split('.') } : undefined
}

/** The earliest version after every release that starts with `numbers` (2.2 gives 2.3.dev0). */
function afterPrefix(epoch: string, numbers: string[]): string {
  return `${epoch}${[...numbers.slice(0, -1), increment(numbers[numbers.length - 1]!)].join('.')}.dev0`
}

function convertPrefixMatch(operator: '==' | '!=', prefix: string): Conversion {
  const release = releaseOf(prefix)
  if (!release || !ONLY_RELEASE.test(prefix))
    return refused(`"${operator}${prefix}.*" may only match a release number prefix (like ==2.2.*)`)
  const first = `${release.epoch}${release.numbers.join('.')}.dev0`
  const after = afterPrefix(release.epoch, release.numbers)
  return converted(
    operator === '=='
      ? [constraint('>=', first), constraint('<', after)]
      : [constraint('<', first), constraint('>=', after)],
  )
}

function convertCompatible(version: string): Conversion {
  const release = releaseOf(version)
  if (!release || release.numbers.length < 2)
    return refused(`"~=${version}" needs at least two release numbers (like ~=2.2)`)
  return converted([
    constraint('>=', version),
    constraint('<', afterPrefix(release.epoch, release.numbers.slice(0, -1))),
  ])
}

function convertClause(clause: string): Conversion {
  const m = CLAUSE.exec(clause)
  if (!m) return refused(`"${clause}" is not a version specifier (a comparator then a version, like >=1.0)`)
  const [, operator = '', version = ''] = m
  const stray = strayCharacter(clause, version)
  if (stray) return refused(stray)
  if (version.endsWith('.*')) {
    if (operator !== '==' && operator !== '!=') return refused(`"${clause}" uses ".*", which only == and != allow`)
    return convertPrefixMatch(operator, version.slice(0, -2))
  }
  if (operator === '~=') return convertCompatible(version)
  // "===" compares the text exactly; as a vers "=" it matches the same version.
  if (operator === '===' || operator === '==') return converted([constraint('=', version)])
  return converted([constraint(operator as VersComparator, version)])
}

export function pypiRange(native: string): Conversion {
  if (native.includes(';')) return refused('environment markers (after ";") are not part of a version range')
  const clauses = listItems(native, ',')
  if (!clauses.ok) return refused(clauses.reason)
  return convertEach(
    clauses.items.flatMap((item) => spaceSeparated(item, COMPARATOR_THEN_SPACE)),
    convertClause,
  )
}
