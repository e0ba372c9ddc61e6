import { describe, expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeUser, PASSWORD } from '../support/factories.js'
import { currentTotp } from '../../src/security/totp.js'

describeEachDatabase('signing in and out', (t) => {
  it('signs a user in with the right password and shows who they are', async () => {
    const user = await makeUser(t.db, { name: 'Rae Hat' })
    const client = new Client(t.app)
    const res = await client.signIn(user)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      signedIn: true,
      stage: 'complete',
      user: { email: user.email, name: 'Rae Hat' },
    })
    const cookie = res.cookies.find((c) => c.name === 'ls_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect((await client.get('/api/v1/me')).json().email).toBe(user.email)
  })

  it('refuses a wrong password with the same answer as an unknown e-mail', async () => {
    const user = await makeUser(t.db)
    const wrong = await Client.anonymous(t.app).post('/api/v1/session', {
      email: user.email,
      password: 'not the password at all',
    })
    const unknown = await Client.anonymous(t.app).post('/api/v1/session', {
      email: 'nobody@example.test',
      password: 'not the password at all',
    })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().detail).toBe(unknown.json().detail)
    expect(wrong.headers['content-type']).toContain('application/problem+json')
  })

  it('requires the authenticator code for staff before anything else works', async () => {
    const staff = await makeUser(t.db, { instanceRole: 'coordinator' })
    const client = new Client(t.app)
    const first = await client.post('/api/v1/session', { email: staff.email, password: PASSWORD })
    expect(first.json().stage).toBe('second_factor')
    client.csrf = first.json().csrfToken
    expect((await client.get('/api/v1/me')).statusCode).toBe(401)
    expect((await client.post('/api/v1/session/totp', { code: '000000' })).statusCode).toBe(422)
    const ok = await client.post('/api/v1/session/totp', { code: currentTotp(staff.totp_secret!) })
    expect(ok.json().stage).toBe('complete')
    expect((await client.get('/api/v1/me')).statusCode).toBe(200)
  })

  it('gives the session a new token once the second factor is passed', async () => {
    const staff = await makeUser(t.db, { instanceRole: 'coordinator' })
    const client = new Client(t.app)
    const first = await client.post('/api/v1/session', { email: staff.email, password: PASSWORD })
    const pendingToken = first.cookies.find((c) => c.name === 'ls_session')!.value
    client.csrf = first.json().csrfToken
    const done = await client.post('/api/v1/session/totp', { code: currentTotp(staff.totp_secret!) })
    const fullToken = done.cookies.find((c) => c.name === 'ls_session')!.value
    expect(fullToken).not.toBe(pendingToken)
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `ls_session=${pendingToken}` },
    })
    expect(stale.statusCode).toBe(401)
  })

  it('ends a half-signed-in session after five wrong codes', async () => {
    const staff = await makeUser(t.db, { instanceRole: 'coordinator' })
    const client = new Client(t.app)
    client.csrf = (await client.post('/api/v1/session', { email: staff.email, password: PASSWORD })).json().csrfToken
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push((await client.post('/api/v1/session/totp', { code: '000000' })).statusCode)
    expect(statuses).toEqual([422, 422, 422, 422, 401])
    expect((await client.post('/api/v1/session/totp', { code: currentTotp(staff.totp_secret!) })).statusCode).toBe(401)
  })

  it('never accepts the same authenticator code twice', async () => {
    const staff = await makeUser(t.db, { instanceRole: 'admin' })
    const code = currentTotp(staff.totp_secret!)
    const a = new Client(t.app)
    a.csrf = (await a.post('/api/v1/session', { email: staff.email, password: PASSWORD })).json().csrfToken
    expect((await a.post('/api/v1/session/totp', { code })).statusCode).toBe(200)
    const b = new Client(t.app)
    b.csrf = (await b.post('/api/v1/session', { email: staff.email, password: PASSWORD })).json().csrfToken
    expect((await b.post('/api/v1/session/totp', { code })).statusCode).toBe(422)
  })

  it('makes staff without an authenticator set one up before signing in fully', async () => {
    const staff = await makeUser(t.db, { instanceRole: 'coordinator', totp: false })
    const client = new Client(t.app)
    const res = await client.post('/api/v1/session', { email: staff.email, password: PASSWORD })
    expect(res.json().stage).toBe('totp_enrolment')
    client.csrf = res.json().csrfToken
    expect((await client.get('/api/v1/organizations')).statusCode).toBe(401)
    const { secret } = (await client.post('/api/v1/me/totp')).json()
    expect((await client.post('/api/v1/me/totp/confirm', { code: currentTotp(secret) })).statusCode).toBe(204)
    expect((await client.get('/api/v1/session')).json().stage).toBe('complete')
    expect((await client.get('/api/v1/organizations')).statusCode).toBe(200)
  })

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const user = await makeUser(t.db)
    const client = await signedIn(t.app, user)
    const res = await client.request('PATCH', '/api/v1/me', { name: 'Changed' }, { 'x-csrf-token': 'wrong' })
    expect(res.statusCode).toBe(403)
    expect((await client.get('/api/v1/me')).json().name).toBe(user.name)
  })

  it('signs out this browser, and everywhere', async () => {
    const user = await makeUser(t.db)
    const a = await signedIn(t.app, user)
    const b = await signedIn(t.app, user)
    expect((await a.delete('/api/v1/session')).statusCode).toBe(204)
    expect((await a.get('/api/v1/me')).statusCode).toBe(401)
    expect((await b.get('/api/v1/me')).statusCode).toBe(200)
    const c = await signedIn(t.app, user)
    expect((await c.delete('/api/v1/sessions')).json().ended).toBe(2)
    expect((await b.get('/api/v1/me')).statusCode).toBe(401)
    expect((await c.get('/api/v1/me')).statusCode).toBe(401)
  })

  it('ends a session that has expired', async () => {
    const user = await makeUser(t.db)
    const client = await signedIn(t.app, user)
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute()
    const res = await client.get('/api/v1/me')
    expect(res.statusCode).toBe(401)
    expect(res.json().detail).toMatch(/session has ended/)
  })

  it('ends a session left idle too long', async () => {
    const user = await makeUser(t.db)
    const client = await signedIn(t.app, user)
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 25 * 3_600_000) })
      .where('user_id', '=', user.id)
      .execute()
    expect((await client.get('/api/v1/me')).statusCode).toBe(401)
  })
})

