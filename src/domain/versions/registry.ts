// Which comparator serves which vers scheme. Unknown schemes get the generic ordering (generic.ts)
// rather than an error, because an advisory in a rare ecosystem should still be matched; callers
// learn that it fell back (`fellBack`) so they can say the answer is approximate.

import { alpine } from './alpine.js'
import { alpm } from './alpm.js'
import { conan } from './conan.js'
import { datetime } from './datetime.js'
import { debian } from './debian.js'
import { gem } from './gem.js'
import { generic } from './generic.js'
import { gentoo } from './gentoo.js'
import { golang } from './golang.js'
import { lexicographic } from './lexicographic.js'
import { maven } from './maven.js'
import { nuget } from './nuget.js'
import { openssl } from './openssl.js'
import { pypi } from './pypi.js'
import { rpm } from './rpm.js'
import type { VersionScheme } from './scheme.js'
import { cargo, npm, semver } from './semver.js'

const schemes = new Map<string, VersionScheme>(
  Object.entries({
    npm,
    cargo,
    semver,
    golang,
    pypi,
    maven,
    gem,
    nuget,
    deb: debian,
    rpm,
    apk: alpine,
    alpm,
    gentoo,
    openssl,
    conan,
    datetime,
    lexicographic,
    generic,
  }),
)

// A Map, not an object literal, so that names like "constructor" are not found on the prototype.
// Other names the same orderings go by (purl types and distribution names).
const aliases = new Map<string, string>(
  Object.entries({
    alpine: 'apk',
    debian: 'deb',
    ubuntu: 'deb',
    arch: 'alpm',
    ebuild: 'gentoo',
    go: 'golang',
    rubygems: 'gem',
    python: 'pypi',
    crates: 'cargo',
    'crates.io': 'cargo',
  }),
)

/** The scheme names Lockstep orders exactly (aliases not included). */
export const knownSchemes: readonly string[] = [...schemes.keys()].filter((name) => name !== 'generic')

export interface ResolvedScheme {
  scheme: VersionScheme
  /** True when `name` is unknown and the generic ordering stands in for it. */
  fellBack: boolean
}

export function resolveScheme(name: string): ResolvedScheme {
  const key = name.toLowerCase()
  const found = schemes.get(aliases.get(key) ?? key)
  return found ? { scheme: found, fellBack: false } : { scheme: generic, fellBack: true }
}

export function schemeFor(name: string): VersionScheme {
  return resolveScheme(name).scheme
}
