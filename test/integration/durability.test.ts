// A report acknowledged with 201, or a mail answered 250, is never lost: reports (over HTTP) and
// mails (over SMTP) are sent concurrently, the server process is killed with SIGKILL part-way, and
// after a restart every acknowledged one is there.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'

import { openDatabase } from '../../src/store/database.js'
import { sendMail } from '../support/mail.js'
import { solveChallenge } from '../../src/security/proofOfWork.js'
import { availableBackends, openTestDatabase, pgliteTemplate, type TestDatabase } from '../support/databases.js'
import { lockstepArgv } from '../support/lockstepCommand.js'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups) await c()
})

function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; smtpPort: number }> {
  const child = spawn(process.execPath, lockstepArgv(['serve', '--no-demo']), {
    // Behind a trusted proxy, so the clients' X-Forwarded-For spreads them over many addresses and
    // the per-address limits do not stop the flow.
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      LOCKSTEP_TRUST_PROXY: '1',
      LOCKSTEP_REPORT_PROOF_BITS: '4',
      LOCKSTEP_SMTP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let url: string | undefined
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      url ??= /ready at (http:\/\/\S+)/.exec(line)?.[1]
      const smtpPort = /by SMTP on [\d.]+:(\d+)/.exec(line)?.[1]
      if (url && smtpPort) resolve({ child, url, smtpPort: Number(smtpPort) })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

function report(i: number) {
  return {
    anonymous: true,
    title: `Durability report number ${i}`,
    affected: [{ vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null }],
    description: 'A buffer overflow in crackaddr() lets a remote attacker run code as root.',
    publicAlready: false,
    exploitedAlready: false,
    credit: { preference: 'none', text: null },
  }
}

async function submitUntilDead(url: string, workers: number): Promise<string[]> {
  const acknowledged: string[] = []
  let n = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        try {
          const { challenge, bits } = (await (await fetch(`${url}/api/v1/reports/challenge`)).json()) as {
            challenge: string
            bits: number
          }
          const i = n++
          const res = await fetch(`${url}/api/v1/reports`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i % 250}` },
            body: JSON.stringify({ ...report(i), proof: { challenge, nonce: solveChallenge(challenge, bits) } }),
          })
          if (res.status === 201) acknowledged.push(((await res.json()) as { trackingId: string }).trackingId)
        } catch {
          return // the server is gone
        }
      }
    }),
  )
  return acknowledged
}

async function mailUntilDead(port: number, workers: number): Promise<string[]> {
  const acknowledged: string[] = []
  let n = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const marker = `durability-mail-${n++}`
        try {
          const info = await sendMail(port, {
            from: `finder${n}@example.org`,
            to: 'report@localhost',
            subject: `Overflow report ${marker}`,
            text: `A buffer overflow in crackaddr(); marker ${marker}.`,
          })
          if (/^250/.test(info.response)) acknowledged.push(marker)
        } catch {
          return // the server is gone
        }
      }
    }),
  )
  return acknowledged
}

describe('durability of acknowledged reports', () => {
  for (const backend of availableBackends()) {
    it(`keeps every acknowledged report when the server is killed [${backend}]`, async () => {
      let env: Record<string, string>
      let database: TestDatabase | undefined
      if (backend === 'pglite') {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-kill-'))
        fs.cpSync(pgliteTemplate(), dir, { recursive: true })
        cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
        env = { LOCKSTEP_DATA: dir }
      } else {
        database = await openTestDatabase('postgres')
        cleanups.push(() => database!.close())
        env = { DATABASE_URL: database.location }
      }
      const first = await serve(env)
      const submitting = submitUntilDead(first.url, 6)
      const mailing = mailUntilDead(first.smtpPort, 4)
      // Let reports flow, then kill the process without warning.
      await new Promise((r) => setTimeout(r, 4000))
      first.child.kill('SIGKILL')
      const acknowledged = await submitting
      const mailed = await mailing
      expect(acknowledged.length).toBeGreaterThan(10)
      expect(mailed.length).toBeGreaterThan(5)
      process.stdout.write(
        `durability [${backend}]: ${acknowledged.length} reports and ${mailed.length} mails acknowledged before SIGKILL\n`,
      )

      // The server comes back up after the crash (the embedded database's stale lock is taken over).
      const second = await serve(env)
      expect((await fetch(`${second.url}/readyz`)).status).toBe(200)
      const exited = new Promise((r) => second.child.once('exit', r))
      second.child.kill('SIGTERM')
      await exited

      const reopened = database ?? (await openDatabase({ dataDir: env.LOCKSTEP_DATA! }))
      const stored = await reopened.db.selectFrom('reports').select('tracking_id').execute()
      const mails = await reopened.db.selectFrom('inbound_mail').select('raw').execute()
      if (!database) await reopened.close()
      const ids = new Set(stored.map((r) => r.tracking_id))
      expect(acknowledged.filter((id) => !ids.has(id))).toEqual([])
      const markers = new Set(mails.map((m) => /durability-mail-\d+/.exec(m.raw.toString('utf8'))?.[0]))
      expect(mailed.filter((marker) => !markers.has(marker))).toEqual([])
    }, 90_000)
  }
})
