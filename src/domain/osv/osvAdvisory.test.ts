// Reading OSV documents: every file of the shared Go vulnerability database and RustSec exports
// reads and converts with nothing left out (no notes), and a broken document is
// refused naming its file and the JSON path of the bad field.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OsvFormatError, readOsvAdvisory, vulnerabilityName } from './osvAdvisory.js'
import { convertOsvAffected } from './osvRanges.js'

const root = path.resolve(process.cwd(), '../shared/conformance/osv-data')
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : [],
  )

describe.skipIf(!existsSync(root))('the shared OSV exports', () => {
  it('read, every file, and every affected entry converts', () => {
    const files = walk(root)
    expect(files.length).toBe(5497)
    let entries = 0
    let withdrawn = 0
    const notes = new Set<string>()
    for (const file of files) {
      const advisory = readOsvAdvisory(readFileSync(file, 'utf8'), file)
      if (advisory.withdrawn) withdrawn++
      for (const a of advisory.affected) {
        const c = convertOsvAffected(a)
        if ('error' in c) throw new Error(`${advisory.id}: ${c.error}`)
        entries++
        for (const n of c.notes) notes.add(n)
        // Both exports name packages the way inventories do: a Go module path, a crate.
        expect(c.purl).toMatch(/^pkg:(golang|cargo)\//)
      }
    }
    expect(entries).toBeGreaterThan(7000)
    expect(withdrawn).toBe(30)
    // Nothing in these exports is left out or approximate: every range is expressed exactly.
    expect([...notes]).toEqual([])
  })
})

describe('a broken OSV document', () => {
  const good = {
    id: 'GO-2024-0001',
    modified: '2024-01-01T00:00:00Z',
    aliases: ['GHSA-xxxx-yyyy-zzzz', 'CVE-2024-1234'],
    affected: [{ package: { ecosystem: 'Go', name: 'example.com/m' } }],
  }
  const read = (doc: unknown) => () => readOsvAdvisory(JSON.stringify(doc), 'osv/GO-2024-0001.json')

  it('is refused naming the file and the field', () => {
    expect(() => readOsvAdvisory('{"id": ', 'osv/x.json')).toThrow(/^osv\/x\.json: not JSON/)
    expect(read({ ...good, id: undefined })).toThrow('osv/GO-2024-0001.json: id is missing (a string)')
    expect(read({ ...good, modified: 'yesterday' })).toThrow('modified must be an RFC 3339 timestamp (got "yesterday")')
    expect(read({ ...good, affected: [{ package: { ecosystem: 'Go' } }] })).toThrow(
      'affected[0].package.name is missing (a string)',
    )
    expect(
      read({
        ...good,
        affected: [{ package: { ecosystem: 'Go', name: 'm' }, ranges: [{ type: 'SEMVER', events: 'x' }] }],
      }),
    ).toThrow('affected[0].ranges[0].events must be an array (got "x")')
  })

  it('reads what matching needs, and names the vulnerability by its CVE', () => {
    const a = read({
      ...good,
      withdrawn: '2024-02-01T00:00:00Z',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    })()
    expect(a).toMatchObject({
      id: 'GO-2024-0001',
      summary: null,
      withdrawn: '2024-02-01T00:00:00Z',
      severity: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    })
    expect(vulnerabilityName(a)).toBe('CVE-2024-1234')
    expect(vulnerabilityName({ id: 'RUSTSEC-2025-0156', aliases: [] })).toBe('RUSTSEC-2025-0156')
  })
})

describe('text the database cannot hold', () => {
  it('a NUL or a lone surrogate anywhere in the document refuses it, naming where', () => {
    const doc = (name: string) =>
      JSON.stringify({
        id: 'GHSA-1',
        modified: '2024-01-01T00:00:00Z',
        affected: [{ package: { ecosystem: 'npm', name } }],
      })
    expect(() => readOsvAdvisory(doc('left\u0000pad'), 'a.json')).toThrow(/affected\.0\.package\.name .*NUL/)
    expect(() => readOsvAdvisory(doc('\ud800'), 'a.json')).toThrow(OsvFormatError)
  })
})
