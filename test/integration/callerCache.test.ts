// Callers are kept a few seconds per server (commands/auth/principalCache.ts). A change that ends
// or narrows a caller's access must still hold on the very next request of the same server, and
// on another server of the same database within the stated bound, by word through NOTIFY.
import { expect, it } from 'vitest'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { Client, describeEachDatabase, signedIn, type ApiTestContext } from '../support/api.js'
import { makeMember, makeOrganization, makeUser } from '../support/factories.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import { buildApp } from '../../src/adapters/http/app.js'
import { openDatabase, type OpenDatabase } from '../../src/store/database.js'
import type { PrincipalChanges } from '../../src/store/principalChanges.js'
import { PRINCIPAL_CACHE_SECONDS } from '../../src/commands/auth/principalCache.js'
import type { UserRow } from '../../src/store/schema.js'

/** Resolves once the server's listener is listening, so that callers are really kept. */
function listening(changes: PrincipalChanges): Promise<void> {
  return new Promise((resolve) => {
    const stop = changes.subscribe({
      changed: () => undefined,
      listening: (on) => on && (queueMicrotask(() => stop()), resolve()),
    })
  })
}

/** Resolves when word comes that this user changed (not the catch-all word of a local write). */
function wordAbout(changes: PrincipalChanges, userId: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = changes.subscribe({
      changed: (id) => id === userId && (stop(), resolve()),
      listening: () => undefined,
    })
  })
}

/** Asks until the answer is `status`, for at most the stated bound and a margin. */
async function eventually(ask: () => Promise<number>, status: number): Promise<number> {
  const deadline = Date.now() + PRINCIPAL_CACHE_SECONDS * 1000 + 3000
  let last = await ask()
  while (last !== status && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100))
    last = await ask()
  }
  return last
}

async function tokenFor(t: ApiTestContext, user: UserRow) {
  const { token, row } = await createApiToken(t.db, user.id, 'cache test', { scope: 'read_write', expiresInDays: 30 })
  return { id: row.id, client: (app: FastifyInstance) => Client.withToken(app, token) }
}

