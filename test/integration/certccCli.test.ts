// `lockstep import certcc <dir>` as an operator runs it: progress on stderr, a summary on stdout
// naming what was skipped and why and the warnings by kind; a second run changes nothing.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pgliteTemplate } from '../support/databases.js'
import { lockstep } from '../support/cli.js'
import { writeDirtyArchive } from '../support/certccArchive.js'

const dirs: string[] = []
const tempDir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('lockstep import certcc', () => {
  it('imports a dirty archive with a summary, and a second run changes nothing', async () => {
    const data = tempDir('lockstep-certcc-cli-')
    fs.cpSync(pgliteTemplate(), data, { recursive: true })
    const archive = tempDir('certcc-archive-')
    await writeDirtyArchive(archive)
    const env = { LOCKSTEP_DATA: data }

    const first = await lockstep(['import', 'certcc', archive], env)
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/importing CERT\/CC notes: 7 \/ 7 \(100%\), \d+ notes\/s/)
    const lines = first.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^7 folders in .*: imported 5, updated 0, unchanged 0, skipped 3 \(/)
    expect(first.stdout).toContain(
      'skipped: osv/GHSA-xxxx.json is not a CERT/CC note or vendor record: it looks like an OSV advisory',
    )
    expect(first.stdout).toMatch(/skipped: vu_900004\/broken\.json is not JSON/)
    const warnings = lines.find((l) => l.startsWith('warnings: '))!
    for (const kind of ['bad_date 3', 'nul_removed 2', 'not_utf8 1', 'vendor_merged 1', 'no_vendors 1', 'no_note 1'])
      expect(warnings).toContain(kind)
    expect(first.stdout).toMatch(/bad_date: vu_900001\/vu_900001\.json: DateLastUpdated is not a date: "Message 273007/)

    const second = await lockstep(['import', 'certcc', archive], env)
    expect(second.stdout.split('\n')[0]).toMatch(/imported 0, updated 0, unchanged 5, skipped 3/)

    const missing = await lockstep(['import', 'certcc', path.join(archive, 'nowhere')], env)
    expect(missing.code).not.toBe(0)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toContain('nowhere')
  }, 120_000)
})
