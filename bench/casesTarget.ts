// The server for `npm run bench:cases`, in its own process: Lockstep on a fresh PostgreSQL database
// with one large case (1,000 vendor participants, 10,000 messages and as many ledger entries, each
// head signed) and a staff API token. Prints
// one JSON line with what the load generator needs.
import { sql } from 'kysely'
import { loadConfig } from '../src/config.js'
import { startServer } from '../src/server.js'
import { system } from '../src/domain/actor.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { openCase } from '../src/commands/cases/openCase.js'
import { hashSecret } from '../src/security/tokens.js'
import { insertUser } from '../src/store/users.js'
import { nextEntry, type LedgerEntry } from '../src/domain/ledger.js'
import { readLedger } from '../src/store/ledger.js'
import { ensureLedgerKey } from '../src/store/ledgerHeads.js'
import { signHead } from '../src/security/ledgerKey.js'

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 1000)
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000)

const server = await startServer({
  config: loadConfig({
    PORT: '0',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    LOG_LEVEL: 'warn',
    LOCKSTEP_REPORT_PROOF_BITS: '1',
    LOCKSTEP_TRUST_PROXY: '1',
    LOCKSTEP_SMTP_PORT: '0',
  }),
  demo: false,
  logger: false,
})
const db = server.database.db
const staff = await insertUser(db, {
  email: 'bench-coordinator@example.test',
  name: 'Bench Coordinator',
  password_hash: null,
  instance_role: 'coordinator',
})
const { token } = await createApiToken(db, staff.id, 'bench', { expiresInDays: 1, scope: 'read_write' })

const report = await db
  .insertInto('reports')
  .values({
    tracking_id: 'LSR-BENCH-0001',
    follow_up_token_hash: hashSecret('bench'),
    anonymous: true,
    title: 'Remote root in sendmail header processing',
    affected: JSON.stringify([{ vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null }]),
    description: 'A buffer overflow in crackaddr().',
    public_already: false,
    exploited_already: false,
    credit: JSON.stringify({ preference: 'none', text: null }),
    state: 'valid',
  })
  .returning('id')
  .executeTakeFirstOrThrow()
const opened = await openCase({
  db,
  actor: system,
  reportIds: [report.id],
  title: 'Remote root in sendmail (1,000 vendors)',
})

const orgs = await db
  .insertInto('organizations')
  .values(
    Array.from({ length: PARTICIPANTS }, (_, i) => ({
      name: `Vendor ${i + 1}`,
      slug: `bench-vendor-${i + 1}`,
      kind: 'vendor' as const,
    })),
  )
  .returning('id')
  .execute()
const participants = await db
  .insertInto('participants')
  .values(
    orgs.map((o) => ({
      case_id: opened.id,
      organization_id: o.id,
      roles: ['vendor' as const],
      rm_state: 'received' as const,
    })),
  )
  .returning('id')
  .execute()
for (let i = 0; i < MESSAGES; i += 1000) {
  await db
    .insertInto('case_messages')
    .values(
      Array.from({ length: Math.min(1000, MESSAGES - i) }, (_, j) => ({
        case_id: opened.id,
        participant_id: (i + j) % 2 === 0 ? null : participants[(i + j) % participants.length]!.id,
        author_user_id: staff.id,
        body: `Message ${i + j}: status update on the fix.`,
        tlp: 'AMBER' as const,
      })),
    )
    .execute()
}

// The ledger a case of this size would have: an entry (and a signed head) per message released,
// chained and signed exactly as appendLedger does, written in batches.
const key = await ensureLedgerKey(db)
const current = await db
  .selectFrom('cases')
  .select(['ledger_count', 'ledger_head'])
  .where('id', '=', opened.id)
  .executeTakeFirstOrThrow()
let previous: LedgerEntry | null =
  current.ledger_count === 0 ? null : ((await readLedger(db, opened.id)).at(-1) ?? null)
const started = Date.now()
for (let i = 0; i < MESSAGES; i += 1000) {
  const batch: LedgerEntry[] = []
  for (let j = i; j < Math.min(MESSAGES, i + 1000); j++) {
    previous = nextEntry(previous, {
      caseId: opened.id,
      instant: new Date(started + j).toISOString(),
      actor: { id: staff.id, displayName: 'Bench Coordinator' },
      kind: 'information.released',
      payload: { thread: 'Everyone in the case', threadKey: 'case', tlp: 'AMBER' },
    })
    batch.push(previous)
  }
  await db
    .insertInto('ledger_entries')
    .values(
      batch.map((e) => ({
        case_id: e.caseId,
        sequence: e.sequence,
        instant: e.instant,
        actor_id: e.actor.id,
        actor_name: e.actor.displayName,
        kind: e.kind,
        payload: JSON.stringify(e.payload),
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .execute()
  await db
    .insertInto('ledger_heads')
    .values(
      batch.map((e) => {
        const h = signHead(key, { caseId: e.caseId, sequence: e.sequence, hash: e.hash, signedAt: e.instant })
        return {
          case_id: h.caseId,
          sequence: h.sequence,
          hash: h.hash,
          signed_at: h.signedAt,
          key_id: h.keyId,
          signature: h.signature,
        }
      }),
    )
    .execute()
}
if (previous)
  await db
    .updateTable('cases')
    .set({ ledger_count: previous.sequence, ledger_head: previous.hash })
    .where('id', '=', opened.id)
    .execute()

// As a database in use would be after autovacuum: planner statistics for the rows just written
// (without them PostgreSQL guesses a row or two per case and picks plans for that), and the
// visibility map that lets counts be read from an index alone.
await sql`VACUUM ANALYZE`.execute(db)

const port = (server.app.server.address() as { port: number }).port
process.stdout.write(
  JSON.stringify({ base: `http://127.0.0.1:${port}`, caseNumber: opened.case_number, caseId: opened.id, token }) + '\n',
)
process.on('SIGTERM', async () => {
  await server.stop()
  process.exit(0)
})
