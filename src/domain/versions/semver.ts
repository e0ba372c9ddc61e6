// Semantic Versioning 2.0.0 precedence for npm and Cargo (vers schemes `npm`, `cargo`, `semver`):
// both registries require strict SemVer, so the `semver` package (npm's own implementation) is the
// reference. Build metadata is ignored for ordering, as SemVer 2.0.0 section 10 requires.
// Source: https://semver.org/spec/v2.0.0.html section 11, npm/node-semver compare().

import semverCompare from 'semver/functions/compare.js'
import semverValid from 'semver/functions/valid.js'
import type { VersionScheme } from './scheme.js'

export function validSemver(version: string): true | string {
  return semverValid(version) !== null ? true : 'is not a SemVer 2.0.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD])'
}

export function compareSemver(a: string, b: string): number {
  return semverCompare(a, b)
}

function semverScheme(name: string): VersionScheme {
  return { name, valid: validSemver, compare: compareSemver }
}

export const npm = semverScheme('npm')
export const cargo = semverScheme('cargo')
export const semver = semverScheme('semver')
