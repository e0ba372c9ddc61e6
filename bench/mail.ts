// `npm run bench:mail`, on PostgreSQL: (a) 1,000 notifications, each encrypted to its recipient's
// own key and signed, delivered end to end (outbox → pg-boss job → PGP/MIME → SMTP sink on
// loopback), against the raw openpgp encrypt+sign rate for the same messages measured in the same
// run; (b) 1,000 mails sent to the intake address over SMTP by concurrent clients, each stored
// durably before its 250, and the time until every one has become a report.
import { sql } from 'kysely'
import * as openpgp from 'openpgp'
import { createBenchDatabase } from './benchDatabase.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/store/database.js'
import { migrate } from '../src/store/migrate.js'
import { startMailService } from '../src/adapters/mail/mailService.js'
import { createMailTransport } from '../src/adapters/mail/transport.js'
import { enqueueMail } from '../src/mail/outbox.js'
import { generateInstanceKey } from '../src/mail/pgp.js'
import { buildInnerEntity } from '../src/mail/pgpMime.js'
import { renderTemplate } from '../src/mail/templates.js'
import { sendMail, startSmtpSink } from '../test/support/mail.js'

const N = Number(process.env.BENCH_MESSAGES ?? 1000)
const bench = await createBenchDatabase('mail')
const dbUrl = new URL(bench.url)

const progress = (label: string, done: number, total: number) => {
  // On a terminal the line is redrawn; in a log only every tenth is kept.
  if (process.stdout.isTTY) process.stdout.write(`\r  ${label} ${done}/${total}${done === total ? '\n' : ''}`)
  else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0)
    process.stdout.write(`  ${label} ${done}/${total}\n`)
}

process.stdout.write(`Making ${N} recipients, each with an OpenPGP key (ECC, as GnuPG 2.2 reads)...\n`)
const keys: { publicKey: string; email: string }[] = []
for (let i = 0; i < N; i++) {
  const k = await generateInstanceKey(`Vendor ${i}`, `psirt@vendor${i}.example`)
  keys.push({ publicKey: k.armoredPublicKey, email: `psirt@vendor${i}.example` })
  if (i % 50 === 49 || i === N - 1) progress('keys', i + 1, N)
}
const instanceKey = await generateInstanceKey('Lockstep', 'lockstep@bench.example')
const data = {
  template: 'case.message' as const,
  caseNumber: 'LS-2003-0001',
  caseId: '00000000-0000-4000-8000-000000000001',
  threadTitle: 'Everyone in the case',
  author: 'Casey Coordinator',
  tlp: 'AMBER',
  body: 'The release is agreed for 3 March 2003, 17:00 UTC. Sendmail 8.12.8 fixes crackaddr(); please have your packages ready.\n'.repeat(
    8,
  ),
  at: new Date().toISOString(),
}

// (a) baseline: openpgp alone, the same content, each message to its own recipient's key.
const rendered = renderTemplate(data, {
  publicUrl: 'https://lockstep.example',
  replyAddress: 'reply+x@lockstep.example',
}).full
const inner = buildInnerEntity(rendered.text, rendered.html)
const signingKey = await openpgp.readPrivateKey({ armoredKey: instanceKey.armoredPrivateKey })
let t0 = performance.now()
for (const k of keys) {
  const encryptionKeys = await openpgp.readKey({ armoredKey: k.publicKey })
  await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: new TextEncoder().encode(inner) }),
    encryptionKeys,
    signingKeys: signingKey,
  })
}
const rawRate = N / ((performance.now() - t0) / 1000)

// (a) the pipeline, on PostgreSQL, into a real SMTP server on loopback.
const database = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: '' })
await migrate(database.db)
const db = database.db
await db
  .insertInto('instance_secrets')
  .values({ name: 'openpgp-instance-key', value: JSON.stringify(instanceKey) })
  .execute()
const users = await db
  .insertInto('users')
  .values(keys.map((k, i) => ({ email: k.email, name: `Vendor ${i} PSIRT`, password_hash: 'x' })))
  .returning(['id', 'email', 'name'])
  .execute()
