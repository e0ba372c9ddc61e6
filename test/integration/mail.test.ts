// Mail both ways against real SMTP on loopback: notifications leave after commit through a relay
// (an smtp-server sink), encrypted and signed PGP/MIME for recipients with a key (GnuPG opens
// them), a bare notice for the others; replies come back through the listener into the thread;
// mail to the intake address becomes a report; bad mail is refused or kept with a note.
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase, signedIn, type Client } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'
import {
  armoredPartOf,
  gnupgWith,
  sendMail,
  startMailServiceToSink,
  startSmtpSink,
  waitFor,
  type SmtpSink,
} from '../support/mail.js'
import type { MailService } from '../../src/adapters/mail/mailService.js'
import { encryptAndSign, generateInstanceKey } from '../../src/mail/pgp.js'
import { setOwnKey } from '../../src/commands/pgpKeys.js'
import { warnExpiringKeys } from '../../src/mail/keyExpiry.js'
import * as openpgp from 'openpgp'
import { queues } from '../../src/jobs/jobQueue.js'
import type { Config } from '../../src/config.js'

const DOMAIN = 'lockstep.test'

describeEachDatabase('mail', (t) => {
  let sink: SmtpSink
  let mail: MailService
  let config: Config
  let staff: Client

  beforeAll(async () => {
    sink = await startSmtpSink()
    config = {
      ...t.config,
      mail: {
        ...t.config.mail,
        domain: DOMAIN,
        intakeAddress: `report@${DOMAIN}`,
        relayUrl: sink.url,
        listenPort: 0,
        sizeLimitBytes: 256 * 1024,
      },
    }
    mail = await startMailServiceToSink(t.db, config, sink)
    staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }))
  }, 60_000)

  afterAll(async () => {
    await mail?.stop()
    await sink?.close()
  })

  const to = (address: string) => sink.messages.filter((m) => m.to.includes(address))

  async function world() {
    const finderKey = await generateInstanceKey('Fran Finder', 'fran@iss.example')
    const finder = await makeUser(t.db, {
      name: 'Fran Finder',
      email: `fran-${Math.random().toString(36).slice(2)}@iss.example`,
    })
    await setOwnKey(t.db, finder.id, finderKey.armoredPublicKey)
    const c = await makeCase(t, { finder })
    const vendorOrg = await makeOrganization(t.db, { name: 'Red Hat' })
    const vendor = await makeMember(t.db, vendorOrg, 'admin', { name: 'Rae Hat' })
    return { c, finder, finderKey, vendorOrg, vendor }
  }

  it('encrypts a message to a participant with a key (GnuPG opens it and checks the signature), sends only a notice to one without, and records both', async () => {
    const w = await world()
    await staff.post(`/api/v1/cases/${w.c.id}/participants`, { organizationId: w.vendorOrg.id, roles: ['vendor'] })
    const posted = await staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, {
      body: 'crackaddr() overflows on <><><> headers; patch attached next week.',
      tlp: 'AMBER',
    })
    expect(posted.statusCode).toBe(201)

    const toFinder = await waitFor('the finder’s notification', () =>
      to(w.finder.email).find((m) => m.raw.includes('New message')),
    )
    expect(toFinder.raw).toMatch(/Content-Type: multipart\/encrypted;\s+protocol="application\/pgp-encrypted"/)
    expect(toFinder.raw).not.toContain('crackaddr')
    expect(toFinder.raw).toMatch(/Subject: \[LS-\d{4}-\d{4}\] New message/)
    const gpg = gnupgWith(w.finderKey.armoredPrivateKey)
    try {
      gpg.importPublic(mail.instanceKey.armoredPublicKey)
      const inner = await simpleParser(gpg.decrypt(armoredPartOf(toFinder.raw)))
      expect(inner.text).toContain('crackaddr() overflows on <><><> headers')
      expect(inner.text).toContain('Casey Coordinator wrote in “Everyone in the case”')
      const status = gpg.decryptionStatus(armoredPartOf(toFinder.raw))
      expect(status).toContain(`VALIDSIG ${mail.instanceKey.fingerprint}`)
    } finally {
      gpg.close()
    }
    const replyTo = /Reply-To: (reply\+[\w-]+@lockstep\.test)/.exec(toFinder.raw)?.[1]
    expect(replyTo).toBeDefined()

    // The vendor's admin has no key: a notice with a link, no details, no reply address.
    const toVendor = await waitFor('the vendor’s notice', () =>
      to(w.vendor.email).find((m) => m.raw.includes('new message')),
    )
    expect(toVendor.raw).not.toContain('crackaddr')
    expect(toVendor.raw).not.toContain('Reply-To')
    expect(toVendor.raw).toContain('Sign in to read them')

    // The ledger records each mail once it is sent (just after the relay took it). The finder may
    // also have had word of their report's new state: wait for the two mails of this message.
    const recorded = [`${w.finder.email} encrypted`, `${w.vendor.email} notice`]
    const ledger = await waitFor<{
      entries: { kind: string; payload: { via?: string; to: string; mode: string } }[]
      intact: boolean
    }>('both mails in the ledger', async () => {
      const res = await staff.get(`/api/v1/cases/${w.c.id}/ledger`)
      if (res.statusCode !== 200) throw new Error(`ledger: ${res.statusCode} ${res.body}`)
      const entries = res
        .json()
        .entries.filter(
          (e: { kind: string; payload: { via?: string } }) =>
            e.kind === 'information.released' && e.payload.via === 'mail',
        )
      const seen = entries.map((e: { payload: { to: string; mode: string } }) => `${e.payload.to} ${e.payload.mode}`)
      return recorded.every((r) => seen.includes(r)) ? res.json() : undefined
    })
    const byMail = ledger.entries.filter(
      (e: { kind: string; payload: { via?: string } }) => e.kind === 'information.released' && e.payload.via === 'mail',
    )
    expect(byMail.map((e: { payload: { to: string; mode: string } }) => `${e.payload.to} ${e.payload.mode}`)).toEqual(
      expect.arrayContaining(recorded),
    )
    expect(ledger.intact).toBe(true)
  })

  it('lets a vendor contact without an account receive the details encrypted and answer by e-mail into the thread', async () => {
    const w = await world()
    const contactKey = await generateInstanceKey('Sendmail Security', 'security@sendmail.example')
    const sendmail = await makeOrganization(t.db, { name: 'Sendmail Consortium' })
    await staff.post(`/api/v1/organizations/${sendmail.id}/contacts`, {
      email: 'security@sendmail.example',
      name: 'Sendmail Security',
    })
    expect(
      (await staff.post(`/api/v1/organizations/${sendmail.id}/pgp-keys`, { armored: contactKey.armoredPublicKey }))
        .statusCode,
    ).toBe(201)
    const participant = (
      await staff.post(`/api/v1/cases/${w.c.id}/participants`, { organizationId: sendmail.id, roles: ['vendor'] })
    ).json()
    await staff.post(`/api/v1/cases/${w.c.id}/threads/${participant.id}/messages`, {
      body: 'Can you have 8.12.8 ready by 3 March?',
      tlp: 'AMBER',
    })

    const notification = await waitFor('the contact’s notification', () =>
      to('security@sendmail.example').find((m) => m.raw.includes('New message')),
    )
    const gpg = gnupgWith(contactKey.armoredPrivateKey)
    try {
      gpg.importPublic(mail.instanceKey.armoredPublicKey)
      expect((await simpleParser(gpg.decrypt(armoredPartOf(notification.raw)))).text).toContain(
        'Can you have 8.12.8 ready by 3 March?',
      )
    } finally {
      gpg.close()
    }
    const replyTo = /Reply-To: (reply\+[\w-]+@lockstep\.test)/.exec(notification.raw)![1]!
    const answer = await sendMail(mail.smtp!.port, {
      from: '"Sendmail Security" <security@sendmail.example>',
      to: replyTo,
      subject: 'Re: [LS] New message',
      text: 'Yes: 8.12.8 will be ready on 3 March.\n\nOn Mon, 10 Feb 2003, Lockstep wrote:\n> Can you have 8.12.8 ready by 3 March?\n',
    })
    expect(answer.response).toMatch(/^250/)
    const thread = await waitFor('the answer in the thread', async () => {
      const messages = (await staff.get(`/api/v1/cases/${w.c.id}/threads/${participant.id}/messages`)).json()
      return messages.length === 2 ? messages : undefined
    })
    expect(thread[1]).toMatchObject({
      author: 'Sendmail Security <security@sendmail.example>',
      body: 'Yes: 8.12.8 will be ready on 3 March.',
      via: 'mail',
      tlp: 'AMBER',
    })
  })

  it('turns mail to the intake address into a report and acknowledges it; decrypts one encrypted to the instance key and checks its signature', async () => {
    const plain = await sendMail(mail.smtp!.port, {
      from: 'Mark Dowd <mdowd@iss.example>',
      to: `report@${DOMAIN}`,
      subject: 'Remote overflow in sendmail crackaddr()',
      text: 'Headers with many <> pairs overflow a static buffer in crackaddr().',
      attachments: [{ filename: 'poc.c', content: 'char buf[256]; /* <><><> */' }],
    })
    expect(plain.response).toMatch(/^250/)
    const ack = await waitFor('the acknowledgement', () =>
      to('mdowd@iss.example').find((m) => m.raw.includes('Report received')),
    )
    const trackingId = /\[(LSR-\d{4}-\d{4})\]/.exec(ack.raw)![1]!
    expect(ack.raw).toContain('/follow-up/')
    const reports = (await staff.get('/api/v1/reports?limit=100&sort=newest')).json().items
    const report = reports.find((r: { trackingId: string }) => r.trackingId === trackingId)
    const detail = (await staff.get(`/api/v1/reports/${report.id}`)).json()
    expect(detail).toMatchObject({
      title: 'Remote overflow in sendmail crackaddr()',
      reporter: { email: 'mdowd@iss.example', name: 'Mark Dowd' },
    })
    expect(detail.attachments.map((a: { filename: string }) => a.filename)).toEqual(['poc.c'])
    // The follow-up link was sent, then scrubbed from the outbox.
    const kept = await waitFor('the acknowledgement to be recorded as sent', () =>
      t.db
        .selectFrom('mail_outbox')
        .select(['raw', 'data'])
        .where('to_address', '=', 'mdowd@iss.example')
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    )
    expect(kept.raw).toBeNull()
    expect(JSON.stringify(kept.data)).not.toContain('follow-up')

    // Encrypted to the instance key, signed by a sender whose key Lockstep knows.
    const senderKey = await generateInstanceKey('Neel Mehta', 'neel@iss.example')
    const neel = await makeUser(t.db, { email: 'neel@iss.example' })
    await setOwnKey(t.db, neel.id, senderKey.armoredPublicKey)
    const inner = 'Content-Type: text/plain; charset=utf-8\r\n\r\nprescan() also overflows; details inside.\r\n'
    const armored = await encryptAndSign(inner, [mail.instanceKey.armoredPublicKey], senderKey.armoredPrivateKey)
    const boundary = 'b1'
    const raw = [
      'From: neel@iss.example',
      `To: report@${DOMAIN}`,
      'Subject: Second sendmail overflow',
      'MIME-Version: 1.0',
      `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: application/pgp-encrypted',
      '',
      'Version: 1',
      `--${boundary}`,
      'Content-Type: application/octet-stream',
      '',
      armored.replace(/\r?\n/g, '\r\n'),
      `--${boundary}--`,
      '',
    ].join('\r\n')
    expect(
      (await sendMail(mail.smtp!.port, { from: 'neel@iss.example', to: `report@${DOMAIN}`, raw })).response,
    ).toMatch(/^250/)
    const inbound = await waitFor('the encrypted report', () =>
      t.db
        .selectFrom('inbound_mail')
        .selectAll()
        .where('mail_from', '=', 'neel@iss.example')
        .where('status', '!=', 'received')
        .executeTakeFirst(),
    )
    expect(inbound.status).toBe('processed')
    expect(inbound.note).toContain(
      `signed by the sender's known key ${(await t.db.selectFrom('pgp_keys').select('fingerprint').where('user_id', '=', neel.id).executeTakeFirstOrThrow()).fingerprint}`,
    )
    const encryptedReport = (await staff.get(`/api/v1/reports/${inbound.report_id}`)).json()
    expect(encryptedReport.description).toContain('prescan() also overflows')
  })

  it('refuses unknown recipients (550), oversized mail (552) and revoked reply addresses; ignores auto-replies and its own messages', async () => {
    await expect(
      sendMail(mail.smtp!.port, { from: 'x@example.org', to: `nobody@${DOMAIN}`, subject: 'hi', text: 'hi' }),
    ).rejects.toMatchObject({ responseCode: 550 })
    await expect(
      sendMail(mail.smtp!.port, {
        from: 'x@example.org',
        to: `reply+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA@${DOMAIN}`,
        subject: 'hi',
        text: 'hi',
      }),
    ).rejects.toMatchObject({ responseCode: 550 })
    await expect(
      sendMail(mail.smtp!.port, {
        from: 'x@example.org',
        to: `report@${DOMAIN}`,
        subject: 'big',
        text: 'x'.repeat(300 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 })

    await sendMail(mail.smtp!.port, {
      from: 'vacation@example.org',
      to: `report@${DOMAIN}`,
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    })
    const ignored = await waitFor('the auto-reply to be looked at', () =>
      t.db
        .selectFrom('inbound_mail')
        .selectAll()
        .where('mail_from', '=', 'vacation@example.org')
        .where('status', '!=', 'received')
        .executeTakeFirst(),
    )
    expect(ignored).toMatchObject({ status: 'ignored', report_id: null })
    expect(ignored.note).toContain('Auto-Submitted')

    const ours = await t.db.selectFrom('mail_outbox').select('message_id').limit(1).executeTakeFirstOrThrow()
    await sendMail(mail.smtp!.port, {
      from: 'bounce@example.org',
      to: `report@${DOMAIN}`,
      subject: 'Returned mail',
      text: 'Your message',
      headers: { 'Message-ID': ours.message_id },
    })
    const loop = await waitFor('our own message to be recognised', () =>
      t.db
        .selectFrom('inbound_mail')
        .selectAll()
        .where('mail_from', '=', 'bounce@example.org')
        .where('status', '!=', 'received')
        .executeTakeFirst(),
    )
    expect(loop.note).toBe('one of our own messages came back')

    // A participant taken out of the case loses its reply address.
    const w = await world()
    const sendmail = await makeOrganization(t.db, { name: 'Sendmail Inc.' })
    await staff.post(`/api/v1/organizations/${sendmail.id}/contacts`, { email: 'psirt@sendmail-inc.example' })
    await staff.post(`/api/v1/organizations/${sendmail.id}/pgp-keys`, {
      armored: (await generateInstanceKey('PSIRT', 'psirt@sendmail-inc.example')).armoredPublicKey,
    })
    const participant = (
      await staff.post(`/api/v1/cases/${w.c.id}/participants`, { organizationId: sendmail.id, roles: ['vendor'] })
    ).json()
    const added = await waitFor('the added notice', () =>
      to('psirt@sendmail-inc.example').find((m) => /Reply-To: reply\+/.test(m.raw)),
    )
    const replyTo = /Reply-To: (reply\+[\w-]+@lockstep\.test)/.exec(added.raw)![1]!
    expect((await staff.delete(`/api/v1/cases/${w.c.id}/participants/${participant.id}`)).statusCode).toBe(204)
    await expect(
      sendMail(mail.smtp!.port, {
        from: 'psirt@sendmail-inc.example',
        to: replyTo,
        subject: 'Re',
        text: 'late answer',
      }),
    ).rejects.toMatchObject({ responseCode: 550 })
  })

  it('keeps malformed mail, with a note, and makes a report of it instead of losing it', async () => {
    const garbage = Buffer.concat([
      Buffer.from(
        `From: <garbage@example.org>\r\nTo: report@${DOMAIN}\r\nContent-Type: multipart/mixed; boundary="\r\n\r\n`,
      ),
      Buffer.from([0xff, 0xfe, 0x00, 0x80, 0x81]),
      Buffer.from('\r\n--\r\n'),
    ])
    expect(
      (await sendMail(mail.smtp!.port, { from: 'garbage@example.org', to: `report@${DOMAIN}`, raw: garbage })).response,
    ).toMatch(/^250/)
    const kept = await waitFor('the garbage to be looked at', () =>
      t.db
        .selectFrom('inbound_mail')
        .selectAll()
        .where('mail_from', '=', 'garbage@example.org')
        .where('status', '!=', 'received')
        .executeTakeFirst(),
    )
    expect(kept.status).toBe('processed')
    expect(kept.report_id).not.toBeNull()
    expect(kept.raw.equals(garbage)).toBe(true)

    // Long headers and 8-bit bytes in them (under the header limit): a report, never a crash.
    const longHeaders = Buffer.concat([
      Buffer.from(`From: huge@example.org\r\nTo: report@${DOMAIN}\r\nSubject: ${'A'.repeat(50_000)}\r\nX-Junk: `),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28]),
      Buffer.from('\r\n\r\nThe body of a report with a very long subject line.\r\n'),
    ])
    expect(
      (await sendMail(mail.smtp!.port, { from: 'huge@example.org', to: `report@${DOMAIN}`, raw: longHeaders }))
        .response,
    ).toMatch(/^250/)
    const huge = await waitFor('the long-header mail to be looked at', () =>
      t.db
        .selectFrom('inbound_mail')
        .selectAll()
        .where('mail_from', '=', 'huge@example.org')
        .where('status', '!=', 'received')
        .executeTakeFirst(),
    )
    expect(huge.status).toBe('processed')
    expect(huge.raw.length).toBe(longHeaders.length)
  })

  it('marks an address that is refused for good as failing and tells the coordinator; sends a message once even if its job runs twice', async () => {
    const w = await world()
    sink.refuse.add(w.vendor.email)
    await staff.post(`/api/v1/cases/${w.c.id}/participants`, { organizationId: w.vendorOrg.id, roles: ['vendor'] })
    const failed = await waitFor('the refusal', () =>
      t.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('to_address', '=', w.vendor.email)
        .where('status', '=', 'failed')
        .executeTakeFirst(),
    )
    expect(failed.last_error).toContain('550')
    expect(
      await t.db
        .selectFrom('mail_failing_addresses')
        .selectAll()
        .where('address', '=', w.vendor.email)
        .executeTakeFirst(),
    ).toBeDefined()
    const ledger = (await staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json()
    expect(ledger.entries.find((e: { kind: string }) => e.kind === 'mail.failed').payload).toMatchObject({
      to: w.vendor.email,
      permanent: true,
    })

    const sent = await waitFor('a sent message', () =>
      t.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('to_address', '=', w.finder.email)
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    )
    const before = to(w.finder.email).length
    await mail.boss.send(queues.mailDeliver, { outboxId: sent.id })
    await new Promise((r) => setTimeout(r, 1500))
    expect(to(w.finder.email).length).toBe(before)
  })

  it('warns a user 30 days before their key expires, once', async () => {
    const user = await makeUser(t.db, { name: 'Ken Expiring' })
    const soon = await openpgp.generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: 'Ken', email: user.email }],
      keyExpirationTime: 10 * 86_400,
      format: 'armored',
      config: { v6Keys: false },
    })
    const saved = await (await signedIn(t.app, user)).put('/api/v1/me/pgp-key', { armored: soon.publicKey })
    expect(saved.statusCode).toBe(200)
    expect(new Date(saved.json().expiresAt).getTime()).toBeGreaterThan(Date.now())
    expect(await warnExpiringKeys(t.db)).toBeGreaterThanOrEqual(1)
    expect(await warnExpiringKeys(t.db)).toBe(0)
    const warning = await waitFor('the warning', () => to(user.email).find((m) => m.raw.includes('expires on')))
    expect(warning.raw).toMatch(/Subject: Your OpenPGP key expires on \d{4}-\d{2}-\d{2}/)
  })

  it('sends again a message whose delivery was interrupted or whose job was lost, once', async () => {
    const w = await world()
    await staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, { body: 'Status update, please.', tlp: 'AMBER' })
    const sent = await waitFor('the message to be sent', () =>
      t.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('to_address', '=', w.finder.email)
        .where('template', '=', 'case.message')
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    )
    // One left claimed by a worker that died, one whose job vanished two hours ago.
    const interrupted = await t.db
      .insertInto('mail_outbox')
      .values({
        message_id: `<interrupted-${sent.id}@lockstep>`,
        to_address: w.finder.email,
        to_domain: 'iss.example',
        recipient_user_id: w.finder.id,
        case_id: w.c.id,
        thread: 'case',
        template: 'case.message',
        data: JSON.stringify(sent.data),
        confidential: true,
        tlp: 'AMBER',
        status: 'sending',
        claimed_at: new Date(Date.now() - 3_600_000),
        queued_at: new Date(Date.now() - 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const lost = await t.db
      .insertInto('mail_outbox')
      .values({
        message_id: `<lost-${sent.id}@lockstep>`,
        to_address: w.finder.email,
        to_domain: 'iss.example',
        recipient_user_id: w.finder.id,
        case_id: w.c.id,
        thread: 'case',
        template: 'case.message',
        data: JSON.stringify(sent.data),
        confidential: true,
        tlp: 'AMBER',
        queued_at: new Date(Date.now() - 3 * 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const row of [interrupted, lost]) {
      const done = await waitFor('the message to be sent again', () =>
        t.db
          .selectFrom('mail_outbox')
          .select(['status', 'message_id'])
          .where('id', '=', row.id)
          .where('status', '=', 'sent')
          .executeTakeFirst(),
      )
      await waitFor('it at the relay', () => sink.messages.find((m) => m.raw.includes(done.message_id)))
      expect(sink.messages.filter((m) => m.raw.includes(done.message_id))).toHaveLength(1)
    }
  })

  it('serves the instance key at /.well-known/lockstep.asc', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/.well-known/lockstep.asc' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/pgp-keys')
    expect(res.body).toBe(mail.instanceKey.armoredPublicKey)
  })
})
