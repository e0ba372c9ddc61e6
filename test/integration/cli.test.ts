// The `lockstep` CLI and the server's life cycle, as an operator meets them.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { startServer } from '../../src/server.js'
import { pgliteTemplate } from '../support/databases.js'
import { lockstep } from '../support/cli.js'

const dirs: string[] = []

function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-cli-'))
  fs.cpSync(pgliteTemplate(), dir, { recursive: true })
  dirs.push(dir)
  return dir
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

describe('lockstep CLI on the embedded database', () => {
  it('migrates, creates an organization, invites into it and creates users', async () => {
    const env = { LOCKSTEP_DATA: freshDataDir() }
    expect((await lockstep(['migrate'], env)).stdout).toMatch(/nothing to do: database is at version \d+/)
    const org = await lockstep(['org', 'create', '--name', 'Sendmail Consortium', '--kind', 'vendor'], env)
    expect(org.stdout).toContain('created vendor organization "Sendmail Consortium" (sendmail-consortium')
    const invite = await lockstep(
      ['user', 'invite', '--email', 'eric@sendmail.test', '--org', 'sendmail-consortium', '--org-role', 'admin'],
      env,
    )
    expect(invite.stdout).toMatch(/invitation for eric@sendmail\.test .*http:\/\/localhost:8080\/invite\/\S{40,}/)
    const user = await lockstep(
      ['user', 'create', '--email', 'casey@nipc.test', '--name', 'Casey', '--role', 'coordinator'],
      env,
    )
    expect(user.stdout).toContain('created casey@nipc.test (coordinator)')
    expect(user.stdout).toMatch(/set-password link .*\/reset\/\S{40,}/)
  }, 60_000)

  it('refuses bad input with a one-line message naming the field, and changes nothing', async () => {
    const env = { LOCKSTEP_DATA: freshDataDir() }
    const bad = await lockstep(['org', 'create', '--name', 'Acme', '--kind', 'reseller'], env)
    expect(bad.code).not.toBe(0)
    expect(bad.stderr.trim()).toBe(
      'lockstep: kind: must be one of coordinator, vendor, finder, owner, other (got "reseller")',
    )
    const weak = await lockstep(['user', 'create', '--email', 'a@b.test', '--name', 'A', '--password', 'short'], env)
    expect(weak.stderr).toContain('password: must be at least 12 characters long')
  }, 60_000)

  it('imports a folder of OSV files, naming a broken one; a re-import changes nothing; a folder of broken files fails', async () => {
    const env = { LOCKSTEP_DATA: freshDataDir() }
    const osv = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-osv-'))
    dirs.push(osv)
    const shared = path.resolve(process.cwd(), '../shared/conformance/osv-data')
    fs.mkdirSync(path.join(osv, 'rustsec'))
    fs.copyFileSync(path.join(shared, 'go/data/osv/GO-2026-5681.json'), path.join(osv, 'GO-2026-5681.json'))
    fs.copyFileSync(
      path.join(shared, 'rustsec/crates/RUSTSEC-2023-0090.json'),
      path.join(osv, 'rustsec/RUSTSEC-2023-0090.json'),
    )
    fs.writeFileSync(path.join(osv, 'rustsec/broken.json'), '{"id": "RUSTSEC-0000-0000"}')
    const first = await lockstep(['import', 'osv', osv], env)
    expect(first.code).toBe(0)
    expect(first.stdout).toBe(
      `3 files in ${osv}: imported 2, updated 0, unchanged 0, failed 1\n  failed: rustsec/broken.json: modified is missing (a string)\nno owner is affected by what changed\n`,
    )
    expect(first.stderr).toContain('importing OSV files: 3 / 3 (100%), 1 failed\n')
    expect((await lockstep(['import', 'osv', osv], env)).stdout).toContain(
      'imported 0, updated 0, unchanged 2, failed 1',
    )
    fs.rmSync(path.join(osv, 'rustsec/RUSTSEC-2023-0090.json'))
    const failed = await lockstep(['import', 'osv', path.join(osv, 'rustsec')], env)
    expect(failed.code).toBe(1)
    expect(failed.stdout).toMatch(/^1 file in .*: imported 0, updated 0, unchanged 0, failed 1\n/)
  }, 90_000)

  it('fails at once with a one-line error naming DATABASE_URL when the database is unreachable', async () => {
    const res = await lockstep(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' })
    expect(res.code).not.toBe(0)
    const lines = res.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^lockstep: cannot connect to DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/nothing\): .*ECONNREFUSED/,
    )
  }, 30_000)
})

