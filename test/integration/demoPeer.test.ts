// `lockstep serve --demo --demo-peer` as a newcomer runs it: two instances answer, on the given
// port and the next, each with its own embedded database; they pin each other; and the demo case
// is on the peer too, accepted there, with the same embargo instant.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/database.js'
import { DEMO_CASE_TITLE } from '../../src/seed/demoCase.js'
import { pgliteTemplate } from '../support/databases.js'
import { lockstepArgv } from '../support/lockstepCommand.js'

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })

/** A free port whose next one is free too (the peer's). */
async function twoFreePorts(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 30000)
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port
  }
}

it('starts a peer beside the demo that holds the demo case, both pinned', { timeout: 150_000 }, async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-demo-peer-'))
  cleanups.push(() => fs.rmSync(root, { recursive: true, force: true }))
  const dataDir = path.join(root, 'data')
  // Both databases already migrated, as after a first start: the test is about what comes after.
  fs.cpSync(pgliteTemplate(), dataDir, { recursive: true })
  fs.cpSync(pgliteTemplate(), `${dataDir}-peer`, { recursive: true })
  const port = await twoFreePorts()
  const child = spawn(process.execPath, lockstepArgv(['serve', '--demo', '--demo-peer']), {
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'silent',
      LOCKSTEP_SMTP_PORT: 'off',
      LOCKSTEP_DATA: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  cleanups.push(stop)
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const stdout = await new Promise<string>((resolve, reject) => {
    let text = ''
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      text += `${line}\n`
      if (/^Peer sign-in/.test(line)) resolve(text)
    })
    child.once('exit', (code) => reject(new Error(`lockstep serve exited with ${code}: ${stderr.trim()}`)))
  })

  const mainUrl = `http://localhost:${port}`
  const peerUrl = `http://localhost:${port + 1}`
  expect(stdout).toContain(`ready at ${mainUrl}`)
  expect(stdout).toContain(`peer instance is ready at ${peerUrl}`)
  expect(stdout).toMatch(/Peer sign-in \(same password\): coordinator@peer\.lockstep\.demo/)
  for (const url of [mainUrl, peerUrl]) {
    const described = await fetch(`http://127.0.0.1:${new URL(url).port}/.well-known/lockstep-peer`)
    expect(described.status).toBe(200)
    expect(((await described.json()) as { baseUrl: string }).baseUrl).toBe(url)
  }
  await stop()

  // Each embedded database is read once its server has let go of it.
  const main = await openDatabase({ dataDir })
  const peer = await openDatabase({ dataDir: `${dataDir}-peer` })
  try {
    const pinnedAt = (db: typeof main.db) => db.selectFrom('federation_peers').select(['base_url', 'state']).execute()
    expect(await pinnedAt(main.db)).toEqual([{ base_url: peerUrl, state: 'pinned' }])
    expect(await pinnedAt(peer.db)).toEqual([{ base_url: mainUrl, state: 'pinned' }])
    const demoCase = (db: typeof main.db) =>
      db
        .selectFrom('cases')
        .select(['case_number', 'embargo_ends_at'])
        .where('title', '=', DEMO_CASE_TITLE)
        .executeTakeFirstOrThrow()
    const [ours, theirs] = await Promise.all([demoCase(main.db), demoCase(peer.db)])
    expect(stdout).toContain(`shared with it as ${theirs.case_number}`)
    expect(theirs.embargo_ends_at).not.toBeNull()
    expect(new Date(theirs.embargo_ends_at!).toISOString()).toBe(new Date(ours.embargo_ends_at!).toISOString())
    const offers = await peer.db.selectFrom('federation_case_offers').select(['direction', 'state']).execute()
    expect(offers).toEqual([{ direction: 'received', state: 'accepted' }])
  } finally {
    await main.close()
    await peer.close()
  }
})
