// Conan package versions (vers scheme `conan`), ordered as Conan 2's Version class does:
// main.items[-prerelease][+build], split at the last '+' and then the last '-', the pre-release
// and build parsed as versions themselves; items compare as integers when both are numbers and
// otherwise as strings; trailing zero items are ignored (1 == 1.0.0); a pre-release sorts before
// its release; a build sorts after the same version without one.
// Source: conan-io/conan conans/model/version.py (Version, _VersionItem).

import { compareStrings, type VersionScheme } from './scheme.js'

interface ConanVersion {
  items: (number | string)[]
  pre: ConanVersion | undefined
  build: ConanVersion | undefined
}

function parse(text: string): ConanVersion {
  let value = text.trim()
  let build: ConanVersion | undefined
  let pre: ConanVersion | undefined
  const plus = value.lastIndexOf('+')
  if (plus >= 0) {
    build = parse(value.slice(plus + 1))
    value = value.slice(0, plus)
  }
  const minus = value.lastIndexOf('-')
  if (minus >= 0) {
    pre = parse(value.slice(minus + 1))
    value = value.slice(0, minus)
  }
  const items: (number | string)[] = value.split('.').map((item) => (/^\d+$/.test(item) ? Number(item) : item))
  while (items.length > 0 && items[items.length - 1] === 0) items.pop()
  return { items, pre, build }
}

/** Python's tuple comparison of _VersionItems: numbers numerically, mixed pairs as strings. */
function compareItems(a: (number | string)[], b: (number | string)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const p = a[i]!
    const q = b[i]!
    const c = typeof p === 'number' && typeof q === 'number' ? p - q : compareStrings(String(p), String(q))
    if (c !== 0) return c
  }
  return a.length - b.length
}

function compareOptional(a: ConanVersion | undefined, b: ConanVersion | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1
  return compareConanVersions(a, b)
}

function compareConanVersions(x: ConanVersion, y: ConanVersion): number {
  const items = compareItems(x.items, y.items)
  if (x.pre !== undefined && y.pre !== undefined)
    return items || compareConanVersions(x.pre, y.pre) || compareOptional(x.build, y.build)
  if (x.pre !== undefined || y.pre !== undefined) return items || (x.pre !== undefined ? -1 : 1)
  return items || compareOptional(x.build, y.build)
}

export const conan: VersionScheme = {
  name: 'conan',
  valid: (v) => (v.trim() !== '' && !/\s/.test(v.trim()) ? true : 'is empty or contains white space'),
  compare: (a, b) => compareConanVersions(parse(a), parse(b)),
}
