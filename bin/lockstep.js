#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs'
const entry = new URL('../dist/server/adapters/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('lockstep: not built yet; run `npm run build` (npm install does it)\n')
  process.exit(1)
}
await import(entry.href)
