// Incoming mail under hostile or unlucky conditions, against the real listener on loopback: a
// message over the size limit is counted as it arrives and never held whole; what the listener can
// see it could not act on is refused before 250; whatever got 250 becomes a report or a post, with
// what could not be read said on it; a reply from someone other than the reply address's owner is
// not posted in the owner's name; a crash between the steps of processing makes nothing twice, and
// mail left unprocessed by a dead server is processed as soon as a server starts.
import net from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase, signedIn, type Client } from '../support/api.js'
import { makeCase, makeUser } from '../support/factories.js'
import { sendMail, startMailServiceToSink, startSmtpSink, waitFor, type SmtpSink } from '../support/mail.js'
import type { MailService } from '../../src/adapters/mail/mailService.js'
import { processInbound } from '../../src/adapters/mail/inbound/process.js'
import { replyAddressFor } from '../../src/mail/replyAddresses.js'
import { instanceSecret } from '../../src/store/instanceSecrets.js'
import { hashSecret } from '../../src/security/tokens.js'
import { encryptAndSign, generateInstanceKey } from '../../src/mail/pgp.js'
import { setOwnKey } from '../../src/commands/pgpKeys.js'
import type { Config } from '../../src/config.js'

const DOMAIN = 'lockstep.test'
const LIMIT = 256 * 1024
const INTAKE = `report@${DOMAIN}`

/** A short SMTP conversation by hand: each command's answer, up to the first failure. */
async function converse(port: number, commands: string[]): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1')
  let buffered = ''
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        // A reply is complete at a line whose code is followed by a space.
        const m = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffered)
        if (!m) return false
        const end = m.index + m[0].length
        resolve(buffered.slice(0, end))
        buffered = buffered.slice(end)
        return true
      }
      if (look()) return
      const onData = (chunk: Buffer) => {
        buffered += chunk.toString('latin1')
        if (look()) socket.off('data', onData)
      }
      socket.on('data', onData)
      socket.once('error', reject)
    })
  const answers = [await next()]
  try {
    for (const command of commands) {
      socket.write(`${command}\r\n`)
      answers.push(await next())
    }
  } finally {
    socket.destroy()
  }
  return answers
}

