// Running the `lockstep` command of this checkout (lockstepCommand.ts), as an operator would,
// with its exit code and output.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { lockstepArgv } from './lockstepCommand.js'

const run = promisify(execFile)

export async function lockstep(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, lockstepArgv(args), {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
