// Live pages, on both databases: a participant's open stream hears a new message and the release;
// an outsider's hears nothing of the case, an owner hears of its alert but not of the case, the
// finder's follow-up link hears of the release as news of its report; a stream needs a signed-in
// caller and a person holds only so many; on PostgreSQL, a change committed through one server
// reaches a stream held by another server of the same database.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { describeEachDatabase, signedIn, type ApiTestContext, type Client } from '../support/api.js'
import { makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'
import { embargoedSendmailCase } from '../support/embargoedCase.js'
import { drainAfterRelease } from '../support/afterRelease.js'
import { openStream, type OpenStream } from '../support/eventStreams.js'
import { buildApp } from '../../src/adapters/http/app.js'
import { openDatabase } from '../../src/store/database.js'
import { hashSecret } from '../../src/security/tokens.js'
import type { PrincipalChanges } from '../../src/store/principalChanges.js'
import { STREAMS_PER_PERSON } from '../../src/adapters/http/routes/events.js'
import { loadValidators, stopValidators } from '../../src/commands/release/csafCheck.js'

const DAY = 86_400_000

/** Resolves once the server's LISTEN connection listens (the same one carries the live events). */
function listening(changes: PrincipalChanges): Promise<void> {
  return new Promise((resolve) => {
    const stop = changes.subscribe({
      changed: () => undefined,
      listening: (on) => on && (queueMicrotask(() => stop()), resolve()),
    })
  })
}

async function baseUrlOf(app: FastifyInstance): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('not listening')
  return `http://127.0.0.1:${address.port}`
}

// The release checks its CSAF document in a worker that takes seconds of CPU to load: loaded once
// for the file, before the tests, so that no test's time goes to it.
beforeAll(() => loadValidators(), 180_000)
afterAll(() => stopValidators())

async function postToCase(staff: Client, caseId: string, body: string): Promise<void> {
  const posted = await staff.post(`/api/v1/cases/${caseId}/threads/case/messages`, { body, tlp: 'AMBER' })
  expect(posted.statusCode, posted.body).toBe(201)
}
const messageIn = (caseId: string) => ({ kind: 'message.posted', caseId })

const sessionOf = (client: Client) => ({ headers: { cookie: `ls_session=${client.cookie('ls_session')}` } })