describeEachDatabase('incoming mail, hardened', (t) => {
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
        intakeAddress: INTAKE,
        relayUrl: sink.url,
        listenPort: 0,
        sizeLimitBytes: LIMIT,
      },
    }
    mail = await startMailServiceToSink(t.db, config, sink)
    staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
  }, 60_000)

  afterAll(async () => {
    await mail?.stop()
    await sink?.close()
  })

  const storedFrom = (address: string) =>
    t.db.selectFrom('inbound_mail').selectAll().where('mail_from', '=', address).execute()

  /** The report made of the one mail from `address`, once processed. */
  async function reportOf(address: string) {
    const row = await waitFor(`the mail from ${address} to be processed`, async () => {
      const rows = await storedFrom(address)
      return rows.length === 1 && rows[0]!.status !== 'received' ? rows[0] : undefined
    })
    expect(row).toMatchObject({ status: 'processed' })
    return (await staff.get(`/api/v1/reports/${row.report_id}`)).json()
  }

  it('counts a message’s bytes as they arrive: over the limit it is refused with 552, never held whole and never stored; SIZE is announced and checked at MAIL FROM', async () => {
    await expect(
      sendMail(mail.smtp!.port, {
        from: 'flood@example.org',
        to: INTAKE,
        subject: 'big',
        text: 'x'.repeat(20 * LIMIT),
      }),
    ).rejects.toMatchObject({ responseCode: 552 })
    expect(await storedFrom('flood@example.org')).toEqual([])
    expect(mail.smtp!.peakHeldBytes).toBeGreaterThan(0)
    expect(mail.smtp!.peakHeldBytes).toBeLessThanOrEqual(LIMIT)

    const answers = await converse(mail.smtp!.port, [
      'EHLO client.example.org',
      `MAIL FROM:<declared@example.org> SIZE=${LIMIT + 1}`,
    ])
    expect(answers[1]).toContain(`SIZE ${LIMIT}`)
    expect(answers[2]).toMatch(/^552 /)
  })

  it('refuses before 250 a message with a header section over its limit or without a sender in From, saying why, and stores neither', async () => {
    const hugeHeader = `From: big-header@example.org\r\nTo: ${INTAKE}\r\nSubject: long\r\nX-Padding: ${'A'.repeat(60_000)}\r\nX-More: ${'B'.repeat(10_000)}\r\n\r\nbody\r\n`
    await expect(
      sendMail(mail.smtp!.port, { from: 'big-header@example.org', to: INTAKE, raw: hugeHeader }),
    ).rejects.toMatchObject({ responseCode: 552, response: expect.stringMatching(/header section larger/) })

    const noFrom = `To: ${INTAKE}\r\nSubject: Who am I\r\n\r\nA report without a From header.\r\n`
    await expect(
      sendMail(mail.smtp!.port, { from: 'no-from@example.org', to: INTAKE, raw: noFrom }),
    ).rejects.toMatchObject({
      responseCode: 550,
      response: expect.stringMatching(/no sender address in its From header/),
    })
    const emptyFrom = `From: <>\r\nTo: ${INTAKE}\r\nSubject: Who am I\r\n\r\nA report with an empty From.\r\n`
    await expect(
      sendMail(mail.smtp!.port, { from: 'empty-from@example.org', to: INTAKE, raw: emptyFrom }),
    ).rejects.toMatchObject({ responseCode: 550 })
    for (const a of ['big-header@example.org', 'no-from@example.org', 'empty-from@example.org'])
      expect(await storedFrom(a)).toEqual([])
  })

  it('makes a report of every acknowledged mail holding NUL bytes (raw, in an encoded word, in base64 text), saying what was removed', async () => {
    const nulBase64 = Buffer.from('The overflow\u0000 is in crackaddr().\n').toString('base64')
    const mails: Record<string, Buffer> = {
      'nul-raw@example.org': Buffer.concat([
        Buffer.from(`From: Raw Nul <nul-raw@example.org>\r\nTo: ${INTAKE}\r\nSubject: NUL in the body\r\n\r\nBefore`),
        Buffer.from([0]),
        Buffer.from('after.\r\n'),
      ]),
      'nul-word@example.org': Buffer.from(
        `From: =?utf-8?B?${Buffer.from('Nul\u0000Name').toString('base64')}?= <nul-word@example.org>\r\nTo: ${INTAKE}\r\nSubject: =?utf-8?B?${Buffer.from('Encoded\u0000subject line').toString('base64')}?=\r\n\r\nA plain body.\r\n`,
      ),
      'nul-base64@example.org': Buffer.from(
        `From: nul-base64@example.org\r\nTo: ${INTAKE}\r\nSubject: NUL in base64 text\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${nulBase64}\r\n`,
      ),
    }
    for (const [from, raw] of Object.entries(mails))
      expect((await sendMail(mail.smtp!.port, { from, to: INTAKE, raw })).response).toMatch(/^250/)

    const raw = await reportOf('nul-raw@example.org')
    expect(raw.description).toContain('Beforeafter.')
    expect(raw.description).toContain('Lockstep removed characters the database cannot store')
    expect(raw.description).toContain('1 from the text')

    const word = await reportOf('nul-word@example.org')
    expect(word.title).toBe('Encodedsubject line')
    expect(word.reporter).toMatchObject({ name: 'NulName', email: 'nul-word@example.org' })
    expect(word.description).toMatch(
      /1 from the subject.*1 from the sender’s name|1 from the sender’s name.*1 from the subject/,
    )

    const base64 = await reportOf('nul-base64@example.org')
    expect(base64.description).toContain('The overflow is in crackaddr().')
    expect(base64.description).toContain('1 from the text')

    // Each reporter got the acknowledgement with a tracking ID.
    for (const from of Object.keys(mails))
      await waitFor(`the acknowledgement to ${from}`, () =>
        sink.messages.find((m) => m.to.includes(from) && m.raw.includes('Report received')),
      )
  })

  it('makes a report of mail encrypted to a key it does not have, keeping the encrypted message as a file', async () => {
    const stranger = await generateInstanceKey('Someone', 'someone@example.org')
    const armored = await encryptAndSign(
      'Content-Type: text/plain\r\n\r\nsecret',
      [stranger.armoredPublicKey],
      stranger.armoredPrivateKey,
    )
    await sendMail(mail.smtp!.port, {
      from: 'wrong-key@example.org',
      to: INTAKE,
      subject: 'Encrypted report',
      text: armored,
    })
    const report = await reportOf('wrong-key@example.org')
    expect(report.description).toMatch(/Cannot decrypt/)
    expect(report.attachments.map((a: { filename: string }) => a.filename)).toContain('encrypted-message.asc')
  })

  async function replyWorld() {
    const finder = await makeUser(t.db, {
      name: 'Fran Finder',
      email: `fran-${Math.random().toString(36).slice(2)}@iss.example`,
    })
    const c = await makeCase(t, { finder })
    // The message the finder was sent, whose Reply-To the address is.
    const sent = await t.db
      .insertInto('mail_outbox')
      .values({
        message_id: `<sent-${c.id}@lockstep>`,
        to_address: finder.email,
        to_domain: 'iss.example',
        recipient_user_id: finder.id,
        case_id: c.id,
        thread: 'case',
        template: 'case.message',
        data: JSON.stringify({}),
        confidential: true,
        tlp: 'AMBER',
        status: 'sent',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const address = await replyAddressFor(t.db, await instanceSecret(t.db, 'reply-address'), DOMAIN, {
      caseId: c.id,
      thread: 'case',
      email: finder.email,
      userId: finder.id,
      organizationId: null,
      outboxId: sent.id,
    })
    const thread = async (n: number) =>
      waitFor(`${n} message(s) in the thread`, async () => {
        const messages = (await staff.get(`/api/v1/cases/${c.id}/threads/case/messages`)).json()
        return messages.length === n ? messages : undefined
      })
    return { finder, c, address, thread }
  }

  it('posts a reply in its owner’s name only when it comes from the owner; another sender’s is marked with its real address', async () => {
    const w = await replyWorld()
    const forged = await sendMail(mail.smtp!.port, {
      from: `"Fran Finder" <mallory@evil.example>`,
      to: w.address,
      subject: 'Re: the case',
      text: 'Please publish everything now.',
    })
    expect(forged.response).toMatch(/^250/)
    const [first] = await w.thread(1)
    expect(first.author).toBe(`Sent from mallory@evil.example, not verified as Fran Finder <${w.finder.email}>`)
    expect(first.body).toBe('Please publish everything now.')

    await sendMail(mail.smtp!.port, { from: w.finder.email, to: w.address, subject: 'Re: the case', text: 'It is me.' })
    const [, second] = await w.thread(2)
    expect(second).toMatchObject({ author: 'Fran Finder', body: 'It is me.' })
  })

  it('does not post as the owner an encrypted reply from the owner’s address signed with another key', async () => {
    const w = await replyWorld()
    const own = await generateInstanceKey('Fran Finder', w.finder.email)
    await setOwnKey(t.db, w.finder.id, own.armoredPublicKey)
    const impostor = await generateInstanceKey('Fran Finder', w.finder.email)
    const armored = await encryptAndSign(
      'Signed by someone else.',
      [mail.instanceKey.armoredPublicKey],
      impostor.armoredPrivateKey,
    )
    await sendMail(mail.smtp!.port, { from: w.finder.email, to: w.address, subject: 'Re', text: armored })
    const [first] = await w.thread(1)
    expect(first.author).toBe(`Sent from ${w.finder.email}, not verified as Fran Finder <${w.finder.email}>`)

    const genuine = await encryptAndSign('Signed by me.', [mail.instanceKey.armoredPublicKey], own.armoredPrivateKey)
    await sendMail(mail.smtp!.port, { from: w.finder.email, to: w.address, subject: 'Re', text: genuine })
    const [, second] = await w.thread(2)
    expect(second).toMatchObject({ author: 'Fran Finder', body: 'Signed by me.' })
  })

  it('gives each message its own reply address, which expires: the clear Reply-To of an encrypted message is no lasting way into the thread', async () => {
    const finderKey = await generateInstanceKey('Fran Finder', 'fran@iss.example')
    const finder = await makeUser(t.db, {
      name: 'Fran Finder',
      email: `fran-${Math.random().toString(36).slice(2)}@iss.example`,
    })
    await setOwnKey(t.db, finder.id, finderKey.armoredPublicKey)
    const c = await makeCase(t, { finder })
    for (const body of ['First question.', 'Second question.'])
      expect((await staff.post(`/api/v1/cases/${c.id}/threads/case/messages`, { body, tlp: 'AMBER' })).statusCode).toBe(
        201,
      )
    const notifications = await waitFor('both notifications', () => {
      const found = sink.messages.filter((m) => m.to.includes(finder.email) && m.raw.includes('New message'))
      return found.length === 2 ? found : undefined
    })
    for (const n of notifications) expect(n.raw).toMatch(/Content-Type: multipart\/encrypted/)
    const [older, newer] = notifications.map((m) => /Reply-To: (reply\+[\w-]+@lockstep\.test)/.exec(m.raw)![1]!)
    expect(older).not.toBe(newer)

    // The older message's address runs out; the newer one still takes the answer.
    const token = /^reply\+([\w-]+)@/.exec(older!)![1]!
    await t.db
      .updateTable('reply_addresses')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('token_hash', '=', hashSecret(token))
      .execute()
    await expect(
      sendMail(mail.smtp!.port, { from: finder.email, to: older!, subject: 'Re', text: 'Late answer.' }),
    ).rejects.toMatchObject({ responseCode: 550, response: expect.stringMatching(/expired/) })
    await sendMail(mail.smtp!.port, { from: finder.email, to: newer!, subject: 'Re', text: 'Timely answer.' })
    await waitFor('the answer in the thread', async () =>
      (await staff.get(`/api/v1/cases/${c.id}/threads/case/messages`))
        .json()
        .find((m: { body: string; author: string }) => m.body === 'Timely answer.' && m.author === 'Fran Finder'),
    )
  })

  it('makes one report and one post when processing crashes after creating them, and is run again', async () => {
    const w = await replyWorld()
    const store = async (from: string, to: string, body: string) =>
      (
        await t.db
          .insertInto('inbound_mail')
          .values({
            mail_from: from,
            rcpt_to: [to],
            raw: Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: Crash report\r\n\r\n${body}\r\n`),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const intakeId = await store('crash@example.org', INTAKE, 'A report processed twice.')
    const replyId = await store(w.finder.email, w.address, 'A reply processed twice.')
    // The crash: the step that records the mail as processed fails, after the report or post was made.
    await sql`CREATE TABLE crash_on_record (id uuid PRIMARY KEY)`.execute(t.db)
    await sql`CREATE FUNCTION crash_on_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM crash_on_record WHERE id = NEW.id) THEN RAISE EXCEPTION 'crash'; END IF;
        RETURN NEW;
      END $$`.execute(t.db)
    await sql`CREATE TRIGGER crash_on_record BEFORE UPDATE ON inbound_mail FOR EACH ROW EXECUTE FUNCTION crash_on_record()`.execute(
      t.db,
    )
    try {
      await sql`INSERT INTO crash_on_record VALUES (${intakeId}), (${replyId})`.execute(t.db)
      const ctx = { db: t.db, config, instanceKey: mail.instanceKey }
      for (const id of [intakeId, replyId]) await expect(processInbound(ctx, id)).rejects.toThrow(/crash/)
      await sql`DELETE FROM crash_on_record`.execute(t.db)
      for (const id of [intakeId, replyId]) {
        await processInbound(ctx, id)
        await processInbound(ctx, id)
      }
    } finally {
      await sql`DROP TRIGGER crash_on_record ON inbound_mail`.execute(t.db)
      await sql`DROP FUNCTION crash_on_record()`.execute(t.db)
      await sql`DROP TABLE crash_on_record`.execute(t.db)
    }
    const reports = await t.db
      .selectFrom('reports')
      .select('id')
      .where('reporter_email', '=', 'crash@example.org')
      .execute()
    expect(reports).toHaveLength(1)
    const posts = await t.db
      .selectFrom('case_messages')
      .select('id')
      .where('case_id', '=', w.c.id)
      .where('body', '=', 'A reply processed twice.')
      .execute()
    expect(posts).toHaveLength(1)
    const rows = await t.db.selectFrom('inbound_mail').selectAll().where('id', 'in', [intakeId, replyId]).execute()
    expect(rows.map((r) => r.status)).toEqual(['processed', 'processed'])
    expect(rows.find((r) => r.id === intakeId)!.report_id).toBe(reports[0]!.id)
  })

  it('processes at start the mail a dead server left: stored with no job, or with its job left active', async () => {
    const stored = async (from: string) =>
      (
        await t.db
          .insertInto('inbound_mail')
          .values({
            mail_from: from,
            rcpt_to: [INTAKE],
            raw: Buffer.from(
              `From: ${from}\r\nTo: ${INTAKE}\r\nSubject: Left behind by a crash\r\n\r\nStill here.\r\n`,
            ),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    await stored('no-job@example.org')
    const heldId = await stored('active-job@example.org')
    // A job a worker took and never finished: pg-boss gives it out again only once it expires.
    await sql`INSERT INTO pgboss.job (name, data, state, started_on)
              VALUES ('inbound-process', ${JSON.stringify({ inboundId: heldId })}::jsonb, 'active', now())`.execute(
      t.db,
    )

    const restarted = await startMailServiceToSink(
      t.db,
      { ...config, mail: { ...config.mail, listenPort: null } },
      sink,
      undefined,
    )
    try {
      for (const from of ['no-job@example.org', 'active-job@example.org']) {
        const report = await reportOf(from)
        expect(report.title).toBe('Left behind by a crash')
      }
    } finally {
      await restarted.stop()
    }
  })
})
