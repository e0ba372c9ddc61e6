// RPM package versions (vers scheme `rpm`), ordered exactly as rpm does, because Red Hat, SUSE
// and Fedora advisories name fixed EVRs (epoch:version-release) that hosts are matched against.
//
// Algorithm: rpm's rpmio/rpmvercmp.c (rpmvercmp) and lib/rpmvercmp/rpmds.c's EVR split (parseEVR):
// the epoch is the leading digits before ':', the release follows the last '-'. Epochs compare as
// integers (missing = 0), then version and release with rpmvercmp: separators (anything not a
// letter, digit, `~` or `^`) are skipped; `~` sorts before everything, even the end; `^` sorts
// after the end but before any further segment; then maximal all-digit or all-letter segments
// compare, a digit segment beating a letter segment, digits numerically, letters by strcmp;
// whichever string still has a segment left wins.

import { compareDigits, compareStrings, type Validity, type VersionScheme } from './scheme.js'

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c)
const isSeparator = (c: string | undefined): boolean =>
  c !== undefined && !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^'

export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++
    while (isSeparator(b[j])) j++

    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1
      if (b[j] !== '~') return -1
      i++
      j++
      continue
    }

    // `^` is like `~`, except that the side that has ended (the base version) is the lower one.
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1
      if (j >= b.length) return 1
      if (a[i] !== '^') return 1
      if (b[j] !== '^') return -1
      i++
      j++
      continue
    }

    if (!(i < a.length && j < b.length)) break

    const numeric = isDigit(a[i])
    const inSegment = numeric ? isDigit : isAlpha
    let p = i
    while (inSegment(a[p])) p++
    let q = j
    while (inSegment(b[q])) q++
    // The segments are of different kinds: a numeric one is newer than an alphabetic one.
    if (q === j) return numeric ? 1 : -1
    const c = numeric ? compareDigits(a.slice(i, p), b.slice(j, q)) : compareStrings(a.slice(i, p), b.slice(j, q))
    if (c !== 0) return c
    i = p
    j = q
  }
  if (i >= a.length && j >= b.length) return 0
  return i >= a.length ? -1 : 1
}

interface Evr {
  epoch: string
  version: string
  release: string
}

function parseEvr(evr: string): Evr {
  const digits = /^\d*/.exec(evr)![0]
  const hasEpoch = evr[digits.length] === ':'
  const epoch = hasEpoch && digits !== '' ? digits : '0'
  const rest = hasEpoch ? evr.slice(digits.length + 1) : evr
  const hyphen = rest.lastIndexOf('-')
  return hyphen >= 0
    ? { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) }
    : { epoch, version: rest, release: '' }
}

export function compareRpm(a: string, b: string): number {
  const x = parseEvr(a)
  const y = parseEvr(b)
  return compareDigits(x.epoch, y.epoch) || rpmvercmp(x.version, y.version) || rpmvercmp(x.release, y.release)
}

function validRpm(evr: string): Validity {
  if (evr.trim() === '') return 'is empty'
  if (/\s/.test(evr)) return 'contains white space'
  const { version } = parseEvr(evr)
  if (version === '') return 'has an empty version'
  if (!/[A-Za-z0-9]/.test(version)) return 'has a version without letters or digits'
  return true
}

export const rpm: VersionScheme = { name: 'rpm', valid: validRpm, compare: compareRpm }
