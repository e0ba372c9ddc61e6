// `lockstep demo reset [--yes]`: on a demo instance only, every table emptied and the demo seeded
// again with a fresh timeline (its release LOCKSTEP_DEMO_RELEASE_MINUTES ahead). Asks first on a
// terminal; elsewhere (scripts, CI) it needs --yes. A real instance is refused, untouched.
import readline from 'node:readline/promises'
import type { Command } from 'commander'
import { system } from '../../domain/actor.js'
import { loadConfig } from '../../config.js'
import { demoInstanceRecord } from '../../store/demoInstance.js'
import { resetDemo } from '../../seed/demoReset.js'
import { withDatabase } from './withDatabase.js'

const NOT_A_DEMO =
  'this instance is not a demo (it was never seeded with the demo): `demo reset` only ever empties a demo instance'

async function confirmed(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}

export function demoCommands(program: Command): void {
  const demo = program.command('demo').description('Chores of a demo instance')
  demo
    .command('reset')
    .description(
      'Wipe every case, report, account and message of this demo instance and seed the demo again, its release minutes ahead (demo instances only)',
    )
    .option('--yes', 'do not ask for confirmation (needed when not on a terminal)')
    .action(async (opts: { yes?: boolean }) => {
      const minutes = loadConfig().demoReleaseMinutes
      await withDatabase(async (db) => {
        if (!(await demoInstanceRecord(db))) throw new Error(NOT_A_DEMO)
        if (!opts.yes) {
          if (!process.stdin.isTTY) throw new Error('give --yes to reset the demo without a terminal to confirm on')
          if (!(await confirmed('Wipe everything in this demo instance and seed the demo again?'))) {
            process.stderr.write('nothing was reset\n')
            return
          }
        }
        const outcome = await resetDemo(db, system, { releaseInMinutes: minutes })
        process.stdout.write(
          `the demo was reset: its release is ${outcome.releaseInMinutes} minutes ahead (${outcome.releaseAt.toISOString()}); sign in again with the demo accounts\n`,
        )
      })
    })
}
