// OpenSSL release versions (vers scheme `openssl`): up to 1.1.1 a patch letter sequence follows
// the numbers (1.0.2a ... 1.0.2z, 1.0.2za ... 1.0.2zl), from 3.0 plain MAJOR.MINOR.PATCH.
// Numbers compare numerically; then no letters < letters, and letter sequences lexically, which
// matches OpenSSL's release order because each sequence after "z" extends it ("z" < "za").
// Source: https://www.openssl.org/policies/releasestrat.html and the vers openssl type definition.

import { compareDigits, compareStrings, type Validity, type VersionScheme } from './scheme.js'

const OPENSSL = /^(\d+(?:\.\d+)*)([a-z]*)(?:-([0-9a-z-]+(?:\.[0-9a-z-]+)*))?$/i

function parse(version: string): { numbers: string[]; letters: string; pre: string | undefined } | undefined {
  const m = OPENSSL.exec(version)
  return m ? { numbers: m[1]!.split('.'), letters: m[2]!.toLowerCase(), pre: m[3] } : undefined
}

function compareOpenssl(a: string, b: string): number {
  const x = parse(a)
  const y = parse(b)
  if (!x || !y) throw new Error(`"${x ? b : a}" is not an OpenSSL version`)
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const c = compareDigits(x.numbers[i] ?? '0', y.numbers[i] ?? '0')
    if (c !== 0) return c
  }
  const cl = compareStrings(x.letters, y.letters)
  if (cl !== 0) return cl
  // 3.x pre-releases (3.0.0-alpha1, -beta2) come before the release.
  if (x.pre === undefined || y.pre === undefined) return x.pre === y.pre ? 0 : x.pre === undefined ? 1 : -1
  return compareStrings(x.pre.toLowerCase(), y.pre.toLowerCase())
}

function validOpenssl(version: string): Validity {
  return parse(version) ? true : 'is not an OpenSSL version (1.0.2k, 3.0.8)'
}

export const openssl: VersionScheme = { name: 'openssl', valid: validOpenssl, compare: compareOpenssl }