describe('the server on the embedded database', () => {
  it('keeps its data across a restart, and keeps a second process off the same folder', async () => {
    const dataDir = freshDataDir()
    const config = {
      ...loadConfig({ PORT: '0', LOCKSTEP_DATA: dataDir, LOG_LEVEL: 'silent', LOCKSTEP_SMTP_PORT: '0' }),
    }
    const first = await startServer({ config, demo: true, logger: false })
    const users = await first.database.db.selectFrom('users').select('email').execute()
    expect(users.map((u) => u.email)).toContain('admin@lockstep.demo')
    await first.database.db
      .insertInto('organizations')
      .values({ name: 'Survives Restart', slug: 'survives-restart', kind: 'other' })
      .execute()

    const second = await lockstep(['migrate'], { LOCKSTEP_DATA: dataDir })
    expect(second.code).not.toBe(0)
    expect(second.stderr).toMatch(/in use by another Lockstep process/)
    await first.stop()

    const again = await startServer({ config, demo: true, logger: false })
    const org = await again.database.db
      .selectFrom('organizations')
      .select('name')
      .where('slug', '=', 'survives-restart')
      .executeTakeFirst()
    expect(org?.name).toBe('Survives Restart')
    const admins = await again.database.db
      .selectFrom('users')
      .select('email')
      .where('email', '=', 'admin@lockstep.demo')
      .execute()
    expect(admins).toHaveLength(1) // the demo seed did not run twice
    const cases = await again.database.db.selectFrom('cases').select(['case_number', 'title']).execute()
    expect(cases).toHaveLength(1)
    expect(cases[0]!.title).toBe('Remote root in sendmail header processing')
    const reports = await again.database.db
      .selectFrom('reports')
      .select(['state', 'cvss_score', 'cwe'])
      .orderBy('created_at')
      .execute()
    expect(reports).toEqual([
      { state: 'accepted', cvss_score: '9.8', cwe: 'CWE-120' },
      { state: 'received', cvss_score: null, cwe: null },
    ])
    await again.stop()
  }, 60_000)

  it('releases the demo advisory once when the server comes back after the embargo ended, and never before', async () => {
    const dataDir = freshDataDir()
    const config = {
      ...loadConfig({
        PORT: '0',
        LOCKSTEP_DATA: dataDir,
        LOG_LEVEL: 'silent',
        LOCKSTEP_SMTP_PORT: '0',
        LOCKSTEP_DEMO_RELEASE_MINUTES: '5',
      }),
    }
    const year = new Date().getUTCFullYear()
    const page = (server: {
      app: { inject: (o: { method: 'GET'; url: string }) => Promise<{ statusCode: number }> }
    }) => server.app.inject({ method: 'GET', url: `/advisories/LSA-${year}-0001` })
    const first = await startServer({ config, demo: true, logger: false })
    await first.releases.sweep()
    expect((await page(first)).statusCode).toBe(404)
    const endsAt = (await first.database.db.selectFrom('cases').select('embargo_ends_at').executeTakeFirstOrThrow())
      .embargo_ends_at!
    await first.stop()

    // Down across the instant: back ten minutes later, twice.
    const later = { now: () => new Date(endsAt.getTime() + 10 * 60_000) }
    for (let start = 0; start < 2; start++) {
      const server = await startServer({ config, demo: true, logger: false, clock: later })
      await server.releases.sweep()
      expect((await page(server)).statusCode).toBe(200)
      const released = await server.database.db
        .selectFrom('ledger_entries')
        .select('payload')
        .where('kind', '=', 'advisory.released')
        .execute()
      expect(released).toHaveLength(1)
      expect((released[0]!.payload as { late: string }).late).toMatch(/^released 60\d s after the embargo's end/)
      await server.stop()
    }
  }, 90_000)

  it('seeds no demo accounts on a PostgreSQL server unless asked', async () => {
    const { inject } = await import('vitest')
    const url = inject('postgresUrl')
    if (!url) return // reported by globalSetup as skipped
    const { openTestDatabase } = await import('../support/databases.js')
    const database = await openTestDatabase('postgres')
    try {
      const dbUrl = new URL(url)
      const name = (
        await database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('d')).executeTakeFirstOrThrow()
      ).d
      dbUrl.pathname = `/${name}`
      const server = await startServer({
        config: loadConfig({ PORT: '0', DATABASE_URL: dbUrl.toString(), LOG_LEVEL: 'silent', LOCKSTEP_SMTP_PORT: '0' }),
        logger: false,
      })
      expect(server.demo).toBeNull()
      expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(0)
      await server.stop()
    } finally {
      await database.close()
    }
  }, 60_000)
})
