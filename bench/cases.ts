// `npm run bench:cases`, on PostgreSQL: (a) the APIs each tab of the case page asks, for a case with
// 1,000 participants, 10,000 messages and 10,000 ledger entries (p50/p95/p99 over concurrent
// readers), and the whole list of its threads with unread counts; (b) durable report intake over
// HTTP by concurrent clients (reports acknowledged per second). BENCH_ONLY=intake runs (b) alone,
// on a small case (BENCH_PARTICIPANTS and BENCH_MESSAGES, unless set, drop to 10 and 100).
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { createBenchDatabase } from './benchDatabase.js'
import { solveChallenge } from '../src/security/proofOfWork.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const intakeOnly = process.env.BENCH_ONLY === 'intake'
const bench = await createBenchDatabase('cases')
const dbUrl = new URL(bench.url)

process.stdout.write('Setting up a case with 1,000 participants and 10,000 messages on PostgreSQL...\n')
const setupStarted = performance.now()
// BENCH_TARGET_ARGS: node options for the server's process alone (a CPU profile: `--cpu-prof
// --cpu-prof-dir=...`, which NODE_OPTIONS refuses).
const targetArgs = process.env.BENCH_TARGET_ARGS?.split(' ').filter(Boolean) ?? []
const child = spawn(process.execPath, [...targetArgs, '--import', 'tsx', 'bench/casesTarget.ts'], {
  env: {
    ...(intakeOnly ? { BENCH_PARTICIPANTS: '10', BENCH_MESSAGES: '100' } : {}),
    ...process.env,
    BENCH_DATABASE_URL: dbUrl.toString(),
  },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const target = JSON.parse(
  await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)))
  }),
) as { base: string; caseNumber: string; caseId: string; token: string }
process.stdout.write(`  ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function measure(label: string, url: string, connections: number): Promise<void> {
  const times: number[] = []
  const end = performance.now() + seconds * 1000
  let failures = 0
  let failedWith = 0
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now()
        const res = await fetch(url, { headers: { authorization: `Bearer ${target.token}` } })
        await res.arrayBuffer()
        // A tab asks some things that may not exist yet (an advisory before its draft: 404; the
        // owners' adoption before the release: 409): those are answers too.
        if (res.ok || res.status === 404 || res.status === 409) times.push(performance.now() - t0)
        else {
          failures++
          failedWith = res.status
        }
      }
    }),
  )
  times.sort((a, b) => a - b)
  if (times.length === 0) {
    process.stdout.write(`  ${label.padEnd(48)} every request failed (${failures}, HTTP ${failedWith})\n`)
    return
  }
  process.stdout.write(
    `  ${label.padEnd(48)} ${times.length} requests  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms${failures ? `  (${failures} failed, HTTP ${failedWith})` : ''}\n`,
  )
}

if (!intakeOnly) await readTheLargeCase()

async function readTheLargeCase(): Promise<void> {
  process.stdout.write(`\n(a) reading the large case, ${seconds} s each, 10 concurrent readers:\n`)
  await measure(
    'GET .../threads (whole list, unread counts)',
    `${target.base}/api/v1/cases/${target.caseNumber}/threads`,
    10,
  )

  // What each tab of the case page asks when it opens (the header's case, embargo and changes with
  // every tab): p95 target <= 100 ms each.
  const c = `${target.base}/api/v1/cases/${target.caseId}`
  const tabs: Record<string, [string, string][]> = {
    'header (every tab)': [
      [`GET /cases/${target.caseNumber}`, `${target.base}/api/v1/cases/${target.caseNumber}`],
      ['GET .../embargo', `${c}/embargo`],
      ['GET .../changes', `${c}/changes`],
    ],
    summary: [],
    vendors: [
      ['GET .../participants?limit=50', `${c}/participants?limit=50`],
      ['GET .../vendors?limit=50', `${c}/vendors?limit=50`],
      ['GET .../vendors/charts', `${c}/vendors/charts`],
      ['GET .../statements', `${c}/statements`],
    ],
    threads: [
      ['GET .../threads?limit=51', `${c}/threads?limit=51`],
      ['GET .../threads/case/messages?limit=51', `${c}/threads/case/messages?limit=51`],
    ],
    embargo: [['GET .../embargo', `${c}/embargo`]],
    advisory: [['GET .../advisory (no draft: 404)', `${c}/advisory`]],
    owners: [['GET .../advisory/adoption (409 before release)', `${c}/advisory/adoption`]],
    ledger: [
      ['GET .../ledger?limit=100 (10,000 entries)', `${c}/ledger?limit=100`],
      ['GET .../ledger?limit=100&before=5000', `${c}/ledger?limit=100&before=5000`],
    ],
  }
  for (const [tab, calls] of Object.entries(tabs)) {
    process.stdout.write(`\n  ${tab} tab${calls.length ? '' : ': the header only (the case carries its summary)'}\n`)
    for (const [label, url] of calls) await measure(label, url, 10)
  }
}

process.stdout.write(
  `\n(b) report intake, ${seconds} s, 50 concurrent clients (each report committed before its 201):\n`,
)
let acknowledged = 0
let refused = 0
let n = 0
const end = performance.now() + seconds * 1000
await Promise.all(
  Array.from({ length: 50 }, async () => {
    while (performance.now() < end) {
      const i = n++
      const { challenge, bits } = (await (await fetch(`${target.base}/api/v1/reports/challenge`)).json()) as {
        challenge: string
        bits: number
      }
      const res = await fetch(`${target.base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({
          anonymous: true,
          title: `Bench report ${i}`,
          affected: [{ vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null }],
          description: 'A buffer overflow in crackaddr() lets a remote attacker run code as root.',
          publicAlready: false,
          exploitedAlready: false,
          credit: { preference: 'none', text: null },
          proof: { challenge, nonce: solveChallenge(challenge, bits) },
        }),
      })
      await res.arrayBuffer()
      if (res.status === 201) acknowledged++
      else refused++
    }
  }),
)
process.stdout.write(
  `  ${(acknowledged / seconds).toFixed(0)} reports/s acknowledged (${acknowledged} in ${seconds} s; ${refused} refused); target >= 300\n`,
)
process.stdout.write(
  "  (proof-of-work difficulty lowered to 1 bit here: the benchmark measures the server, not the clients' hashing)\n",
)

const exited = new Promise((r) => child.once('exit', r))
child.kill('SIGTERM')
await exited
await bench.drop()
