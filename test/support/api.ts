// In-process HTTP testing (fastify.inject, no sockets) against every available database, with a
// client that signs in like a browser: session cookie, CSRF header, second factor.
import { afterAll, beforeAll, describe } from 'vitest'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/adapters/http/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { currentTotp } from '../../src/security/totp.js'
import type { UserRow } from '../../src/store/schema.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import { availableBackends, openTestDatabase, type Backend, type TestDatabase } from './databases.js'
import { PASSWORD } from './factories.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/store/schema.js'

export interface ApiTestContext {
  backend: Backend
  database: TestDatabase
  db: Kysely<Database>
  app: FastifyInstance
  config: Config
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent' }), publicUrl: 'http://localhost:8080', ...overrides }
}

/** Runs the same suite once per database backend, each with a fresh database and app. */
export function describeEachDatabase(
  title: string,
  suite: (t: ApiTestContext) => void,
  opts: { config?: Partial<Config> } = {},
): void {
  for (const backend of availableBackends()) {
    describe(`${title} [${backend}]`, () => {
      const t = { backend } as ApiTestContext
      beforeAll(async () => {
        t.database = await openTestDatabase(backend)
        t.db = t.database.db
        t.config = testConfig(opts.config)
        t.app = await buildApp({
          db: t.db,
          config: t.config,
          logger: false,
          principalChanges: t.database.principalChanges,
          liveEvents: t.database.liveEvents,
        })
        await t.app.ready()
      })
      afterAll(async () => {
        await t.app?.close()
        await t.database?.close()
      })
      suite(t)
    })
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export class Client {
  constructor(
    readonly app: FastifyInstance,
    private cookies: Record<string, string> = {},
    public csrf: string | null = null,
    private bearer: string | null = null,
  ) {}

  static anonymous(app: FastifyInstance): Client {
    return new Client(app)
  }

  static withToken(app: FastifyInstance, token: string): Client {
    return new Client(app, {}, null, token)
  }

  async request(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers }
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`
    if (Object.keys(this.cookies).length)
      h.cookie = Object.entries(this.cookies)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ')
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf
    const res = await this.app.inject({
      method,
      url,
      headers: h,
      ...(body !== undefined ? { payload: body as object } : {}),
    })
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete this.cookies[c.name]
      else this.cookies[c.name] = c.value
    }
    return res
  }

  get = (url: string) => this.request('GET', url)
  post = (url: string, body: unknown = {}) => this.request('POST', url, body)
  put = (url: string, body: unknown = {}) => this.request('PUT', url, body)
  patch = (url: string, body: unknown = {}) => this.request('PATCH', url, body)
  delete = (url: string) => this.request('DELETE', url)

  cookie(name: string): string | undefined {
    return this.cookies[name]
  }

  /** Signs in with the factory password, passing TOTP when the account has it. */
  async signIn(user: UserRow, password = PASSWORD): Promise<LightMyRequestResponse> {
    let res = await this.post('/api/v1/session', { email: user.email, password })
    if (res.statusCode !== 200) return res
    this.csrf = res.json().csrfToken
    if (res.json().stage === 'second_factor' && user.totp_secret) {
      res = await this.post('/api/v1/session/totp', { code: currentTotp(user.totp_secret) })
      if (res.statusCode === 200) this.csrf = res.json().csrfToken
    }
    return res
  }
}

export async function signedIn(app: FastifyInstance, user: UserRow): Promise<Client> {
  const client = new Client(app)
  const res = await client.signIn(user)
  if (res.statusCode !== 200 || res.json().stage !== 'complete')
    throw new Error(`sign-in of ${user.email} failed: ${res.statusCode} ${res.body}`)
  return client
}

export async function tokenClient(t: ApiTestContext, user: UserRow): Promise<Client> {
  const { token } = await createApiToken(t.db, user.id, 'test', { scope: 'read_write', expiresInDays: 30 })
  return Client.withToken(t.app, token)
}
