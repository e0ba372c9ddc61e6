// RubyGems requirements ("~> 2.0.8", ">= 1.0, < 2") as vers constraints. A requirement is a
// comma-separated conjunction; a bare version means "=". The pessimistic "~> 2.0.8" means
// ">= 2.0.8" and "< 2.1": the upper bound is Gem::Version#bump (drop any pre-release letters,
// drop the last number, increase the one before), taken from @renovatebot/ruby-semver, a port
// of RubyGems' own code, so that the bound is the one gem install applies.
// GitLab's advisory database joins requirements with spaces too (">=4.2.0 <5.2.4.5"), and
// alternatives with "||", which nativeRange.ts splits before this file sees them.
// Source: rubygems lib/rubygems/requirement.rb and lib/rubygems/version.rb.

import { Version } from '@renovatebot/ruby-semver/dist/ruby/version.js'
import type { VersComparator } from '../../vers.js'
import {
  constraint,
  converted,
  convertEach,
  listItems,
  refused,
  spaceSeparated,
  strayCharacter,
  type Conversion,
} from './shared.js'

const REQUIREMENT = /^(~>|!=|>=|<=|=|>|<)?\s*(\S+)$/
const OPERATOR_THEN_SPACE = /(?<![~!<>=])(~>|!=|>=|<=|=|>|<)\s+/g

function convertRequirement(requirement: string): Conversion {
  const m = REQUIREMENT.exec(requirement)
  if (!m) return refused(`"${requirement}" is not a requirement (an operator such as >=, ~> and a version)`)
  const [, operator = '=', version = ''] = m
  const stray = strayCharacter(requirement, version)
  if (stray) return refused(stray)
  const parsed = Version.create(version)
  if (!parsed) return refused(`"${version}" is not a RubyGems version`)
  if (operator !== '~>') return converted([constraint(operator as VersComparator, version)])
  return converted([constraint('>=', version), constraint('<', parsed.bump().toString())])
}

export function gemRange(native: string): Conversion {
  const requirements = listItems(native, ',')
  if (!requirements.ok) return refused(requirements.reason)
  return convertEach(
    requirements.items.flatMap((item) => spaceSeparated(item, OPERATOR_THEN_SPACE)),
    convertRequirement,
  )
}
