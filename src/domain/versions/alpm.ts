// Arch Linux package versions (vers scheme `alpm`), ordered as pacman's vercmp does:
// [epoch:]version[-pkgrel], epochs first, then rpmvercmp on the version, then the release only
// when both versions have one (so 1.5 == 1.5-1). pacman's rpmvercmp is an older fork of rpm's:
// no `~` or `^`, a longer separator wins, and a trailing letter segment loses to the end of the
// other string (1.5b < 1.5). Source: pacman lib/libalpm/version.c (parseEVR, rpmvercmp,
// alpm_pkg_vercmp).

import { compareDigits, compareStrings, type Validity, type VersionScheme } from './scheme.js'

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c)
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c)

function alpmRpmvercmp(a: string, b: string): number {
  if (a === b) return 0
  let i = 0
  let j = 0
  let segA = 0
  let segB = 0
  while (i < a.length && j < b.length) {
    while (i < a.length && !isAlnum(a[i])) i++
    while (j < b.length && !isAlnum(b[j])) j++
    if (i >= a.length || j >= b.length) break
    // Different separator lengths end the comparison (1..0 > 1.0).
    if (i - segA !== j - segB) return i - segA < j - segB ? -1 : 1
    const numeric = isDigit(a[i])
    const inSegment = numeric ? isDigit : isAlpha
    let p = i
    while (inSegment(a[p])) p++
    let q = j
    while (inSegment(b[q])) q++
    if (q === j) return numeric ? 1 : -1
    const c = numeric ? compareDigits(a.slice(i, p), b.slice(j, q)) : compareStrings(a.slice(i, p), b.slice(j, q))
    if (c !== 0) return c
    i = segA = p
    j = segB = q
  }
  if (i >= a.length && j >= b.length) return 0
  // pacman: "we never want a remaining alpha string to beat an empty string".
  return (i >= a.length && !isAlpha(b[j])) || isAlpha(a[i]) ? -1 : 1
}

interface Evr {
  epoch: string
  version: string
  release: string | undefined
}

function parseEvr(evr: string): Evr {
  const digits = /^\d*/.exec(evr)![0]
  const hasEpoch = evr[digits.length] === ':'
  const rest = hasEpoch ? evr.slice(digits.length + 1) : evr
  const hyphen = rest.lastIndexOf('-')
  return {
    epoch: hasEpoch && digits !== '' ? digits : '0',
    version: hyphen >= 0 ? rest.slice(0, hyphen) : rest,
    release: hyphen >= 0 ? rest.slice(hyphen + 1) : undefined,
  }
}

function compareAlpm(a: string, b: string): number {
  if (a === b) return 0
  const x = parseEvr(a)
  const y = parseEvr(b)
  const c = alpmRpmvercmp(x.epoch, y.epoch) || alpmRpmvercmp(x.version, y.version)
  if (c !== 0 || x.release === undefined || y.release === undefined) return c
  return alpmRpmvercmp(x.release, y.release)
}

function validAlpm(version: string): Validity {
  if (version.trim() === '' || /\s/.test(version)) return 'is empty or contains white space'
  return parseEvr(version).version !== '' ? true : 'has an empty version'
}

export const alpm: VersionScheme = { name: 'alpm', valid: validAlpm, compare: compareAlpm }
