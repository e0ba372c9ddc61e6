// The portable commands as an operator types them, on the embedded database: `import csaf` on a
// folder holding a real advisory and an OSV file, then `backup` and `restore` into a new data
// folder. The use cases behind them are tested in csafImport, backupRestore and exportCase.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { pgliteTemplate } from '../support/databases.js'
import { lockstepArgv } from '../support/lockstepCommand.js'

const run = promisify(execFile)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-cli-portable-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function lockstep(args: string[], data: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, lockstepArgv(args), {
      env: { ...process.env, LOG_LEVEL: 'silent', LOCKSTEP_DATA: data, DATABASE_URL: '' },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

// Each command starts a process and opens the embedded database: three of them, on a busy machine.
describe('lockstep import csaf, backup and restore', () => {
  it('imports a folder of advisories, then moves the instance to a new data folder', async () => {
    const source = path.join(dir, 'source')
    fs.cpSync(pgliteTemplate(), source, { recursive: true })
    const advisories = path.join(dir, 'advisories')
    fs.mkdirSync(advisories)
    const conformance = path.resolve(process.cwd(), '../shared/conformance')
    fs.copyFileSync(
      path.join(conformance, 'csaf/csaf_2.0/examples/csaf/rhsa-2021_5217.json'),
      path.join(advisories, 'rhsa.json'),
    )
    fs.copyFileSync(path.join(conformance, 'osv-data/go/data/osv/GO-2026-5681.json'), path.join(advisories, 'go.json'))
    const imported = await lockstep(['import', 'csaf', advisories], source)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain(`2 files from ${advisories}: imported 1, updated 0, unchanged 0, refused 1`)
    expect(imported.stdout).toContain(
      'refused: go.json: looks like an OSV advisory (GO-2026-5681), not a CSAF advisory',
    )

    const file = path.join(dir, 'instance.lockstep-backup')
    const backup = await lockstep(['backup', file], source)
    expect(backup.stdout).toMatch(/^backed up \d+ tables, [\d,]+ rows \(schema version \d+, embedded database\) to /)

    const target = path.join(dir, 'target')
    fs.cpSync(pgliteTemplate(), target, { recursive: true })
    const restored = await lockstep(['restore', file], target)
    expect(restored.code).toBe(0)
    expect(restored.stdout).toMatch(/^restored [\d,]+ rows of \d+ tables from .* into the embedded database/)
    expect(restored.stdout).toContain('ledgers: all 0 verify')
  }, 600_000)
})
