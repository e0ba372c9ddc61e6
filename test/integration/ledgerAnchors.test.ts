// Finding 10 of the hardening review: someone who can write to the database rewrote a ledger entry
// and recomputed every hash after it, and the chain still verified. The heads signed at every
// append catch that writer (who has no ledger key), and heads a participant fetched and kept catch
// even a writer who has the key and signs again, through the API and `lockstep ledger verify`.
import { execFile } from 'node:child_process'
import { createPublicKey, verify } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { describeEachDatabase, signedIn, type ApiTestContext } from '../support/api.js'
import { makeCase, makeUser } from '../support/factories.js'
import { entryHash, GENESIS_HASH, systemLedgerActor, type JsonValue } from '../../src/domain/ledger.js'
import { headStatement, type SignedHead } from '../../src/domain/ledgerHead.js'
import { appendLedger, readLedger, verifyCaseLedger } from '../../src/store/ledger.js'
import { auditCaseLedger } from '../../src/store/ledgerAudit.js'
import { readSignedHeads, signLegacyHeads } from '../../src/store/ledgerHeads.js'
import { generateLedgerKey, signHead, type LedgerKeyPair } from '../../src/security/ledgerKey.js'
import { lockstepArgv } from '../support/lockstepCommand.js'

const run = promisify(execFile)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-heads-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

interface HeadsAnswer {
  caseId: string
  caseNumber: string
  keyId: string
  heads: SignedHead[]
}

/** A case with a few entries, and the finder's copy of its signed heads, saved to a file. */
async function caseWithSavedHeads(t: ApiTestContext) {
  const finder = await makeUser(t.db, { name: 'Fran Finder' })
  const c = await makeCase(t, { finder })
  for (const n of [1, 2, 3])
    await t.db
      .transaction()
      .execute((trx) => appendLedger(trx, c.id, systemLedgerActor, 'vulnerability.updated', { n }))
  const res = await (await signedIn(t.app, finder)).get(`/api/v1/cases/${c.id}/ledger/heads`)
  expect(res.statusCode).toBe(200)
  const saved = res.json<HeadsAnswer>()
  const file = path.join(dir, `${t.backend}-${c.case_number}.json`)
  fs.writeFileSync(file, res.body)
  return { c, saved, file }
}

/** What a database writer does: edit entry 1 and recompute every hash after it, and the case's head. */
async function rewriteFirstEntry(t: ApiTestContext, caseId: string) {
  const entries = await readLedger(t.db, caseId)
  let prev = GENESIS_HASH
  for (const e of entries) {
    const payload: JsonValue = e.sequence === 1 ? { ...(e.payload as object), title: 'Nothing to see' } : e.payload
    const hash = entryHash(prev, e.sequence, { ...e, payload })
    await sql`UPDATE ledger_entries SET payload = ${JSON.stringify(payload)}::jsonb, prev_hash = ${prev}, hash = ${hash}
      WHERE case_id = ${caseId} AND sequence = ${e.sequence}`.execute(t.db)
    prev = hash
  }
  await sql`UPDATE cases SET ledger_head = ${prev} WHERE id = ${caseId}`.execute(t.db)
}

/** A writer who also holds a ledger key signs every head of the rewritten chain again with it. */
async function signAgain(t: ApiTestContext, caseId: string, key: LedgerKeyPair) {
  for (const e of await readLedger(t.db, caseId)) {
    const h = signHead(key, { caseId, sequence: e.sequence, hash: e.hash, signedAt: e.instant })
    await sql`UPDATE ledger_heads SET hash = ${h.hash}, key_id = ${h.keyId}, signature = ${h.signature}
      WHERE case_id = ${caseId} AND sequence = ${h.sequence}`.execute(t.db)
  }
}

async function cli(t: ApiTestContext, args: string[]) {
  const url = new URL(t.database.location.replace('***', ''))
  const result = await run(process.execPath, lockstepArgv(['ledger', 'verify', ...args]), {
    env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' },
  }).catch((e: { code: number; stdout: string; stderr: string }) => e)
  return { code: (result as { code?: number }).code ?? 0, stdout: result.stdout, stderr: result.stderr }
}

