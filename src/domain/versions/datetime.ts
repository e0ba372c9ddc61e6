// The vers `datetime` scheme: versions that are RFC 3339 timestamps, ordered by the instant they
// name, so 2024-01-01T00:00:00+02:00 comes before 2023-12-31T23:00:00Z.
// Source: package-url/vers-spec, the datetime type definition; RFC 3339 section 5.6.

import type { Validity, VersionScheme } from './scheme.js'

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

function instant(version: string): number {
  // Date.parse keeps milliseconds only; finer fractions are compared below when instants tie.
  return Date.parse(version.replace(' ', 'T'))
}

function fraction(version: string): string {
  return (/\.(\d+)/.exec(version)?.[1] ?? '').padEnd(12, '0').slice(3)
}

function validDatetime(version: string): Validity {
  return RFC3339.test(version) && !Number.isNaN(instant(version))
    ? true
    : 'is not an RFC 3339 date and time with an offset (2024-01-01T00:00:00Z)'
}

export const datetime: VersionScheme = {
  name: 'datetime',
  valid: validDatetime,
  compare: (a, b) => instant(a) - instant(b) || (fraction(a) < fraction(b) ? -1 : fraction(a) > fraction(b) ? 1 : 0),
}
