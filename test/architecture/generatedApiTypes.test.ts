// The web's API types are generated from the server's OpenAPI document: a route schema changed
// without regenerating them would let the web UI read fields the server no longer sends.
import fs from 'node:fs'
import { expect, test } from 'vitest'
import { generateApiTypes, generatedFile } from '../../scripts/apiTypes.js'

test('web/src/api/generated.ts matches the OpenAPI document (run npm run gen:api)', async () => {
  const committed = fs.existsSync(generatedFile) ? fs.readFileSync(generatedFile, 'utf8') : ''
  const current = await generateApiTypes()
  // Not toBe: a 9,000-line diff would drown the one instruction that matters.
  if (committed !== current) expect.fail('web/src/api/generated.ts is out of date: run npm run gen:api')
}, 60_000)
