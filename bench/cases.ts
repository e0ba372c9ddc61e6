// `npm run bench:cases`, on PostgreSQL: (a) the case page API of a case with 1,000 participants and
// 10,000 messages (p50/p95/p99 over concurrent readers), and the list of its threads with unread
// counts; (b) durable report intake over HTTP by concurrent clients (reports acknowledged per second).
import { spawn } from 'node:child_process'
import readline from 'node:readline'
import { createBenchDatabase } from './benchDatabase.js'
import { solveChallenge } from '../src/security/proofOfWork.js'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const bench = await createBenchDatabase('cases')
const dbUrl = new URL(bench.url)

process.stdout.write('Setting up a case with 1,000 participants and 10,000 messages on PostgreSQL...\n')
const setupStarted = performance.now()
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/casesTarget.ts'], {
  env: { ...process.env, BENCH_DATABASE_URL: dbUrl.toString() },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const target = JSON.parse(
  await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`target exited with ${code}`)))
  }),
) as { base: string; caseNumber: string; token: string }
process.stdout.write(`  ready in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function measure(label: string, url: string, connections: number): Promise<void> {
  const times: number[] = []
  const end = performance.now() + seconds * 1000
  let failures = 0
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now()
        const res = await fetch(url, { headers: { authorization: `Bearer ${target.token}` } })
        await res.arrayBuffer()
        if (res.ok) times.push(performance.now() - t0)
        else failures++
      }
    }),
  )
  times.sort((a, b) => a - b)
  process.stdout.write(
    `  ${label.padEnd(44)} ${times.length} requests  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms${failures ? `  (${failures} failed)` : ''}\n`,
  )
}

process.stdout.write(`\n(a) reading the large case, ${seconds} s each, 10 concurrent readers:\n`)
await measure(`GET /api/v1/cases/${target.caseNumber}`, `${target.base}/api/v1/cases/${target.caseNumber}`, 10)
await measure(
  'GET .../threads (unread counts, 10,000 messages)',
  `${target.base}/api/v1/cases/${target.caseNumber}/threads`,
  10,
)

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
