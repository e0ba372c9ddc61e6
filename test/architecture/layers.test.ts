// The layer rule of eslint.config.js, proved on made-up files: an upward import is refused, a
// downward one passes. Without this, a typo in the rule's pattern would silently allow everything.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint()

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layers', () => {
  it.each([
    ['src/domain/policy/x.ts', "import { db } from '../../store/db.js'"],
    ['src/domain/x.ts', "import { sealMessage } from '../mail/pgp.js'"],
    ['src/store/x.ts', "import { openCase } from '../commands/cases/openCase.js'"],
    ['src/mail/x.ts', "import { insertThreadPost } from '../commands/cases/threads.js'"],
    ['src/jobs/x.ts', "import { releaseCase } from '../commands/release/release.js'"],
    ['src/commands/cases/x.ts', "import { buildApp } from '../../adapters/http/app.js'"],
    ['src/commands/x.ts', "import { startServer } from '../server.js'"],
    ['src/adapters/http/routes/x.ts', "import { startServer } from '../../../server.js'"],
  ])('%s may not %s', async (file, source) => {
    expect(await problems(file, source)).toHaveLength(1)
  })

  it.each([
    ['src/store/x.ts', "import type { Actor } from '../domain/actor.js'"],
    ['src/commands/cases/x.ts', "import { enqueueOutbox } from '../../mail/outbox.js'"],
    ['src/commands/cases/x.ts', "import { queues } from '../../jobs/jobQueue.js'"],
    ['src/adapters/http/routes/x.ts', "import { openCase } from '../../../commands/cases/openCase.js'"],
    ['src/adapters/cli/main.ts', "import { startServer } from '../../server.js'"],
  ])('%s may %s', async (file, source) => {
    expect(await problems(file, source)).toEqual([])
  })
})