const keyOf = new Map(keys.map((k) => [k.email, k.publicKey]))
const fingerprints = await Promise.all(
  users.map(async (u) => (await openpgp.readKey({ armoredKey: keyOf.get(u.email)! })).getFingerprint().toUpperCase()),
)
await db
  .insertInto('pgp_keys')
  .values(
    users.map((u, i) => ({
      user_id: u.id,
      fingerprint: fingerprints[i]!,
      armored: keyOf.get(u.email)!,
      emails: [u.email],
      algorithm: 'ed25519',
      key_created_at: new Date(),
    })),
  )
  .execute()
const sink = await startSmtpSink()
const config = loadConfig({
  LOG_LEVEL: 'silent',
  LOCKSTEP_SMTP_PORT: '0',
  LOCKSTEP_PUBLIC_URL: 'https://lockstep.example',
  LOCKSTEP_MAIL_PER_DOMAIN_PER_MINUTE: String(N * 10),
  DATABASE_URL: dbUrl.toString(),
})
const mail = await startMailService({
  db,
  config,
  transport: createMailTransport(`${sink.url}?ignoreTLS=true`),
  pumpIntervalMs: 100,
  log: (m) => process.stderr.write(`${m}\n`),
})

process.stdout.write(`\n(a) ${N} encrypted and signed notifications, outbox to SMTP sink:\n`)
t0 = performance.now()
await db.transaction().execute((trx) =>
  enqueueMail(
    trx,
    users.map((u) => ({ email: u.email, name: u.name, userId: u.id, organizationId: null })),
    { caseId: null, thread: null, data, confidential: true, tlp: 'AMBER' },
  ),
)
while (sink.messages.length < N) {
  progress('delivered', sink.messages.length, N)
  await new Promise((r) => setTimeout(r, 200))
}
progress('delivered', N, N)
const pipelineRate = N / ((performance.now() - t0) / 1000)
const { rows: modes } = await sql<{
  mode: string
  n: string
}>`SELECT mode, count(*) AS n FROM mail_outbox GROUP BY mode`.execute(db)
const encrypted = sink.messages.filter((m) => m.raw.includes('multipart/encrypted')).length
process.stdout.write(`  raw openpgp encrypt+sign          ${rawRate.toFixed(0).padStart(6)} msgs/s\n`)
process.stdout.write(
  `  Lockstep outbox → SMTP delivery   ${pipelineRate.toFixed(0).padStart(6)} msgs/s   ratio ${(pipelineRate / rawRate).toFixed(2)} (target ≥ 0.5)\n`,
)
process.stdout.write(
  `  ${encrypted} of ${N} arrived as PGP/MIME; outbox modes: ${modes.map((m) => `${m.mode} ${m.n}`).join(', ')}\n`,
)

// (b) inbound: N mails to the intake address, 10 clients at a time.
process.stdout.write(`\n(b) ${N} mails to the intake address over SMTP, 10 concurrent clients:\n`)
let sent = 0
let accepted = 0
t0 = performance.now()
await Promise.all(
  Array.from({ length: 10 }, async () => {
    while (sent < N) {
      const i = sent++
      const info = await sendMail(mail.smtp!.port, {
        from: `finder${i}@example.org`,
        to: config.mail.intakeAddress,
        subject: `Heap overflow report ${i}`,
        text: `crackaddr() overflows on header ${i}.\n`.repeat(20),
      })
      if (/^250/.test(info.response)) accepted++
      if (accepted % 50 === 0) progress('stored (250)', accepted, N)
    }
  }),
)
progress('stored (250)', N, N)
const storedSeconds = (performance.now() - t0) / 1000
for (;;) {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM inbound_mail WHERE status <> 'received'`.execute(
    db,
  )
  if (Number(rows[0]!.n) >= N) break
  await new Promise((r) => setTimeout(r, 200))
}
const processedSeconds = (performance.now() - t0) / 1000
const { rows: reports } = await sql<{ n: string }>`SELECT count(*) AS n FROM reports WHERE via = 'mail'`.execute(db)
process.stdout.write(
  `  stored durably before 250          ${(accepted / storedSeconds).toFixed(0).padStart(6)} mails/s (target ≥ 50)\n`,
)
process.stdout.write(
  `  processed into reports             ${(N / processedSeconds).toFixed(0).padStart(6)} mails/s (${reports[0]!.n} reports)\n`,
)

await mail.stop()
await sink.close()
await database.close()
await bench.drop()
