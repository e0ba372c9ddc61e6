// Bad input gets a clear problem+json naming the field and the problem, the right status, no
// stack trace, and nothing written.
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeUser } from '../support/factories.js'

describeEachDatabase('bad input', (t) => {
  async function adminClient() {
    return signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
  }
  const organizationCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('organizations')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('malformed JSON: 400, nothing written', async () => {
    const admin = await adminClient()
    const before = await organizationCount()
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: {
        'content-type': 'application/json',
        cookie: `ls_session=${admin.cookie('ls_session')}`,
        'x-csrf-token': admin.csrf!,
      },
      payload: '{"name": "Acme", "kind": ',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('application/problem+json')
    expect(bad.json()).toMatchObject({ status: 400, title: 'Bad request' })
    expect(bad.body).not.toMatch(/at .*\.js:\d+/)
    expect(await organizationCount()).toBe(before)
  })

  it('wrong types and missing fields: 422 naming each field', async () => {
    const admin = await adminClient()
    const res = await admin.post('/api/v1/organizations', { name: 42 })
    expect(res.statusCode).toBe(422)
    const fields = res.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['name', 'kind']))
    expect(res.json().detail).toMatch(/name/)
  })

  it('an unknown field: 422 naming it, nothing written', async () => {
    const admin = await adminClient()
    const before = await organizationCount()
    const res = await admin.post('/api/v1/organizations', { name: 'Acme', kind: 'vendor', colour: 'blue' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toContainEqual({ field: 'colour', message: 'is not a known field' })
    expect(await organizationCount()).toBe(before)
  })

  it('a value outside its enumeration: 422 saying what is allowed', async () => {
    const admin = await adminClient()
    const res = await admin.post('/api/v1/organizations', { name: 'Acme', kind: 'reseller' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0]).toMatchObject({ field: 'kind' })
    expect(res.json().errors[0].message).toMatch(/vendor/)
  })

  it('an oversized body: 413', async () => {
    const admin = await adminClient()
    const res = await admin.post('/api/v1/organizations', { name: 'x'.repeat(2 * 1024 * 1024), kind: 'vendor' })
    expect(res.statusCode).toBe(413)
    expect(res.json().title).toBe('Request body too large')
  })

  it('a bad API token: 401 saying so', async () => {
    const res = await Client.withToken(t.app, 'lsk_not-a-real-token').get('/api/v1/me')
    expect(res.statusCode).toBe(401)
    expect(res.json().detail).toMatch(/API token is not valid/)
  })

  it('a conflict: 409 with a message a person can act on', async () => {
    const admin = await adminClient()
    expect(
      (await admin.post('/api/v1/organizations', { name: 'Sendmail Consortium', kind: 'vendor' })).statusCode,
    ).toBe(201)
    const again = await admin.post('/api/v1/organizations', { name: 'Sendmail Consortium', kind: 'vendor' })
    expect(again.statusCode).toBe(409)
    expect(again.json().detail).toMatch(/sendmail-consortium.*already exists/)
  })

  it('a weak password: 422 naming the field', async () => {
    const admin = await adminClient()
    const res = await admin.post('/api/v1/users', { email: 'weak@example.test', name: 'Weak', password: 'short' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toContainEqual({ field: 'password', message: 'must be at least 12 characters long' })
    expect(
      await t.db.selectFrom('users').select('id').where('email', '=', 'weak@example.test').executeTakeFirst(),
    ).toBeUndefined()
  })

  it('an unknown path: 404 problem+json', async () => {
    const res = await Client.anonymous(t.app).get('/api/v1/nothing-here')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('an unknown time zone: 422 naming timeZone', async () => {
    const user = await signedIn(t.app, await makeUser(t.db))
    const res = await user.patch('/api/v1/me', { timeZone: 'Mars/Olympus_Mons' })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].field).toBe('timeZone')
  })
})
