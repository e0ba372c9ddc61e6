// Real advisory data (the shared OSV exports of the Go vulnerability database and RustSec): every
// SEMVER range is turned into a vers range and checked with versContains, so that the golang and
// cargo orderings and the containment algorithm agree with what the advisories mean: each
// "introduced" version is affected and each "fixed" version is not.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatVers } from '../vers.js'
import { schemeFor } from './registry.js'
import { versContains } from './versContains.js'

const root = path.resolve(process.cwd(), '../shared/conformance/osv-data')

interface OsvEvent {
  introduced?: string
  fixed?: string
  last_affected?: string
  limit?: string
}
interface OsvAdvisory {
  id: string
  affected?: { package: { ecosystem: string }; ranges?: { type: string; events: OsvEvent[] }[] }[]
}

function advisories(folder: string): OsvAdvisory[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : []))
  return walk(path.join(root, folder)).map((f) => JSON.parse(readFileSync(f, 'utf8')) as OsvAdvisory)
}

function check(folder: string, ecosystem: string, scheme: string) {
  const s = schemeFor(scheme)
  let ranges = 0
  const problems: string[] = []
  for (const advisory of advisories(folder)) {
    for (const affected of advisory.affected ?? []) {
      if (affected.package.ecosystem !== ecosystem) continue
      for (const range of affected.ranges ?? []) {
        if (range.type !== 'SEMVER') continue
        ranges++
        // OSV's events, in version order, alternate introduced and fixed (or last_affected).
        const listed = range.events
          .map((e) => ({ kind: Object.keys(e)[0] as keyof OsvEvent, version: Object.values(e)[0] as string }))
          .filter((e) => e.kind !== 'limit')
        // Some RustSec ranges hold an empty interval (introduced 1.2.0, fixed 1.2.0): it affects
        // nothing, and vers may not name a version twice, so it is dropped.
        const empty = new Set(listed.filter((e) => e.kind === 'fixed' && listed.some((i) => i.kind === 'introduced' && i.version === e.version)).map((e) => e.version))
        const events = listed
          .filter((e) => !empty.has(e.version))
          .sort((a, b) => (a.version === '0' ? -1 : b.version === '0' ? 1 : s.compare(a.version, b.version)))
        const constraints = events
          .filter((e) => !(e.kind === 'introduced' && e.version === '0'))
          .map((e) => ({ comparator: e.kind === 'introduced' ? ('>=' as const) : e.kind === 'fixed' ? ('<' as const) : ('<=' as const), version: e.version }))
        if (constraints.length === 0) continue // every version is affected
        const vers = formatVers({ scheme, constraints })
        for (const e of events) {
          if (e.version === '0') continue
          const result = versContains(vers, e.version)
          const expected = e.kind !== 'fixed'
          if (!result.ok || result.contains !== expected) problems.push(`${advisory.id} ${vers} ${e.kind} ${e.version}: ${JSON.stringify(result)}`)
        }
      }
    }
  }
  return { ranges, problems }
}

describe.skipIf(!existsSync(root))('vers containment on real OSV advisories', () => {
  it('Go vulnerability database (golang)', () => {
    const { ranges, problems } = check('go', 'Go', 'golang')
    expect(ranges).toBeGreaterThan(1000)
    expect(problems).toEqual([])
  })

  it('RustSec (cargo)', () => {
    const { ranges, problems } = check('rustsec', 'crates.io', 'cargo')
    expect(ranges).toBeGreaterThan(500)
    expect(problems).toEqual([])
  })
})
