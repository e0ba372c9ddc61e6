// Real advisory data (the shared OSV exports of the Go vulnerability database and RustSec): every
// SEMVER range is turned into a vers range by the OSV converter (domain/osv) and checked with
// versContains, so that the golang and cargo orderings, the conversion and the containment
// algorithm agree with what the advisories mean: each "introduced" version is affected and each
// "fixed" version is not.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOsvAdvisory } from '../osv/osvAdvisory.js'
import { convertOsvAffected } from '../osv/osvRanges.js'
import { versContains } from './versContains.js'

const root = path.resolve(process.cwd(), '../shared/conformance/osv-data')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : [],
  )
}

function check(folder: string, ecosystem: string, scheme: string) {
  let ranges = 0
  const problems: string[] = []
  for (const file of files(path.join(root, folder))) {
    const advisory = readOsvAdvisory(readFileSync(file, 'utf8'), file)
    for (const affected of advisory.affected) {
      if (affected.package.ecosystem !== ecosystem) continue
      const converted = convertOsvAffected(affected)
      if ('error' in converted) {
        problems.push(`${advisory.id}: ${converted.error}`)
        continue
      }
      const events = (affected.ranges ?? []).filter((r) => r.type === 'SEMVER').flatMap((r) => r.events)
      ranges += (affected.ranges ?? []).filter((r) => r.type === 'SEMVER').length
      if (converted.range === null) continue // every version is affected
      if (!converted.range.startsWith(`vers:${scheme}/`))
        problems.push(`${advisory.id}: ${converted.range} is not in the ${scheme} scheme`)
      // A version both introduced and fixed is an empty interval or a seam: it says nothing alone.
      const introduced = new Set(events.flatMap((e) => (e.introduced && e.introduced !== '0' ? [e.introduced] : [])))
      const fixed = new Set(events.flatMap((e) => (e.fixed ? [e.fixed] : [])))
      const expectations = [
        ...[...introduced].filter((v) => !fixed.has(v)).map((v) => [v, true] as const),
        ...[...fixed].filter((v) => !introduced.has(v)).map((v) => [v, false] as const),
      ]
      for (const [version, expected] of expectations) {
        const result = versContains(converted.range, version)
        if (!result.ok || result.contains !== expected)
          problems.push(
            `${advisory.id} ${converted.range} ${expected ? 'introduced' : 'fixed'} ${version}: ${JSON.stringify(result)}`,
          )
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
