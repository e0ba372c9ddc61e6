// RubyGems versions (vers scheme `gem`), ordered by Gem::Version#<=> through
// @renovatebot/ruby-semver, a port of RubyGems' own code: segments split on dots and on the
// boundary between digits and letters, a letter segment marks a pre-release (1.0.a < 1.0), and
// trailing zero segments are ignored (1.0 == 1). Source: rubygems lib/rubygems/version.rb.

import { Version } from '@renovatebot/ruby-semver/dist/ruby/version.js'
import type { VersionScheme } from './scheme.js'

function parse(version: string): Version {
  const parsed = Version.create(version)
  if (!parsed) throw new Error(`"${version}" is not a RubyGems version`)
  return parsed
}

export const gem: VersionScheme = {
  name: 'gem',
  valid: (v) => (Version.create(v) !== null ? true : 'is not a RubyGems version'),
  compare: (a, b) => parse(a).compare(parse(b)),
}
