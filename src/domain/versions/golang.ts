// Go module versions (vers scheme `golang`): semantic versions with a `v` prefix, where `v1` and
// `v1.2` are shorthands for v1.0.0 and v1.2.0, and pseudo-versions such as
// v0.0.0-20191109021931-daa7c04131f5 (or vX.Y.(Z+1)-0.<timestamp>-<commit>) are SemVer pre-releases
// of the next version. Their pre-release identifiers start with a fixed-width UTC timestamp, so
// SemVer precedence orders them by base version and then by time, exactly as the go command does.
// Source: golang.org/x/mod/semver (Compare) and https://go.dev/ref/mod#pseudo-versions.
// The `v` is optional here because OSV and vers ranges for Go often omit it.

import { compareSemver } from './semver.js'
import type { Validity, VersionScheme } from './scheme.js'
import semverValid from 'semver/functions/valid.js'

/** Strips the `v` and expands the shorthands (keeping any pre-release or build suffix). */
function canonical(version: string): string {
  const bare = version.startsWith('v') ? version.slice(1) : version
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(bare)
  if (!m) return bare
  const [, major, minor, patch, rest] = m
  // golang.org/x/mod/semver accepts the shorthands only without a suffix.
  if ((minor === undefined || patch === undefined) && rest !== '') return bare
  return `${major}.${minor ?? '0'}.${patch ?? '0'}${rest}`
}

function validGo(version: string): Validity {
  return semverValid(canonical(version)) !== null
    ? true
    : 'is not a Go module version (vMAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD])'
}

export const golang: VersionScheme = {
  name: 'golang',
  valid: validGo,
  compare: (a, b) => compareSemver(canonical(a), canonical(b)),
}
