// Text the database cannot hold (a NUL character, a lone UTF-16 surrogate) is refused at the HTTP
// boundary with a problem+json naming the field, wherever it comes: a JSON body, a query string, a
// path, a text body. Nothing is written. Fastify's own refusals (a malformed URL, a body that is not
// JSON, an unknown media type) are problem+json too.
import { expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { Client, describeEachDatabase, signedIn, tokenClient } from '../support/api.js'
import { makeCase, makeOrganization, makeUser } from '../support/factories.js'

const NUL = '\u0000'
const LONE_SURROGATE = '\ud800'

describeEachDatabase('hostile text', (t) => {
  const rows = async (table: 'organizations' | 'reports' | 'case_messages') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  const staff = async () => signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))

  function expectNamedRefusal(res: LightMyRequestResponse, field: string) {
    expect(res.statusCode, JSON.stringify(res.json())).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().errors).toContainEqual({ field, message: expect.stringMatching(/NUL|surrogate/) })
  }

  it('a NUL in a JSON body field: refused naming the field, nothing written', async () => {
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const before = await rows('organizations')
    const res = await admin.post('/api/v1/organizations', { name: `Acme${NUL}`, kind: 'vendor' })
    expectNamedRefusal(res, 'name')
    expect(res.statusCode).toBe(422)
    expect(await rows('organizations')).toBe(before)
  })

  it('a NUL deep inside a report (title, affected product): each named by its path', async () => {
    const before = await rows('reports')
    const res = await Client.anonymous(t.app).post('/api/v1/reports', {
      title: `Remote root${NUL}`,
      affected: [{ vendor: 'Sendmail', product: `send${NUL}mail` }],
      description: 'x',
    })
    expectNamedRefusal(res, 'title')
    expectNamedRefusal(res, 'affected.0.product')
    expect(await rows('reports')).toBe(before)
  })

  it('a NUL in a thread message and in a profile name', async () => {
    const coordinator = await staff()
    const opened = await makeCase(t)
    const threads = (await coordinator.get(`/api/v1/cases/${opened.id}/threads`)).json()
    const before = await rows('case_messages')
    const posted = await coordinator.post(`/api/v1/cases/${opened.id}/threads/${threads[0].id}/messages`, {
      body: `hello${NUL}`,
      tlp: 'AMBER',
    })
    expectNamedRefusal(posted, 'body')
    expect(await rows('case_messages')).toBe(before)
    expectNamedRefusal(await coordinator.patch('/api/v1/me', { name: `Ann${NUL}` }), 'name')
  })

  it('a lone UTF-16 surrogate in JSON (as the escape \\ud800): refused naming the field', async () => {
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const before = await rows('organizations')
    const res = await admin.request('POST', '/api/v1/organizations', `{"name":"Acme\\ud800","kind":"vendor"}`, {
      'content-type': 'application/json',
    })
    expectNamedRefusal(res, 'name')
    expect(await rows('organizations')).toBe(before)
    expectNamedRefusal(await admin.patch('/api/v1/me', { name: `Ann${LONE_SURROGATE}x` }), 'name')
  })

  it('a NUL in a query string or a path: refused naming it', async () => {
    const coordinator = await staff()
    expectNamedRefusal(await coordinator.get('/api/v1/organizations?q=acme%00'), 'querystring.q')
    expectNamedRefusal(await coordinator.get('/api/v1/cases/LS-2026-%00'), 'params.id')
    expectNamedRefusal(await Client.anonymous(t.app).get('/advisories?q=%00'), 'querystring.q')
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const upload = await admin.request(
      'PUT',
      `/api/v1/organizations/${org.id}/inventory?asset=mail%00server`,
      'pkg:npm/left-pad@1.3.0\n',
      { 'content-type': 'text/plain' },
    )
    expectNamedRefusal(upload, 'querystring.asset')
  })

  it('a NUL in a text body (a purl list): refused naming the body', async () => {
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const upload = await admin.request(
      'PUT',
      `/api/v1/organizations/${org.id}/inventory?asset=mail`,
      `pkg:npm/left-pad@1.3.0${NUL}\n`,
      { 'content-type': 'text/plain' },
    )
    expectNamedRefusal(upload, 'body')
  })
  it('an SBOM component whose version or purl escapes a NUL: refused, naming the component, nothing stored', async () => {
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const sbom = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      components: [
        { type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0' },
        { type: 'library', name: 'evil', version: `1.0${NUL}`, purl: `pkg:npm/evil@1.0${NUL}` },
        { type: 'library', name: 'odd', version: `2.0${LONE_SURROGATE}` },
      ],
    })
    const upload = await admin.request('PUT', `/api/v1/organizations/${org.id}/inventory?asset=mail`, sbom, {
      'content-type': 'application/vnd.cyclonedx+json',
    })
    expect(upload.statusCode, upload.body).toBe(422)
    expect(upload.headers['content-type']).toContain('application/problem+json')
    expect(upload.json().detail).toMatch(/\/components\/1\/version: holds a NUL/)
    const assets = await admin.request('GET', `/api/v1/organizations/${org.id}/assets`)
    expect(assets.json()).toEqual([])
  })
})

describeEachDatabase("fastify's own refusals", (t) => {
  const expectProblem = (res: LightMyRequestResponse, status: number) => {
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({
      status,
      type: expect.stringMatching(/^tag:lockstep/),
      detail: expect.any(String),
    })
  }

  it('a malformed URL: 400 problem+json', async () => {
    expectProblem(await Client.anonymous(t.app).get('/api/v1/cases/%E0%A4%A'), 400)
  })

  it('a body that is not JSON, or of a type no route reads: problem+json', async () => {
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    expectProblem(
      await admin.request('POST', '/api/v1/organizations', '{"name": ', { 'content-type': 'application/json' }),
      400,
    )
    expectProblem(
      await admin.request('POST', '/api/v1/organizations', '<x/>', { 'content-type': 'application/x-unknown' }),
      415,
    )
  })
})

describeEachDatabase('steps that belong to a browser session', (t) => {
  it('called with an API token: 400 saying so, not a 500', async () => {
    const user = await makeUser(t.db)
    const client = await tokenClient(t, user)
    const key = { id: 'a', rawId: 'a', type: 'public-key', response: {} }
    const calls: [string, unknown][] = [
      ['/api/v1/session/webauthn/options', {}],
      ['/api/v1/session/totp', { code: '000000' }],
      ['/api/v1/session/webauthn', { response: key }],
      ['/api/v1/me/security-keys', { name: 'Key', response: key }],
    ]
    for (const [path, body] of calls) {
      const res = await client.post(path, body)
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400)
      expect(res.json().detail).toMatch(/browser session/)
    }
  })
})
