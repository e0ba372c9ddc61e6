// Debian package versions (vers scheme `deb`), ordered exactly as dpkg does, because advisories
// for Debian and Ubuntu name fixed versions like 1:2.30-1ubuntu1~20.04 and an off-by-one in the
// ordering would call a patched host vulnerable or the reverse. Written by hand: the npm ports
// we looked at mishandle `~` at the end of a string or digit runs longer than a double.
//
// Algorithm: dpkg lib/dpkg/version.c (parseversion, dpkg_version_compare, verrevcmp) and
// deb-version(7). [epoch:]upstream[-revision]: the epoch is before the first ':', the revision
// after the last '-'. Epochs compare as integers, then upstream and revision with verrevcmp:
// alternately a non-digit run compared character by character with `~` before everything (even
// the end of the string), then letters, then the end, then every other character; then a digit
// run compared numerically.

import { compareDigits, type Validity, type VersionScheme } from './scheme.js'

interface DebVersion {
  epoch: string
  upstream: string
  revision: string
}

function parse(version: string): DebVersion {
  const colon = version.indexOf(':')
  const epoch = colon >= 0 ? version.slice(0, colon) : '0'
  const rest = colon >= 0 ? version.slice(colon + 1) : version
  const hyphen = rest.lastIndexOf('-')
  return hyphen >= 0
    ? { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) }
    : { epoch, upstream: rest, revision: '' }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isAlpha = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c)

/** dpkg's order(): digits and the end weigh 0, `~` -1, letters their code, others code + 256. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0
  if (isAlpha(c)) return c.charCodeAt(0)
  if (c === '~') return -1
  return c.charCodeAt(0) + 256
}

/** dpkg's verrevcmp, on strings instead of C pointers (an index past the end reads as the end). */
export function verrevcmp(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i])
      const bc = order(b[j])
      if (ac !== bc) return ac - bc
      i++
      j++
    }
    let p = i
    while (isDigit(a[p])) p++
    let q = j
    while (isDigit(b[q])) q++
    const c = compareDigits(a.slice(i, p), b.slice(j, q))
    if (c !== 0) return c
    i = p
    j = q
  }
  return 0
}

export function compareDebian(a: string, b: string): number {
  const x = parse(a)
  const y = parse(b)
  return compareDigits(x.epoch, y.epoch) || verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision)
}

/** dpkg's parseversion checks, so that a typo is reported rather than silently ordered. */
function validDebian(version: string): Validity {
  if (version.trim() === '') return 'is empty'
  if (/\s/.test(version)) return 'contains white space'
  const colon = version.indexOf(':')
  if (colon >= 0 && !/^\d+$/.test(version.slice(0, colon))) return 'has an epoch (before ":") that is not a number'
  const { upstream, revision } = parse(version)
  if (upstream === '') return 'has an empty upstream version'
  if (version.endsWith('-')) return 'has an empty revision after "-"'
  if (!isDigit(upstream[0])) return 'has an upstream version that does not start with a digit'
  if (!/^[A-Za-z0-9.+~:-]*$/.test(upstream))
    return 'has a character other than letters, digits and . + ~ - : in the upstream version'
  if (!/^[A-Za-z0-9.+~]*$/.test(revision)) return 'has a character other than letters, digits and . + ~ in the revision'
  return true
}

export const debian: VersionScheme = { name: 'deb', valid: validDebian, compare: compareDebian }
