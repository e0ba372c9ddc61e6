// `lockstep ledger verify <case>`: checks a case's hash chain and names the first bad entry.
import type { Command } from 'commander'
import { NotFoundError } from '../../domain/errors.js'
import { findCase } from '../../store/cases.js'
import { verifyCaseLedger } from '../../store/ledger.js'
import { withDatabase } from './withDatabase.js'

export function ledgerCommands(program: Command): void {
  program
    .command('ledger')
    .description("Check cases' ledgers")
    .command('verify')
    .argument('<case>', 'case number (LS-2026-0001) or id')
    .description("Check a case's hash-chained ledger; exits 1 and names the first bad entry if it was tampered with")
    .action(async (caseRef: string) => {
      await withDatabase(async (db) => {
        const row = await findCase(db, caseRef)
        if (!row) throw new NotFoundError(`case ${caseRef}`)
        const verdict = await verifyCaseLedger(db, row.id)
        if (verdict.ok) {
          process.stdout.write(`${row.case_number}: ledger intact, ${verdict.count} entries, head ${verdict.head}\n`)
        } else {
          process.stdout.write(`${row.case_number}: ledger BROKEN at entry ${verdict.sequence}: ${verdict.reason}\n`)
          process.exitCode = 1
        }
      })
    })
}
