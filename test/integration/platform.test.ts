// What every deployment relies on: health checks, security headers, the OpenAPI document and its
// browsable docs, and logs that never carry a secret.
import { Writable } from 'node:stream'
import { expect, it } from 'vitest'
import { buildApp } from '../../src/adapters/http/app.js'
import { Client, describeEachDatabase, signedIn, testConfig } from '../support/api.js'
import { makeUser, PASSWORD } from '../support/factories.js'
import { sql } from 'kysely'
import { latestVersion } from '../../src/store/migrate.js'

describeEachDatabase('platform', (t) => {
  it('healthz says alive; readyz says the database is reachable and migrated', async () => {
    expect((await Client.anonymous(t.app).get('/healthz')).json()).toEqual({ status: 'ok' })
    const ready = await Client.anonymous(t.app).get('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({ status: 'ready', schemaVersion: latestVersion })
  })

  it('readyz answers 503 when the schema is behind', async () => {
    await sql`UPDATE schema_migrations SET version = -version`.execute(t.db)
    try {
      const res = await Client.anonymous(t.app).get('/readyz')
      expect(res.statusCode).toBe(503)
      expect(res.json().detail).toMatch(/lockstep migrate/)
    } finally {
      await sql`UPDATE schema_migrations SET version = -version`.execute(t.db)
    }
  })

  it('sends strict security headers, with a CSP that allows no inline script', async () => {
    const res = await Client.anonymous(t.app).get('/api/v1/session')
    const csp = res.headers['content-security-policy'] as string
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('publishes an OpenAPI 3 document covering every API route, and browsable docs', async () => {
    const doc = (await Client.anonymous(t.app).get('/api/openapi.json')).json()
    expect(doc.openapi).toMatch(/^3\./)
    const documented = new Set(
      Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    )
    for (const r of t.app.apiRoutes)
      expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
    expect(doc.paths['/api/v1/organizations'].post.requestBody).toBeDefined()
    const docs = await Client.anonymous(t.app).get('/api/docs/')
    expect(docs.statusCode).toBe(200)
    expect(docs.body).toContain('swagger')
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'")
  })

  it("states each operation's access in the document: public ones need no credentials, a policy one names its action", async () => {
    const doc = (await Client.anonymous(t.app).get('/api/openapi.json')).json()
    type Operation = { security?: Record<string, string[]>[]; description?: string }
    const operation = (method: string, url: string): Operation =>
      doc.paths[url.replace(/:(\w+)/g, '{$1}')][method.toLowerCase()]
    let publicRoutes = 0
    for (const r of t.app.apiRoutes) {
      const op = operation(r.method, r.url)
      const name = `${r.method} ${r.url}`
      if ('public' in r.access) {
        publicRoutes++
        expect(op.security, name).toEqual([])
      } else {
        expect(op.security?.length, name).toBeGreaterThan(0)
        for (const requirement of op.security ?? []) expect(Object.keys(requirement).length, name).toBeGreaterThan(0)
      }
      if ('policy' in r.access)
        expect(op.description, name).toContain(`Requires ${r.access.policy.resource}.${r.access.policy.action}.`)
    }
    expect(publicRoutes).toBeGreaterThan(5)
    expect(operation('GET', '/api/v1/session').security).toEqual([])
    expect(operation('GET', '/api/v1/reports/challenge').security).toEqual([])
    expect(operation('GET', '/api/v1/cases/:id').security).toEqual([{ apiToken: [] }, { session: [] }])
    expect(operation('GET', '/api/v1/cases/:id').description).toContain('Requires case.read.')
    // Outside the API, a route declaring no access runs without authentication: health, published documents.
    expect(operation('GET', '/healthz').security).toEqual([])
    expect(operation('GET', '/advisories').security).toEqual([])
  })

  it('never writes passwords, tokens or cookies to the log', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk))
        cb()
      },
    })
    const { loggerOptions } = await import('../../src/adapters/http/logging.js')
    const app = await buildApp({ db: t.db, config: testConfig(), logger: { ...loggerOptions('trace'), stream } })
    const user = await makeUser(t.db)
    const client = await signedIn(app, user)
    const token = (await client.post('/api/v1/tokens', { name: 'log test' })).json().token as string
    await Client.withToken(app, token).get('/api/v1/me')
    await Client.anonymous(app).post('/api/v1/invitations/lookup', { token: 'secret-invitation-token-value' })
    await app.close()
    const log = lines.join('')
    expect(log.length).toBeGreaterThan(100)
    expect(log).not.toContain(PASSWORD)
    expect(log).not.toContain(token)
    expect(log).not.toContain(client.cookie('ls_session')!)
    expect(log).not.toContain('secret-invitation-token-value')
  })
})
