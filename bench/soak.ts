// `npm run bench:soak [-- --minutes N --users N]`: mixed, realistic traffic against `lockstep serve`
// on a fresh PostgreSQL database for N minutes (10 by default): coordinators and vendors reading
// the case, posting thread messages (which mail every participant) and statements, finders
// reporting over HTTP (with the form's proof of work) and by SMTP, owners uploading SBOMs and
// reading their alerts. The server runs as a child process, so its memory is its own. Prints, per
// minute, the requests, their p99, the errors (a 5xx or a failed connection: target 0) and the
// server's RSS, then a summary. Any error is a bug.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import readline from 'node:readline'
import { parseArgs } from 'node:util'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { seedDemo } from '../src/seed/demo.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { solveChallenge } from '../src/security/proofOfWork.js'
import { sendMail } from '../test/support/mail.js'
import { createBenchDatabase } from './benchDatabase.js'
import { cycloneDx, mixOf, Window, type Outcome } from './soakTraffic.js'

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, users: { type: 'string', default: '16' } },
})
const minutes = Number(values.minutes)
const users = Number(values.users)

const database = await createBenchDatabase('soak')
const seeded = await (async () => {
  const opened = await openDatabase({ databaseUrl: database.url, dataDir: '' })
  try {
    await migrate(opened.db)
    // The demo case, its vendors and owners; its embargo far away so the case stays as it is.
    await seedDemo(opened.db, { releaseInMinutes: 100_000 })
    const db = opened.db
    const c = await db.selectFrom('cases').select('id').orderBy('created_at').executeTakeFirstOrThrow()
    const vulnerability = await db
      .selectFrom('vulnerabilities')
      .select('id')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow()
    const tokenOf = async (email: string) => {
      const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
      return (await createApiToken(db, user.id, 'soak', { expiresInDays: 1, scope: 'read_write' })).token
    }
    const owner = await db
      .selectFrom('organizations')
      .select('id')
      .where('slug', '=', 'example-power')
      .executeTakeFirstOrThrow()
    return {
      caseId: c.id,
      vulnerabilityId: vulnerability.id,
      ownerOrganizationId: owner.id,
      coordinator: await tokenOf('coordinator@lockstep.demo'),
      vendor: await tokenOf('consortium@lockstep.demo'),
      owner: await tokenOf('owner@lockstep.demo'),
    }
  } finally {
    await opened.close()
  }
})()

const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/cli/main.ts', 'serve', '--no-demo'], {
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    PORT: '0',
    LOCKSTEP_SMTP_PORT: '0',
    LOG_LEVEL: 'warn',
    // Finders come from many addresses behind the proxy, as on a real instance.
    LOCKSTEP_TRUST_PROXY: '1',
    LOCKSTEP_REPORT_PROOF_BITS: '10',
    LOCKSTEP_MAIL_PER_DOMAIN_PER_MINUTE: '100000',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const serverErrors: string[] = []
const { url, smtpPort } = await new Promise<{ url: string; smtpPort: number }>((resolve, reject) => {
  let found: string | undefined
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    // The server's own account of an error (pino, level 50 and up) goes with the figures.
    if (/"level":(5|6)\d/.test(line)) serverErrors.push(line)
    found ??= /ready at (http:\/\/\S+)/.exec(line)?.[1]
    const port = /by SMTP on [\d.]+:(\d+)/.exec(line)?.[1]
    if (found && port) resolve({ url: found, smtpPort: Number(port) })
  })
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
})

