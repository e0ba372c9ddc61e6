// A server for the HTTP benchmark, run in its own process so that the load generator does not
// share its CPU: either a bare fastify JSON route (the baseline) or Lockstep itself with a user, an
// organization and an API token ready. Prints one JSON line with what the load generator needs.
import fastify from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../src/config.js'
import { startServer } from '../src/server.js'
import { createApiToken } from '../src/commands/accounts/apiTokens.js'
import { createSession } from '../src/commands/auth/sessions.js'
import { sessionCookieName } from '../src/adapters/http/plugins/authentication.js'
import { addMembership, insertOrganization } from '../src/store/organizations.js'
import { insertUser } from '../src/store/users.js'

const kind = process.argv[2]

if (kind === 'bare') {
  const app = fastify()
  app.get('/bare', async () => ({
    id: '00000000-0000-4000-8000-000000000000',
    name: 'Sendmail Consortium',
    kind: 'vendor',
  }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as { port: number }).port
  process.stdout.write(JSON.stringify({ url: `http://127.0.0.1:${port}/bare` }) + '\n')
} else {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-'))
  const env = {
    PORT: '0',
    LOCKSTEP_DATA: dataDir,
    LOG_LEVEL: 'warn',
    LOCKSTEP_SMTP_PORT: '0',
    ...(kind === 'postgres' ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  }
  const config = loadConfig(env)
  const server = await startServer({ config, demo: false, logger: false })
  const db = server.database.db
  const suffix = Date.now().toString(36)
  const org = await insertOrganization(db, { name: 'Sendmail Consortium', slug: `sendmail-${suffix}`, kind: 'vendor' })
  const user = await insertUser(db, { email: `bench-${suffix}@example.test`, name: 'Bench', password_hash: null })
  await addMembership(db, user.id, org.id, 'admin')
  const { token } = await createApiToken(db, user.id, 'bench', { expiresInDays: 1, scope: 'read_write' })
  const session = await createSession(db, {
    userId: user.id,
    pending: false,
    ip: null,
    userAgent: 'bench',
    ttlHours: 24,
    now: new Date(),
  })
  const cookie = `${sessionCookieName(config.publicUrl.startsWith('https://'))}=${session.token}`
  const port = (server.app.server.address() as { port: number }).port
  process.stdout.write(
    JSON.stringify({ url: `http://127.0.0.1:${port}/api/v1/organizations/${org.id}`, token, cookie }) + '\n',
  )
  process.on('SIGTERM', async () => {
    await server.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
}