describe('sign-in throttling', () => {
  describeEachDatabase('lockout', (t) => {
    it('locks a client out after repeated failures, but not the owner on a known browser', async () => {
      const user = await makeUser(t.db)
      const owner = await signedIn(t.app, user) // this browser now carries a device cookie
      await owner.delete('/api/v1/session')
      const attacker = Client.anonymous(t.app)
      let last = 0
      for (let i = 0; i < 25; i++) {
        const res = await attacker.post('/api/v1/session', { email: user.email, password: `guess number ${i} wrong` })
        last = res.statusCode
        if (last === 429) break
      }
      expect(last).toBe(429)
      // The right password from the attacker's client is refused while locked...
      const locked = await attacker.post('/api/v1/session', { email: user.email, password: PASSWORD })
      expect(locked.statusCode).toBe(429)
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0)
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
      // ...but the owner's own browser still gets in.
      expect((await owner.signIn(user)).statusCode).toBe(200)
    })
  })
})

describe('sign-in throttling under concurrency', () => {
  describeEachDatabase('account lock', (t) => {
    it('checks no more passwords than the lock allows when 25 wrong ones arrive at once', async () => {
      const user = await makeUser(t.db)
      // 25 clients (each its own address, so only the account-wide lock of 20 applies) at once.
      const attempt = (i: number, password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          remoteAddress: `10.9.${Math.floor(i / 200)}.${(i % 200) + 1}`,
          payload: { email: user.email, password },
        })
      const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => attempt(i, `wrong guess ${i} here`)))
      const checked = answers.filter((r) => r.statusCode === 401).length
      const locked = answers.filter((r) => r.statusCode === 429).length
      expect(checked).toBe(20)
      expect(locked).toBe(5)
      // The right password, from yet another address, is refused while the lock runs.
      const right = await attempt(99, PASSWORD)
      expect(right.statusCode).toBe(429)
    })
  })
})

describeEachDatabase(
  'behind TLS',
  (t) => {
    it('sets a Secure, __Host- prefixed session cookie and HSTS', async () => {
      const user = await makeUser(t.db)
      const res = await new Client(t.app).signIn(user)
      const cookie = res.cookies.find((c) => c.name === '__Host-ls_session')!
      expect(cookie.secure).toBe(true)
      expect(cookie.httpOnly).toBe(true)
      expect(cookie.path).toBe('/')
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
    })
  },
  { config: { publicUrl: 'https://lockstep.example.org' } },
)
