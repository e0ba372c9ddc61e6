// A tiny seeded property check (fast-check is not a dependency of Lockstep): a comparator must be
// a total preorder for sorting and interval checks to make sense, so every scheme's tests run
// random versions through antisymmetry, reflexivity and transitivity.

import { sign, type VersionScheme } from './scheme.js'

/** Mulberry32: small, deterministic, good enough to pick characters. */
export function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Random strings built from the given pieces, each 1 to `max` pieces long. */
export function randomVersions(pieces: readonly string[], count: number, seed: number, max = 6): string[] {
  const next = random(seed)
  const out: string[] = []
  for (let n = 0; n < count; n++) {
    const length = 1 + Math.floor(next() * max)
    let v = ''
    for (let k = 0; k < length; k++) v += pieces[Math.floor(next() * pieces.length)]
    out.push(v)
  }
  return out
}

/** The first violation found, or undefined when the comparator behaves on these versions. */
export function orderViolation(scheme: VersionScheme, versions: readonly string[]): string | undefined {
  const c = (a: string, b: string) => sign(scheme.compare(a, b))
  for (const a of versions) {
    if (c(a, a) !== 0) return `${a} is not equal to itself`
    for (const b of versions) {
      if (c(a, b) !== -c(b, a)) return `compare(${a}, ${b}) and compare(${b}, ${a}) disagree`
    }
  }
  const sorted = [...versions].sort(scheme.compare)
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      // After a sort, a transitive comparator never finds a later element smaller.
      if (c(sorted[i]!, sorted[j]!) > 0) return `not transitive: ${sorted[i]} sorted before ${sorted[j]} but is greater`
    }
  }
  return undefined
}