describeEachDatabase('callers kept a few seconds', (t) => {
  it('refuses a revoked API token on the very next request', async () => {
    await listening(t.database.principalChanges)
    const user = await makeUser(t.db)
    const token = await tokenFor(t, user)
    const api = token.client(t.app)
    expect((await api.get('/api/v1/me')).statusCode).toBe(200)
    expect((await api.get('/api/v1/me')).statusCode).toBe(200) // now from what the server kept
    const owner = await signedIn(t.app, user)
    expect((await owner.delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(200)
    expect((await api.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('refuses a revoked API token to every one of many requests arriving together', async () => {
    await listening(t.database.principalChanges)
    const user = await makeUser(t.db)
    const token = await tokenFor(t, user)
    const api = token.client(t.app)
    const together = async () =>
      (await Promise.all(Array.from({ length: 8 }, () => api.get('/api/v1/me')))).map((r) => r.statusCode)
    expect(await together()).toEqual(Array(8).fill(200))
    const owner = await signedIn(t.app, user)
    expect((await owner.delete(`/api/v1/tokens/${token.id}`)).statusCode).toBe(200)
    expect(await together()).toEqual(Array(8).fill(401))
  })

  it('refuses a signed-out session on the very next request', async () => {
    await listening(t.database.principalChanges)
    const user = await makeUser(t.db)
    const browser = await signedIn(t.app, user)
    const copy = new Client(t.app, { ls_session: browser.cookie('ls_session')! })
    expect((await copy.get('/api/v1/me')).statusCode).toBe(200)
    expect((await copy.get('/api/v1/me')).statusCode).toBe(200)
    expect((await browser.delete('/api/v1/session')).statusCode).toBeLessThan(300)
    expect((await copy.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('refuses a disabled user on the very next request', async () => {
    await listening(t.database.principalChanges)
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const user = await makeUser(t.db)
    const api = (await tokenFor(t, user)).client(t.app)
    expect((await api.get('/api/v1/me')).statusCode).toBe(200)
    expect((await api.get('/api/v1/me')).statusCode).toBe(200)
    expect((await admin.put(`/api/v1/users/${user.id}/disabled`, { disabled: true })).statusCode).toBe(200)
    expect((await api.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('takes a removed membership and a changed role into account on the very next request', async () => {
    await listening(t.database.principalChanges)
    const org = await makeOrganization(t.db)
    const admin = await signedIn(t.app, await makeMember(t.db, org, 'admin'))
    const member = await makeMember(t.db, org, 'member')
    const api = (await tokenFor(t, member)).client(t.app)
    const rename = () => api.patch(`/api/v1/organizations/${org.id}`, { name: 'Renamed by a member' })
    expect((await api.get(`/api/v1/organizations/${org.id}`)).statusCode).toBe(200)
    expect((await rename()).statusCode).toBe(403)
    expect(
      (await admin.put(`/api/v1/organizations/${org.id}/members/${member.id}`, { role: 'admin' })).statusCode,
    ).toBe(204)
    expect((await rename()).statusCode).toBe(200)
    expect((await api.get(`/api/v1/organizations/${org.id}`)).statusCode).toBe(200)
    expect((await admin.delete(`/api/v1/organizations/${org.id}/members/${member.id}`)).statusCode).toBe(204)
    expect([403, 404]).toContain((await api.get(`/api/v1/organizations/${org.id}`)).statusCode)
  })

  it('hears of a change made by SQL behind its back through NOTIFY', async () => {
    await listening(t.database.principalChanges)
    const user = await makeUser(t.db)
    const token = await tokenFor(t, user)
    const api = token.client(t.app)
    expect((await api.get('/api/v1/me')).statusCode).toBe(200)
    const word = wordAbout(t.database.principalChanges, user.id)
    // Raw SQL passes no Kysely plugin: only the database's trigger can tell.
    await sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${token.id}`.execute(t.db)
    await word
    expect((await api.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('tells another server of the same database within the stated bound', async (ctx) => {
    if (!t.database.databaseUrl) return ctx.skip() // PGlite: one process per folder, tested above
    const other: OpenDatabase = await openDatabase({ databaseUrl: t.database.databaseUrl, dataDir: '' })
    const app2 = await buildApp({
      db: other.db,
      config: t.config,
      logger: false,
      principalChanges: other.principalChanges,
    })
    try {
      await Promise.all([listening(t.database.principalChanges), listening(other.principalChanges)])
      const org = await makeOrganization(t.db)
      const admin = await signedIn(t.app, await makeMember(t.db, org, 'admin'))
      const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
      const member = await makeMember(t.db, org, 'member')
      const read = (c: Client) => async () => (await c.get(`/api/v1/organizations/${org.id}`)).statusCode
      const me = (c: Client) => async () => (await c.get('/api/v1/me')).statusCode

      // A revoked token (heard of through NOTIFY), a signed-out session, a disabled user, a role
      // change, a removed membership.
      const tokenUser = await makeUser(t.db)
      const revoked = await tokenFor(t, tokenUser)
      expect(await me(revoked.client(app2))()).toBe(200)
      const heard = wordAbout(other.principalChanges, tokenUser.id)
      expect((await (await signedIn(t.app, tokenUser)).delete(`/api/v1/tokens/${revoked.id}`)).statusCode).toBe(200)
      await heard
      expect(await me(revoked.client(app2))()).toBe(401)

      const browserUser = await makeUser(t.db)
      const browser = await signedIn(t.app, browserUser)
      const elsewhere = new Client(app2, { ls_session: browser.cookie('ls_session')! })
      expect(await me(elsewhere)()).toBe(200)
      expect((await browser.delete('/api/v1/session')).statusCode).toBeLessThan(300)
      expect(await eventually(me(elsewhere), 401)).toBe(401)

      const disabled = await makeUser(t.db)
      const disabledApi = (await tokenFor(t, disabled)).client(app2)
      expect(await me(disabledApi)()).toBe(200)
      expect((await staff.put(`/api/v1/users/${disabled.id}/disabled`, { disabled: true })).statusCode).toBe(200)
      expect(await eventually(me(disabledApi), 401)).toBe(401)

      const memberApi = (await tokenFor(t, member)).client(app2)
      const rename = async () =>
        (await memberApi.patch(`/api/v1/organizations/${org.id}`, { name: 'Renamed elsewhere' })).statusCode
      expect(await rename()).toBe(403)
      expect(await read(memberApi)()).toBe(200)
      expect(
        (await admin.put(`/api/v1/organizations/${org.id}/members/${member.id}`, { role: 'admin' })).statusCode,
      ).toBe(204)
      expect(await eventually(rename, 200)).toBe(200)
      expect((await admin.delete(`/api/v1/organizations/${org.id}/members/${member.id}`)).statusCode).toBe(204)
      const gone = await eventually(read(memberApi), 404)
      expect([403, 404]).toContain(gone)
    } finally {
      await app2.close()
      await other.close()
    }
  })
})
