// `lockstep ledger verify <case>`: checks a case's hash chain and names the first bad entry, checks
// every signed head against the instance's ledger key (or one pinned with --public-key), and
// compares heads a participant saved earlier (--heads). Exits 1 on any sign of tampering.
import fs from 'node:fs'
import type { Command } from 'commander'
import { NotFoundError } from '../../domain/errors.js'
import { readSavedHeads, type SignedHead } from '../../domain/ledgerHead.js'
import { findCase } from '../../store/cases.js'
import { auditCaseLedger } from '../../store/ledgerAudit.js'
import { withDatabase } from './withDatabase.js'

function readFileOrSay(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (e) {
    throw new Error(`cannot read the ${what} ${file}: ${(e as Error).message}`)
  }
}

function savedHeadsFrom(file: string): SignedHead[] {
  let json: unknown
  try {
    json = JSON.parse(readFileOrSay(file, 'saved heads'))
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`)
  }
  try {
    return readSavedHeads(json)
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`)
  }
}

export function ledgerCommands(program: Command): void {
  program
    .command('ledger')
    .description("Check cases' ledgers")
    .command('verify')
    .argument('<case>', 'case number (LS-2026-0001) or id')
    .option('--heads <file>', 'signed heads saved earlier (the JSON of GET /api/v1/cases/:id/ledger/heads) to compare')
    .option(
      '--public-key <file>',
      'the ledger public key kept outside the database (/.well-known/lockstep-ledger-key.pem), instead of the stored one',
    )
    .description(
      "Check a case's hash-chained ledger and its signed heads; exits 1 and says what does not fit if it was tampered with",
    )
    .action(async (caseRef: string, opts: { heads?: string; publicKey?: string }) => {
      const saved = opts.heads ? savedHeadsFrom(opts.heads) : undefined
      const pinned = opts.publicKey ? readFileOrSay(opts.publicKey, 'public key') : undefined
      await withDatabase(async (db) => {
        const row = await findCase(db, caseRef)
        if (!row) throw new NotFoundError(`case ${caseRef}`)
        const audit = await auditCaseLedger(db, row.id, {
          ...(pinned !== undefined ? { trustedPublicKeyPem: pinned } : {}),
          ...(saved ? { savedHeads: saved } : {}),
        })
        const out: string[] = []
        const { chain } = audit
        out.push(
          chain.ok
            ? `${row.case_number}: ledger chain intact, ${chain.count} entries, head ${chain.head}`
            : `${row.case_number}: ledger BROKEN at entry ${chain.sequence}: ${chain.reason}`,
        )
        const key = audit.key ? `key ${audit.key.keyId}${audit.key.pinned ? ' (pinned)' : ''}` : 'no ledger key'
        out.push(
          audit.signatureProblems.length === 0
            ? `signed heads: ${audit.signedHeads}, all genuine and matching the chain (${key})`
            : `signed heads: ${audit.signedHeads}, TAMPERING suspected (${key}):`,
        )
        for (const p of audit.signatureProblems) out.push(`  entry ${p.sequence}: ${p.reason}`)
        if (saved) {
          const others = saved.length - audit.savedHeads
          const ignored = others > 0 ? `; ${others} of other cases ignored` : ''
          out.push(
            audit.savedProblems.length === 0
              ? `saved heads: ${audit.savedHeads} from ${opts.heads}, all match the chain${ignored}`
              : `saved heads: ${audit.savedHeads} from ${opts.heads}, TAMPERING: the ledger no longer matches them${ignored}:`,
          )
          for (const p of audit.savedProblems) out.push(`  entry ${p.sequence}: ${p.reason}`)
          if (audit.savedHeads === 0) out.push(`  none of them is of ${row.case_number}: nothing compared`)
        }
        process.stdout.write(out.join('\n') + '\n')
        if (!audit.ok || (saved && audit.savedHeads === 0)) process.exitCode = 1
      })
    })
}
