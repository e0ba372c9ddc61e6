// Report intake through the API: no account needed, a tracking ID and a private follow-up link,
// spam resistance, and bad input named field by field with nothing stored.
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeUser } from '../support/factories.js'
import { solveChallenge } from '../../src/security/proofOfWork.js'

async function proof(client: Client) {
  const { challenge, bits } = (await client.get('/api/v1/reports/challenge')).json()
  return { challenge, nonce: solveChallenge(challenge, bits) }
}

function sendmailReport(overrides: Record<string, unknown> = {}) {
  return {
    anonymous: false,
    reporter: { name: 'Mark', organization: 'ISS X-Force', email: 'xforce@iss.test' },
    title: 'Remote root in sendmail header processing',
    affected: [
      {
        vendor: 'Sendmail Consortium',
        product: 'sendmail',
        versions: '5.2 to 8.12.7',
        purl: 'pkg:generic/sendmail@8.12.7',
      },
    ],
    description:
      'A buffer overflow in crackaddr() lets a remote attacker run code as root with a crafted address header.',
    impact: 'Remote root on every mail server running sendmail.',
    publicAlready: false,
    exploitedAlready: false,
    credit: { preference: 'organization', text: 'ISS X-Force' },
    ...overrides,
  }
}

describeEachDatabase('report intake', (t) => {
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('reports')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('a finder reports without an account and follows up through the private link', async () => {
    const finder = Client.anonymous(t.app)
    const res = await finder.post('/api/v1/reports', { ...sendmailReport(), proof: await proof(finder) })
    expect(res.statusCode).toBe(201)
    const { trackingId, followUpUrl } = res.json()
    expect(trackingId).toMatch(new RegExp(`^LSR-${new Date().getUTCFullYear()}-\\d{4}$`))
    expect(followUpUrl).toMatch(/^http:\/\/localhost:8080\/follow-up\/\S{40,}$/)
    const token = followUpUrl.split('/').pop()
    const stored = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('tracking_id', '=', trackingId)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(stored)).not.toContain(token)
    expect(stored.affected[0]!.purl).toBe('pkg:generic/sendmail@8.12.7')

    const status = await Client.anonymous(t.app).post('/api/v1/reports/follow-up', { token })
    expect(status.json()).toMatchObject({ trackingId, state: 'received', stateLabel: 'Received' })
  })

  it('the reporter and the coordinator exchange messages through the follow-up link', async () => {
    const finder = Client.anonymous(t.app)
    const { followUpUrl, trackingId } = (
      await finder.post('/api/v1/reports', { ...sendmailReport(), proof: await proof(finder) })
    ).json()
    const token = followUpUrl.split('/').pop()
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const report = await t.db
      .selectFrom('reports')
      .select('id')
      .where('tracking_id', '=', trackingId)
      .executeTakeFirstOrThrow()
    const sent = await staff.post(`/api/v1/reports/${report.id}/messages`, {
      body: 'Which sendmail.cf did you test with?',
      tlp: 'AMBER',
    })
    expect(sent.statusCode).toBe(201)
    const view = (await Client.anonymous(t.app).post('/api/v1/reports/follow-up', { token })).json()
    expect(view.messages).toEqual([
      expect.objectContaining({
        author: 'coordinator',
        body: 'Which sendmail.cf did you test with?',
        tlp: 'AMBER',
        unread: true,
      }),
    ])
    // Read once, it is no longer new to the reporter.
    expect((await Client.anonymous(t.app).post('/api/v1/reports/follow-up', { token })).json().messages[0].unread).toBe(
      false,
    )
    expect(view.credit).toEqual({ preference: 'organization', text: 'ISS X-Force' })
    const reply = await Client.anonymous(t.app).post('/api/v1/reports/follow-up/messages', {
      token,
      body: 'The default one from 8.12.7.',
    })
    expect(reply.statusCode).toBe(201)
    expect(reply.json().messages.map((m: { author: string }) => m.author)).toEqual(['coordinator', 'reporter'])
    // The queue tells the coordinator the reporter answered, until they read it.
    const unreadInQueue = async () =>
      (await staff.get('/api/v1/reports?limit=100')).json().items.find((r: { id: string }) => r.id === report.id)
        .unreadMessages
    expect(await unreadInQueue()).toBe(1)
    const detail = (await staff.get(`/api/v1/reports/${report.id}`)).json()
    expect(detail.messages[1]).toMatchObject({
      author: 'reporter',
      authorName: 'Reporter',
      body: 'The default one from 8.12.7.',
      unread: true,
    })
    expect(detail.messages[0].unread).toBe(false)
    // Opening the report is a GET and changes nothing; its page then says it has been read.
    expect(await unreadInQueue()).toBe(1)
    expect((await staff.post(`/api/v1/reports/${report.id}/read`)).statusCode).toBe(204)
    expect(await unreadInQueue()).toBe(0)
    expect((await staff.get(`/api/v1/reports/${report.id}`)).json().messages[1].unread).toBe(false)
    expect(
      (await Client.anonymous(t.app).post('/api/v1/reports/follow-up/messages', { token: 'wrong', body: 'hello' }))
        .statusCode,
    ).toBe(404)
    expect(
      (await Client.anonymous(t.app).post('/api/v1/reports/follow-up/messages', { token, body: '   ' })).json()
        .errors[0].field,
    ).toBe('body')
  })

  it('a wrong follow-up link answers 404', async () => {
    const res = await Client.anonymous(t.app).post('/api/v1/reports/follow-up', { token: 'not-a-real-token' })
    expect(res.statusCode).toBe(404)
  })

  it('links a signed-in reporter to the report and takes their contact from the account', async () => {
    const user = await makeUser(t.db, { name: 'Fran Finder' })
    const client = await signedIn(t.app, user)
    const res = await client.post('/api/v1/reports', {
      ...sendmailReport({ reporter: undefined }),
      proof: await proof(client),
    })
    expect(res.statusCode).toBe(201)
    const stored = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('tracking_id', '=', res.json().trackingId)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      reporter_user_id: user.id,
      reporter_email: user.email,
      reporter_name: 'Fran Finder',
    })
  })

  it('keeps an anonymous report anonymous', async () => {
    const client = Client.anonymous(t.app)
    const res = await client.post('/api/v1/reports', {
      ...sendmailReport({ anonymous: true }),
      proof: await proof(client),
    })
    const stored = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('tracking_id', '=', res.json().trackingId)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      anonymous: true,
      reporter_name: null,
      reporter_email: null,
      reporter_organization: null,
    })
  })

  it('names every bad field and stores nothing', async () => {
    const client = Client.anonymous(t.app)
    const before = await count()
    const res = await client.post('/api/v1/reports', {
      ...sendmailReport({
        description: 'short',
        affected: [{ vendor: 'X', product: 'y', purl: 'sendmail' }],
        publicReferences: ['not a url'],
      }),
      proof: await proof(client),
    })
    expect(res.statusCode).toBe(422)
    const fields = res.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['description', 'affected.0.purl', 'publicReferences.0']))
    expect(await count()).toBe(before)
  })

  it('needs an e-mail address unless the report is anonymous', async () => {
    const client = Client.anonymous(t.app)
    const res = await client.post('/api/v1/reports', {
      ...sendmailReport({ reporter: { name: 'No Mail' } }),
      proof: await proof(client),
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors).toEqual([
      { field: 'reporter.email', message: 'is required unless you report anonymously' },
    ])
  })

  it('refuses a filled honeypot, an unsolved or reused proof of work', async () => {
    const client = Client.anonymous(t.app)
    const trap = await client.post('/api/v1/reports', {
      ...sendmailReport({ website: 'http://spam.test' }),
      proof: await proof(client),
    })
    expect(trap.json().errors[0].field).toBe('website')
    const { challenge } = (await client.get('/api/v1/reports/challenge')).json()
    const unsolved = await client.post('/api/v1/reports', { ...sendmailReport(), proof: { challenge, nonce: 'x' } })
    // A single guess solves a 16-bit challenge once in 65,536 tries; the message says which part failed.
    expect(unsolved.statusCode).toBe(422)
    expect(unsolved.json().errors[0]).toEqual({ field: 'proof', message: 'is not solved' })
    const solved = await proof(client)
    expect((await client.post('/api/v1/reports', { ...sendmailReport(), proof: solved })).statusCode).toBe(201)
    const reused = await client.post('/api/v1/reports', {
      ...sendmailReport({ title: 'Another overflow, same form' }),
      proof: solved,
    })
    expect(reused.statusCode).toBe(409)
  })

  it('answers a report sent again as it was (its answer was lost) with the same report, stored once', async () => {
    const client = Client.anonymous(t.app)
    const body = { ...sendmailReport({ title: 'Sent twice, stored once' }), proof: await proof(client) }
    // From an address of its own, outside the per-address limits the other tests here use up.
    const send = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/reports', payload: body, remoteAddress: '10.7.7.7' })
    const first = await send()
    expect(first.statusCode).toBe(201)
    const again = await send()
    expect(again.statusCode).toBe(201)
    expect(again.json().trackingId).toBe(first.json().trackingId)
    const stored = await t.db
      .selectFrom('reports')
      .select('id')
      .where('title', '=', 'Sent twice, stored once')
      .execute()
    expect(stored).toHaveLength(1)
    // Only the link of the last answer works: the lost answer's link was never seen.
    const followUp = (url: string) => client.post('/api/v1/reports/follow-up', { token: url.split('/').pop() })
    expect((await followUp(again.json().followUpUrl)).statusCode).toBe(200)
    expect((await followUp(first.json().followUpUrl)).statusCode).toBe(404)
  })

  it('limits reports per e-mail address per hour', async () => {
    const client = Client.anonymous(t.app)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await client.post('/api/v1/reports', {
            ...sendmailReport({ reporter: { email: 'busy@example.test' } }),
            proof: await proof(client),
          })
        ).statusCode,
      )
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201))
    expect(statuses[10]).toBe(429)
  })

  it('gives concurrent reports distinct tracking IDs', async () => {
    const clients = Array.from({ length: 8 }, () => Client.anonymous(t.app))
    const proofs = await Promise.all(clients.map((c) => proof(c)))
    const results = await Promise.all(
      clients.map((c, i) =>
        c.post('/api/v1/reports', {
          ...sendmailReport({ reporter: { email: `r${i}@example.test` } }),
          proof: proofs[i],
        }),
      ),
    )
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201))
    expect(new Set(results.map((r) => r.json().trackingId)).size).toBe(8)
  })
})
