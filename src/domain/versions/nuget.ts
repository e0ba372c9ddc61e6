// NuGet package versions (vers scheme `nuget`): SemVer 2.0.0 extended with an optional fourth
// "revision" number, missing numbers read as 0 (1.0 == 1.0.0.0), leading zeros allowed (1.0.01 ==
// 1.0.1), pre-release labels compared case-insensitively, and build metadata ignored.
// Written by hand because no maintained npm package implements NuGet's rules.
// Source: NuGet.Versioning VersionComparer (VersionComparison.Default) and
// https://learn.microsoft.com/nuget/concepts/package-versioning.

import { compareDigits, compareStrings, type Validity, type VersionScheme } from './scheme.js'

const NUGET =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/

interface NuGetVersion {
  numbers: string[]
  release: string[]
}

function parse(version: string): NuGetVersion | undefined {
  const m = NUGET.exec(version.trim())
  if (!m) return undefined
  return { numbers: [m[1], m[2], m[3], m[4]].map((n) => n ?? '0'), release: m[5] ? m[5].split('.') : [] }
}

/** NuGet compares labels: numbers numerically and before words, words case-insensitively. */
function compareLabel(a: string, b: string): number {
  const aNum = /^\d+$/.test(a)
  const bNum = /^\d+$/.test(b)
  if (aNum && bNum) return compareDigits(a, b)
  if (aNum !== bNum) return aNum ? -1 : 1
  return compareStrings(a.toLowerCase(), b.toLowerCase())
}

function compareNuGet(a: string, b: string): number {
  const x = parse(a)
  const y = parse(b)
  if (!x || !y) throw new Error(`"${x ? b : a}" is not a NuGet version`)
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(x.numbers[i]!, y.numbers[i]!)
    if (c !== 0) return c
  }
  // A release (no label) is newer than any pre-release of the same numbers.
  if (x.release.length === 0 || y.release.length === 0) return y.release.length - x.release.length
  for (let i = 0; i < Math.min(x.release.length, y.release.length); i++) {
    const c = compareLabel(x.release[i]!, y.release[i]!)
    if (c !== 0) return c
  }
  return x.release.length - y.release.length
}

function validNuGet(version: string): Validity {
  return parse(version) ? true : 'is not a NuGet version (1 to 4 numbers, then optional -prerelease and +metadata)'
}

export const nuget: VersionScheme = { name: 'nuget', valid: validNuGet, compare: compareNuGet }
