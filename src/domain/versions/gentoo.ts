// Gentoo package versions (vers scheme `gentoo`, also `ebuild`), ordered by the Package Manager
// Specification's algorithm, because Gentoo's GLSAs name ebuild versions.
// Source: PMS section 3.3 "Version comparison" (algorithms 3.1 to 3.7),
// https://projects.gentoo.org/pms/8/pms.html#version-comparison.

import { compareDigits, compareStrings, type Validity, type VersionScheme } from './scheme.js'

const GENTOO = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/
const SUFFIX_ORDER = ['alpha', 'beta', 'pre', 'rc', 'p']

interface GentooVersion {
  numbers: string[]
  letter: string
  suffixes: { kind: number; n: string }[]
  revision: string
}

function parse(version: string): GentooVersion | undefined {
  const m = GENTOO.exec(version)
  if (!m) return undefined
  const suffixes = [...(m[3] ?? '').matchAll(/_(alpha|beta|pre|rc|p)(\d*)/g)].map((s) => ({
    kind: SUFFIX_ORDER.indexOf(s[1]!),
    n: s[2] || '0',
  }))
  return { numbers: m[1]!.split('.'), letter: m[2] ?? '', suffixes, revision: m[4] ?? '0' }
}

function compareGentoo(a: string, b: string): number {
  const x = parse(a)
  const y = parse(b)
  if (!x || !y) throw new Error(`"${x ? b : a}" is not a Gentoo version`)
  // Algorithm 3.2: the first number numerically, later ones as decimals when either has a leading
  // zero (compared as strings after dropping trailing zeros, so 1.01 < 1.1), else numerically.
  const c0 = compareDigits(x.numbers[0]!, y.numbers[0]!)
  if (c0 !== 0) return c0
  for (let i = 1; i < Math.min(x.numbers.length, y.numbers.length); i++) {
    const p = x.numbers[i]!
    const q = y.numbers[i]!
    const c =
      p.startsWith('0') || q.startsWith('0')
        ? compareStrings(p.replace(/0+$/, ''), q.replace(/0+$/, ''))
        : compareDigits(p, q)
    if (c !== 0) return c
  }
  if (x.numbers.length !== y.numbers.length) return x.numbers.length - y.numbers.length
  // Algorithm 3.4: the letter (none sorts first).
  const cl = compareStrings(x.letter, y.letter)
  if (cl !== 0) return cl
  // Algorithm 3.5: suffixes pairwise; an extra suffix makes a version newer only if it is _p.
  for (let i = 0; i < Math.min(x.suffixes.length, y.suffixes.length); i++) {
    const s = x.suffixes[i]!
    const t = y.suffixes[i]!
    if (s.kind !== t.kind) return s.kind - t.kind
    const c = compareDigits(s.n, t.n)
    if (c !== 0) return c
  }
  if (x.suffixes.length > y.suffixes.length)
    return x.suffixes[y.suffixes.length]!.kind === SUFFIX_ORDER.indexOf('p') ? 1 : -1
  if (y.suffixes.length > x.suffixes.length)
    return y.suffixes[x.suffixes.length]!.kind === SUFFIX_ORDER.indexOf('p') ? -1 : 1
  // Algorithm 3.7: the revision (missing is -r0).
  return compareDigits(x.revision, y.revision)
}

function validGentoo(version: string): Validity {
  return parse(version) ? true : 'is not a Gentoo version (1.2.3[letter][_alpha|_beta|_pre|_rc|_pN...][-rN])'
}

export const gentoo: VersionScheme = { name: 'gentoo', valid: validGentoo, compare: compareGentoo }