const rssMb = () => {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

let sequence = 0
const api = async (token: string, method: string, path: string, body?: unknown, type = 'application/json') => {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': type }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
  await res.arrayBuffer()
  return res.status
}
const s = seeded
const actions = mixOf([
  [20, 'case read', () => api(s.coordinator, 'GET', `/cases/${s.caseId}`)],
  [8, 'case list', () => api(s.coordinator, 'GET', '/cases')],
  [8, 'vendor reads the case', () => api(s.vendor, 'GET', `/cases/${s.caseId}`)],
  [6, 'thread read', () => api(s.vendor, 'GET', `/cases/${s.caseId}/threads/case/messages`)],
  [6, 'ledger read', () => api(s.coordinator, 'GET', `/cases/${s.caseId}/ledger`)],
  [
    10,
    'thread message',
    () =>
      api(s.coordinator, 'POST', `/cases/${s.caseId}/threads/case/messages`, {
        body: `Soak message ${++sequence}: the vendors' fixes are being checked against 8.12.8.`,
        tlp: 'AMBER',
      }),
  ],
  [
    6,
    'statement',
    () =>
      api(s.vendor, 'POST', `/cases/${s.caseId}/vulnerabilities/${s.vulnerabilityId}/statements`, {
        status: 'fixed',
        fixedVersions: [`8.12.${8 + (++sequence % 3)}`],
        remediation: 'Upgrade to the fixed release.',
      }),
  ],
  [
    10,
    'report by HTTP',
    async () => {
      const n = ++sequence
      const from = { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }
      const res = await fetch(`${url}/api/v1/reports/challenge`, { headers: from })
      if (res.status !== 200) return res.status
      const { challenge, bits } = (await res.json()) as { challenge: string; bits: number }
      const r = await fetch(`${url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from },
        body: JSON.stringify({
          anonymous: true,
          title: `Soak report ${n}: heap overflow in the header parser`,
          affected: [{ vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null }],
          description: 'A crafted address header overflows a fixed buffer in crackaddr().',
          publicAlready: false,
          exploitedAlready: false,
          credit: { preference: 'none', text: null },
          proof: { challenge, nonce: solveChallenge(challenge, bits) },
        }),
      })
      await r.arrayBuffer()
      return r.status
    },
  ],
  [
    8,
    'report by SMTP',
    async () => {
      const n = ++sequence
      const info = await sendMail(smtpPort, {
        from: `finder${n}@example.org`,
        to: 'report@localhost',
        subject: `Overflow in the mail relay (soak ${n})`,
        text: 'Sending a long address header to the relay crashes the daemon; a crafted one runs code.',
      })
      return /^250/.test(info.response) ? 250 : 550
    },
  ],
  [
    5,
    'SBOM upload',
    () =>
      api(
        s.owner,
        'PUT',
        `/organizations/${s.ownerOrganizationId}/inventory?asset=${encodeURIComponent(`host ${++sequence % 8}`)}`,
        cycloneDx(sequence),
        'application/vnd.cyclonedx+json',
      ),
  ],
  [5, 'owner alerts', () => api(s.owner, 'GET', `/organizations/${s.ownerOrganizationId}/alerts`)],
  [8, 'public health', () => fetch(`${url}/healthz`).then(async (r) => (await r.arrayBuffer(), r.status))],
])

process.stdout.write(
  `Lockstep soak: ${minutes} min, ${users} concurrent users, PostgreSQL, node ${process.version}, ${os.cpus().length} CPUs\n` +
    `minute   requests   req/s   p99 ms   4xx   errors   RSS MB\n`,
)
const all = new Window()
let window = new Window()
const rss: number[] = [rssMb()]
const errors = new Map<string, number>()
const started = Date.now()
const until = started + minutes * 60_000
let minute = 0
const report = () => {
  minute++
  rss.push(rssMb())
  const f = window.figures()
  process.stdout.write(
    `${String(minute).padStart(6)} ${String(f.count).padStart(10)} ${f.rps.toFixed(1).padStart(7)} ${String(f.p99).padStart(8)} ${String(f.clientErrors).padStart(5)} ${String(f.errors).padStart(8)} ${rssMb().toFixed(0).padStart(8)}\n`,
  )
  window = new Window()
}
const ticker = setInterval(report, 60_000)

const record = (o: Outcome) => {
  window.add(o)
  all.add(o)
  if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1)
}
await Promise.all(
  Array.from({ length: users }, async () => {
    while (Date.now() < until) {
      const [name, run] = actions()
      const t0 = performance.now()
      try {
        const status = await run()
        record({ name, ms: performance.now() - t0, status, error: status >= 500 ? `${name}: ${status}` : null })
      } catch (error) {
        record({ name, ms: performance.now() - t0, status: 0, error: `${name}: ${(error as Error).message}` })
      }
    }
  }),
)
clearInterval(ticker)
// The last minute, when the loop ended just before its tick.
if (minute < minutes) report()

const total = all.figures()
process.stdout.write(
  `\nSummary: ${total.count} requests in ${((Date.now() - started) / 60_000).toFixed(1)} min, ${total.rps.toFixed(1)} req/s, ` +
    `p50 ${total.p50} ms, p99 ${total.p99} ms, ${total.clientErrors} 4xx, ${total.errors} errors (5xx or failed connection)\n` +
    `RSS series (MB, start then each minute): ${rss.map((m) => m.toFixed(0)).join(' ')}\n`,
)
for (const [what, n] of errors) process.stdout.write(`  error ×${n}: ${what}\n`)
for (const [what, n] of all.clientErrorKinds()) process.stdout.write(`  4xx ×${n}: ${what}\n`)
if (serverErrors.length) {
  const file = `${os.tmpdir()}/lockstep-soak-errors-${Date.now()}.log`
  fs.writeFileSync(file, serverErrors.join('\n') + '\n')
  process.stdout.write(
    `The server logged ${serverErrors.length} errors, in ${file}; the first:\n${serverErrors[0]!.slice(0, 2000)}\n`,
  )
}

const exited = new Promise((r) => child.once('exit', r))
child.kill('SIGTERM')
await exited
await database.drop()
process.exit(total.errors === 0 ? 0 : 1)