describeEachDatabase('signed ledger heads', (t) => {
  it('gives participants one signed head per entry, checkable with the published key and any Ed25519 tool', async () => {
    const { c, saved } = await caseWithSavedHeads(t)
    const entries = await readLedger(t.db, c.id)
    expect(saved.heads.map((h) => [h.sequence, h.hash])).toEqual(entries.map((e) => [e.sequence, e.hash]))
    const pem = await t.app.inject({ method: 'GET', url: '/.well-known/lockstep-ledger-key.pem' })
    expect(pem.statusCode).toBe(200)
    const key = (await t.app.inject({ method: 'GET', url: '/api/v1/instance/ledger-key' })).json<{ keyId: string }>()
    expect(key.keyId).toBe(saved.keyId)
    for (const h of saved.heads)
      expect(
        verify(null, Buffer.from(headStatement(h)), createPublicKey(pem.body), Buffer.from(h.signature, 'base64')),
      ).toBe(true)
    expect((await auditCaseLedger(t.db, c.id, { savedHeads: saved.heads })).ok).toBe(true)
    // Someone outside the case learns nothing, not even that it exists.
    const outsider = await signedIn(t.app, await makeUser(t.db))
    expect((await outsider.get(`/api/v1/cases/${c.id}/ledger/heads`)).statusCode).toBe(404)
  })

  it('catches a writer without the key who rewrites an entry and every hash after it', async () => {
    const { c, saved, file } = await caseWithSavedHeads(t)
    await rewriteFirstEntry(t, c.id)
    // The hash chain alone is fooled: this is the attack of the finding.
    expect((await verifyCaseLedger(t.db, c.id)).ok).toBe(true)

    const audit = await auditCaseLedger(t.db, c.id, { savedHeads: saved.heads })
    expect(audit.ok).toBe(false)
    expect(audit.signatureProblems.map((p) => p.sequence)).toEqual(saved.heads.map((h) => h.sequence))
    expect(audit.signatureProblems[0]!.reason).toMatch(
      /^the ledger's hash at entry 1 is not the one signed at .*: rewritten since$/,
    )
    expect(audit.savedProblems).toHaveLength(saved.heads.length)

    if (t.backend === 'postgres') {
      const verdict = await cli(t, [c.case_number, '--heads', file])
      expect(verdict.stdout, verdict.stderr).toContain(`${c.case_number}: ledger chain intact`)
      expect(verdict.stdout).toContain(`signed heads: ${saved.heads.length}, TAMPERING suspected`)
      expect(verdict.stdout).toContain(
        `saved heads: ${saved.heads.length} from ${file}, TAMPERING: the ledger no longer matches them`,
      )
      expect(verdict.code).toBe(1)
    }
  }, 300_000)

  it('catches a writer who deletes the signed heads to hide a rewrite', async () => {
    const { c } = await caseWithSavedHeads(t)
    await rewriteFirstEntry(t, c.id)
    await sql`DELETE FROM ledger_heads WHERE case_id = ${c.id}`.execute(t.db)
    const audit = await auditCaseLedger(t.db, c.id)
    const last = (await readLedger(t.db, c.id)).length
    expect(audit.signatureProblems).toEqual([
      { sequence: last, reason: `the ledger's last entry (${last}) has no genuine signed head` },
    ])
  })

  it('catches a writer who also has the key, or swaps in their own, with heads kept outside the database', async () => {
    const { c, saved, file } = await caseWithSavedHeads(t)
    const stolen = JSON.parse(
      (
        await t.db
          .selectFrom('instance_secrets')
          .select('value')
          .where('name', '=', 'ledger-signing-key')
          .executeTakeFirstOrThrow()
      ).value,
    ) as LedgerKeyPair
    const restoreKey = () =>
      sql`UPDATE instance_secrets SET value = ${JSON.stringify(stolen)} WHERE name = 'ledger-signing-key'`.execute(t.db)
    try {
      await rewriteFirstEntry(t, c.id)
      await signAgain(t, c.id, stolen)
      // With the real key signed again, the database agrees with itself...
      expect((await auditCaseLedger(t.db, c.id)).ok).toBe(true)
      // ...but not with what the finder kept.
      const audit = await auditCaseLedger(t.db, c.id, { savedHeads: saved.heads })
      expect(audit.ok).toBe(false)
      expect(audit.savedProblems[0]).toEqual({
        sequence: 1,
        reason: `the ledger's hash at entry 1 is not the one signed at ${saved.heads[0]!.signedAt}: rewritten since`,
      })

      // A writer with a key of their own, put in place of the instance's: the key pinned from
      // outside the database (as published before) refuses every head they signed.
      const pinned = (await t.app.inject({ method: 'GET', url: '/.well-known/lockstep-ledger-key.pem' })).body
      const own = generateLedgerKey()
      await sql`UPDATE instance_secrets SET value = ${JSON.stringify(own)} WHERE name = 'ledger-signing-key'`.execute(
        t.db,
      )
      await signAgain(t, c.id, own)
      expect((await auditCaseLedger(t.db, c.id)).ok).toBe(true)
      const againstPinned = await auditCaseLedger(t.db, c.id, { trustedPublicKeyPem: pinned })
      expect(againstPinned.signatureProblems[0]!.reason).toContain(`signed by key ${own.keyId}`)

      if (t.backend === 'postgres') {
        const verdict = await cli(t, [c.case_number, '--heads', file])
        expect(verdict.stdout, verdict.stderr).toContain('TAMPERING: the ledger no longer matches them')
        expect(verdict.code).toBe(1)
        const keyFile = path.join(dir, 'pinned.pem')
        fs.writeFileSync(keyFile, pinned)
        const withKey = await cli(t, [c.case_number, '--public-key', keyFile])
        expect(withKey.stdout, withKey.stderr).toContain('TAMPERING suspected')
        expect(withKey.code).toBe(1)
      }
    } finally {
      // The instance's key back, for the tests after this one.
      await restoreKey()
    }
  }, 300_000)

  it('signs, once, the head of a ledger written before signing began, unless its chain is broken', async () => {
    const { c } = await caseWithSavedHeads(t)
    const broken = await caseWithSavedHeads(t)
    await sql`DELETE FROM ledger_heads WHERE case_id IN (${c.id}, ${broken.c.id})`.execute(t.db)
    await sql`UPDATE ledger_entries SET kind = 'test.edited' WHERE case_id = ${broken.c.id} AND sequence = 1`.execute(
      t.db,
    )
    // Other tests' cases in this database may be signed too; this case is what is looked at.
    expect(await signLegacyHeads(t.db)).toBeGreaterThanOrEqual(1)
    const last = (await readLedger(t.db, c.id)).at(-1)!
    expect((await readSignedHeads(t.db, c.id)).map((h) => [h.sequence, h.hash])).toEqual([[last.sequence, last.hash]])
    expect((await auditCaseLedger(t.db, c.id)).ok).toBe(true)
    expect(await readSignedHeads(t.db, broken.c.id)).toEqual([])
    expect(await signLegacyHeads(t.db)).toBe(0)
  })

  it('passes an untouched ledger and says what a file of saved heads that is not one lacks', async () => {
    const { c, saved, file } = await caseWithSavedHeads(t)
    if (t.backend !== 'postgres') return
    const n = saved.heads.length
    const ok = await cli(t, [c.case_number, '--heads', file])
    expect(ok.stdout, ok.stderr).toContain(`signed heads: ${n}, all genuine and matching the chain`)
    expect(ok.stdout).toContain(`saved heads: ${n} from ${file}, all match the chain`)
    expect(ok.code).toBe(0)
    const bad = path.join(dir, 'bad.json')
    fs.writeFileSync(bad, JSON.stringify({ heads: [{ caseId: c.id, sequence: 1 }] }))
    const refused = await cli(t, [c.case_number, '--heads', bad])
    expect(refused.stderr).toContain(`${bad}: saved head 1 has no hash (a string)`)
    expect(refused.code).toBe(1)
  }, 300_000)
})