describeEachDatabase('live events', (t: ApiTestContext) => {
  const streams: OpenStream[] = []
  let base = ''
  const stream = async (client: Client) => {
    const s = await openStream(`${base}/api/v1/events`, sessionOf(client))
    streams.push(s)
    return s
  }
  beforeAll(async () => {
    base = await baseUrlOf(t.app)
    await listening(t.database.principalChanges)
  })
  afterAll(() => streams.forEach((s) => s.close()))

  it('tells those in the case of a message and of the release, the owner of its alert, and outsiders nothing', async () => {
    const w = await embargoedSendmailCase(t, new Date(Date.now() + 10 * DAY))
    const outsiderUser = await makeUser(t.db)
    const outsider = await signedIn(t.app, outsiderUser)
    // The outsider's own report: its news, told last, shows the outsider's stream is delivering.
    const own = await makeReport(t.db, { reporterUserId: outsiderUser.id })
    const ownerOrg = await makeOrganization(t.db, { name: `Riverside ${Math.random()}`, kind: 'owner' })
    const owner = await signedIn(t.app, await makeMember(t.db, ownerOrg, 'admin'))
    const upload = await owner.request(
      'PUT',
      `/api/v1/organizations/${ownerOrg.id}/inventory?asset=mail%20relay`,
      'pkg:generic/sendmail@8.12.7\n',
      { 'content-type': 'text/plain' },
    )
    expect(upload.statusCode, upload.body).toBe(200)
    const token = `follow-up-${Math.random()}`
    await t.db
      .updateTable('reports')
      .set({ follow_up_token_hash: hashSecret(token) })
      .where('case_id', '=', w.c.id)
      .execute()

    const staffStream = await stream(w.staff)
    const vendorStream = await stream(w.vendor)
    const outsiderStream = await stream(outsider)
    const ownerStream = await stream(owner)
    const followUp = await openStream(`${base}/api/v1/reports/follow-up/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    })
    streams.push(followUp)
    expect([staffStream, vendorStream, outsiderStream, ownerStream, followUp].map((s) => s.status)).toEqual([
      200, 200, 200, 200, 200,
    ])

    await postToCase(w.staff, w.c.id, 'The fix is in 8.12.8.')
    expect(await vendorStream.next((e) => e.kind === 'message.posted')).toEqual(messageIn(w.c.id))
    // The message is also a notification for the vendor: its bell hears of it, and only its bell.
    expect((await vendorStream.next((e) => e.kind === 'notification.created')).kind).toBe('notification.created')

    const released = await w.staff.post(`/api/v1/cases/${w.c.id}/release`, { reason: 'The patch is public.' })
    expect(released.statusCode, released.body).toBe(200)
    for (const s of [vendorStream, staffStream])
      expect(await s.next((e) => e.kind === 'case.released')).toEqual({ kind: 'case.released', caseId: w.c.id })
    expect(await followUp.next(() => true)).toEqual({ kind: 'report.changed' })

    // The owners' alerts come from the after-release job.
    expect(await drainAfterRelease({ db: t.db, config: t.config, cvePublisher: null })).toBe(1)
    expect(await ownerStream.next((e) => e.kind === 'alert.created')).toEqual({ kind: 'alert.created' })
    expect((await owner.get(`/api/v1/organizations/${ownerOrg.id}/alerts`)).json()).toHaveLength(1)

    await t.db
      .insertInto('report_messages')
      .values({ report_id: own.id, author: 'coordinator', body: 'Thanks!' })
      .execute()
    expect(await outsiderStream.next((e) => e.reportId === own.id)).toEqual({
      kind: 'message.posted',
      reportId: own.id,
    })
    // Events leave each stream in order: anything of the case would have come before.
    expect(outsiderStream.events).toEqual([{ kind: 'message.posted', reportId: own.id }])
    expect(ownerStream.events.filter((e) => e.caseId)).toEqual([])
    expect(staffStream.events.filter((e) => e.kind === 'notification.created')).toEqual([])
    expect(vendorStream.events.filter((e) => e.reportId === own.id)).toEqual([])
  })

  it('wants a signed-in caller, and holds a few streams per person', async () => {
    expect((await openStream(`${base}/api/v1/events`)).status).toBe(401)
    const person = await signedIn(t.app, await makeUser(t.db))
    const open = []
    for (let i = 0; i < STREAMS_PER_PERSON; i++) open.push(await stream(person))
    expect(open.map((s) => s.status)).toEqual(open.map(() => 200))
    const one = await openStream(`${base}/api/v1/events`, sessionOf(person))
    expect(one.status).toBe(429)
    // A tab closed frees its place.
    open[0]!.close()
    await expect
      .poll(async () => {
        const again = await openStream(`${base}/api/v1/events`, sessionOf(person))
        streams.push(again)
        return again.status
      })
      .toBe(200)
    // Signing out ends the session's streams.
    expect((await person.delete('/api/v1/session')).statusCode).toBeLessThan(300)
    await open[1]!.ended
    const wrongLink = await openStream(`${base}/api/v1/reports/follow-up/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'not-a-link' }),
    })
    expect(wrongLink.status).toBe(404)
  })

  it.runIf(t.backend === 'postgres')(
    'passes on a change committed through one server to a stream held by another',
    async () => {
      const other = await openDatabase({ databaseUrl: t.database.databaseUrl!, dataDir: '' })
      const second = await buildApp({
        db: other.db,
        config: t.config,
        logger: false,
        principalChanges: other.principalChanges,
        liveEvents: other.liveEvents,
      })
      try {
        await listening(other.principalChanges)
        const secondBase = await baseUrlOf(second)
        const w = await embargoedSendmailCase(t, new Date(Date.now() + 10 * DAY))
        const onSecond = await openStream(`${secondBase}/api/v1/events`, sessionOf(w.vendor))
        streams.push(onSecond)
        expect(onSecond.status).toBe(200)
        await postToCase(w.staff, w.c.id, 'Through the first server.')
        expect(await onSecond.next((e) => e.kind === 'message.posted')).toEqual(messageIn(w.c.id))
      } finally {
        await second.close()
        await other.close()
      }
    },
  )
})
