// The vers `lexicographic` scheme: plain ordering of the UTF-8 bytes, with no Unicode
// normalisation (é and e + U+0301 differ), for projects whose "versions" are opaque strings.
// Comparing code points gives the same order as comparing UTF-8 bytes (JavaScript's own string
// comparison compares UTF-16 code units, which differs above U+FFFF).
// Source: package-url/vers-spec, the lexicographic type definition and its tests.

import type { VersionScheme } from './scheme.js'

export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!)
  const y = Array.from(b, (c) => c.codePointAt(0)!)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1
  }
  return x.length - y.length
}

export const lexicographic: VersionScheme = {
  name: 'lexicographic',
  valid: (v) => (v.length > 0 ? true : 'is empty'),
  compare: compareCodePoints,
}
