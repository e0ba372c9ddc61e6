// The finder hears from the coordinators by mail, through the real delivery and an SMTP sink: the
// receipt with the private link (which opens the follow-up page), the coordinator's reply (only a
// notice in clear, the words encrypted to the key given with the report), each change of state in
// plain words, and the publication of the advisory.
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeUser } from '../support/factories.js'
import {
  armoredPartOf,
  gnupgWith,
  startMailServiceToSink,
  startSmtpSink,
  waitFor,
  type SmtpSink,
} from '../support/mail.js'
import type { MailService } from '../../src/adapters/mail/mailService.js'
import { generateInstanceKey } from '../../src/mail/pgp.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { system } from '../../src/domain/actor.js'
import { solveChallenge } from '../../src/security/proofOfWork.js'
import { writePreference } from '../../src/store/notifications.js'
import type { UserRow } from '../../src/store/schema.js'

describeEachDatabase('finder mail', (t) => {
  let sink: SmtpSink
  let mail: MailService
  let staff: Client
  let staffUser: UserRow

  beforeAll(async () => {
    sink = await startSmtpSink()
    mail = await startMailServiceToSink(
      t.db,
      { ...t.config, mail: { ...t.config.mail, relayUrl: sink.url, listenPort: null } },
      sink,
    )
    staffUser = await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' })
    staff = await signedIn(t.app, staffUser)
  }, 60_000)

  afterAll(async () => {
    await mail?.stop()
    await sink?.close()
  })

  const mailTo = (address: string, subject: string) =>
    waitFor(`“${subject}” to ${address}`, () =>
      sink.messages.find((m) => m.to.includes(address) && m.raw.includes(subject)),
    )

  async function report(email: string, pgpKey?: string) {
    const finder = Client.anonymous(t.app)
    const { challenge, bits } = (await finder.get('/api/v1/reports/challenge')).json()
    const res = await finder.post('/api/v1/reports', {
      anonymous: false,
      reporter: { name: 'Lee Finder', email, ...(pgpKey ? { pgpKey } : {}) },
      title: 'Remote root in sendmail header processing',
      affected: [{ vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null }],
      description: 'A buffer overflow in crackaddr() lets a remote attacker run code as root.',
      publicAlready: false,
      exploitedAlready: false,
      credit: { preference: 'name', text: 'Lee Finder' },
      proof: { challenge, nonce: solveChallenge(challenge, bits) },
    })
    expect(res.statusCode).toBe(201)
    const { trackingId, followUpUrl } = res.json() as { trackingId: string; followUpUrl: string }
    const listed = (await staff.get('/api/v1/reports?limit=100&sort=newest')).json().items as {
      id: string
      trackingId: string
    }[]
    return { trackingId, followUpUrl, id: listed.find((r) => r.trackingId === trackingId)!.id }
  }

  it('sends a receipt whose link opens the follow-up page, the reply as a bare notice, each state in plain words, and the publication', async () => {
    const address = `lee-${Date.now()}@finder.example`
    const r = await report(address)

    const receipt = await simpleParser((await mailTo(address, `[${r.trackingId}] Report received`)).raw)
    expect(receipt.text).toContain(r.followUpUrl)
    const token = r.followUpUrl.slice(r.followUpUrl.lastIndexOf('/') + 1)
    const opened = await Client.anonymous(t.app).post('/api/v1/reports/follow-up', { token })
    expect(opened.statusCode).toBe(200)
    expect(opened.json().trackingId).toBe(r.trackingId)

    // The reply is AMBER and the finder gave no key: the mail says there is a reply, not what it is.
    const replied = await staff.post(`/api/v1/reports/${r.id}/messages`, {
      body: 'Which sendmail.cf did you test with?',
      tlp: 'AMBER',
    })
    expect(replied.statusCode).toBe(201)
    const reply = await mailTo(address, `[${r.trackingId}] The coordinator wrote to you`)
    expect(reply.raw).not.toContain('sendmail.cf')
    expect((await simpleParser(reply.raw)).text).toContain('private link')

    expect((await staff.post(`/api/v1/reports/${r.id}/transitions`, { event: 'validate' })).statusCode).toBe(200)
    const checked = await simpleParser((await mailTo(address, `[${r.trackingId}] Being checked with you`)).raw)
    expect(checked.text).toContain('confirmed the flaw you reported')

    const opening = await staff.post('/api/v1/cases', { reportIds: [r.id], title: 'Remote root in sendmail' })
    expect(opening.statusCode).toBe(201)
    const told = await simpleParser((await mailTo(address, `[${r.trackingId}] Vendors being told`)).raw)
    expect(told.text).not.toContain('Accepted for coordination')

    const released = await releaseCase(
      t.db,
      opening.json().id,
      new Date(),
      { kind: 'immediate', actor: system, reason: 'Published with the vendor' },
      { config: t.config },
    )
    if (!released.released) throw new Error(`not released: ${released.why}`)
    const published = await simpleParser((await mailTo(address, 'The advisory is published')).raw)
    expect(published.text).toContain(released.advisoryId)
  })

  it('tells the coordinators of a new report in the app, and mails at once only those who chose so', async () => {
    const eager = await makeUser(t.db, { instanceRole: 'coordinator' })
    await writePreference(t.db, eager.id, 'report', 'now')
    const away = await makeUser(t.db, { instanceRole: 'coordinator', disabled: true })
    const outsider = await makeUser(t.db)
    await writePreference(t.db, outsider.id, 'report', 'now')

    const r = await report(`lee-${Date.now()}@finder.example`)
    const told = await t.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'link'])
      .where('report_id', '=', r.id)
      .execute()
    const toldIds = told.map((n) => n.user_id)
    expect(toldIds).toEqual(expect.arrayContaining([staffUser.id, eager.id]))
    expect(toldIds).not.toContain(away.id)
    expect(toldIds).not.toContain(outsider.id)
    for (const n of told) {
      expect(n.title).toBe(`New report ${r.trackingId}: Remote root in sendmail header processing`)
      expect(n.link).toBe(`/reports/${r.id}`)
    }

    const mailed = (
      await t.db
        .selectFrom('mail_outbox')
        .select(['recipient_user_id', 'to_address', 'data'])
        .where('template', '=', 'needs.item')
        .execute()
    ).filter((m) => (m.data as { link: string }).link === `/reports/${r.id}`)
    expect(mailed.map((m) => [m.recipient_user_id, m.to_address])).toEqual([[eager.id, eager.email]])
  })

  it('encrypts the reply to the key the finder gave with the report', async () => {
    const address = `kim-${Date.now()}@finder.example`
    const key = await generateInstanceKey('Kim Finder', address)
    const r = await report(address, key.armoredPublicKey)
    await staff.post(`/api/v1/reports/${r.id}/messages`, { body: 'Which sendmail.cf did you test with?', tlp: 'AMBER' })
    const reply = await mailTo(address, `[${r.trackingId}] The coordinator wrote to you`)
    expect(reply.raw).toMatch(/multipart\/encrypted/)
    expect(reply.raw).not.toContain('sendmail.cf')
    const gpg = gnupgWith(key.armoredPrivateKey)
    try {
      gpg.importPublic(mail.instanceKey.armoredPublicKey)
      const inner = await simpleParser(gpg.decrypt(armoredPartOf(reply.raw)))
      expect(inner.text).toContain('Which sendmail.cf did you test with?')
    } finally {
      gpg.close()
    }
  })
})
