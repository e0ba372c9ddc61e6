import { randomBytes } from 'node:crypto'
import { simpleParser } from 'mailparser'
import * as openpgp from 'openpgp'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildEncryptedMime, buildInnerEntity, findEncryptedPart } from './pgpMime.js'

const headers = {
  From: 'Lockstep <lockstep@example.org>',
  To: 'Zoë Finder <zoe@example.org>',
  Subject: 'VU#123: a new message',
  Date: 'Tue, 01 Jul 2025 10:00:00 +0000',
  'Message-ID': '<1.abc@lockstep.example.org>',
  'Reply-To': 'case+123@lockstep.example.org',
  'Auto-Submitted': 'auto-generated',
}

/** A line feed that is not part of a CRLF. */
const bareLf = /(?<!\r)\n/
const headerSection = (message: string): string => message.slice(0, message.indexOf('\r\n\r\n'))

let armored: string

beforeAll(async () => {
  const { publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ email: 'zoe@example.org' }],
    format: 'object',
  })
  armored = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: 'inner entity' }),
    encryptionKeys: publicKey,
  })
})

describe('buildEncryptedMime', () => {
  it('writes the given headers in order, then an RFC 3156 multipart/encrypted body, all with CRLF', () => {
    const message = buildEncryptedMime(headers, armored)
    expect(message).not.toMatch(bareLf)
    const names = headerSection(message)
      .split('\r\n')
      .filter((line) => !/^[ \t]/.test(line))
      .map((line) => line.slice(0, line.indexOf(':')))
    expect(names).toEqual([...Object.keys(headers), 'MIME-Version', 'Content-Type'])
    expect(message).toMatch(/\r\nMIME-Version: 1\.0\r\n/)

    const boundary =
      /^Content-Type: multipart\/encrypted; protocol="application\/pgp-encrypted";\r\n boundary="([^"]+)"$/m.exec(
        message,
      )?.[1]
    expect(boundary).toBeDefined()
    const body = message.slice(message.indexOf('\r\n\r\n') + 4)
    const parts = body.split(`\r\n--${boundary}`)
    expect(parts).toHaveLength(4)
    expect(parts[1]).toBe(
      '\r\nContent-Type: application/pgp-encrypted\r\nContent-Description: PGP/MIME version identification\r\n\r\nVersion: 1\r\n',
    )
    expect(parts[2]).toMatch(/^\r\nContent-Type: application\/octet-stream; name="encrypted.asc"\r\n/)
    expect(parts[2]).toContain(
      '\r\nContent-Disposition: inline; filename="encrypted.asc"\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n',
    )
    expect(parts[2]).toContain(armored.trim().replace(/\n/g, '\r\n'))
    expect(parts[3]).toBe('--\r\n')
  })

  it('uses a new boundary each time', () => {
    const boundaryOf = (message: string) => /boundary="([^"]+)"/.exec(message)?.[1]
    expect(boundaryOf(buildEncryptedMime(headers, armored))).not.toBe(boundaryOf(buildEncryptedMime(headers, armored)))
  })

  it('encodes non-ASCII header text as RFC 2047 encoded-words that mail readers decode back', async () => {
    const subject = '[VU#123] Überlauf in „libfoo“: koordinierte Offenlegung — 日本語の件名も長くなりすぎないように'
    const message = buildEncryptedMime(
      {
        From: 'Équipe Lockstep <lockstep@bücher.example>',
        To: '"Smith, John" <john@example.org>, Zoë Finder <zoe@example.org>',
        Subject: subject,
      },
      armored,
    )
    const section = headerSection(message)
    expect(section).toMatch(/^[\x20-\x7e\r\n]*$/)
    for (const line of section.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78)
    expect(section).toContain('<lockstep@xn--bcher-kva.example>')

    const parsed = await simpleParser(message)
    expect(parsed.subject).toBe(subject)
    expect(parsed.from?.value).toEqual([{ name: 'Équipe Lockstep', address: 'lockstep@bücher.example' }])
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to
    expect(to?.value).toEqual([
      { name: 'Smith, John', address: 'john@example.org' },
      { name: 'Zoë Finder', address: 'zoe@example.org' },
    ])
  })

  it('encodes text that merely looks like an encoded-word, so it reads as written', async () => {
    const subject = 'Literally =?UTF-8?B?c3Bvb2Y=?= in a subject'
    expect((await simpleParser(buildEncryptedMime({ Subject: subject }, armored))).subject).toBe(subject)
  })

  it('keeps line breaks in values from starting new headers', async () => {
    const message = buildEncryptedMime({ ...headers, Subject: 'Hello\r\nBcc: someone@evil.example\n\r\nbody' }, armored)
    expect(headerSection(message)).not.toMatch(/^Bcc:/m)
    const parsed = await simpleParser(message)
    expect(parsed.subject).toBe('Hello Bcc: someone@evil.example body')
    expect(parsed.bcc).toBeUndefined()
  })

  it('folds long ASCII values at spaces', () => {
    const references = Array.from({ length: 6 }, (_, i) => `<message-${i}.0123456789@lockstep.example.org>`).join(' ')
    const message = buildEncryptedMime({ ...headers, References: references }, armored)
    const folded = /^References: .*(?:\r\n .*)+/m.exec(message)?.[0] ?? ''
    for (const line of folded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78)
    expect(folded.replace(/\r\n /g, ' ')).toBe(`References: ${references}`)
  })

  it('refuses what it cannot write correctly', () => {
    expect(() => buildEncryptedMime({ ...headers, 'Content-Type': 'text/plain' }, armored)).toThrow(
      /Content-Type is written by buildEncryptedMime/,
    )
    expect(() => buildEncryptedMime({ 'Bad Name': 'x' }, armored)).toThrow(/Not a header name/)
    expect(() => buildEncryptedMime({ 'Message-ID': '<ü@example.org>' }, armored)).toThrow(/Message-ID must be ASCII/)
    expect(() => buildEncryptedMime({ To: 'zoë@example.org' }, armored)).toThrow(/needs SMTPUTF8/)
    expect(() => buildEncryptedMime(headers, 'not armored')).toThrow(/ASCII-armored OpenPGP message/)
  })
})

describe('buildInnerEntity', () => {
  const text =
    'Hello Zoë,\n\nFrom now on the embargo ends on 1 March.\n.\nA long line: ' +
    'ünïcödé and = signs '.repeat(10) +
    '\ntrailing space '

  it('is a quoted-printable UTF-8 text/plain entity when there is no HTML', async () => {
    const entity = buildInnerEntity(text, null)
    expect(entity).toMatch(
      /^Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n/,
    )
    expect(entity).not.toMatch(bareLf)
    for (const line of entity.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76)
    expect(entity).toMatch(/^=46rom now on/m)
    expect(entity).toMatch(/^=2E$/m)
    const parsed = await simpleParser(entity)
    expect(parsed.text).toBe(text)
  })

  it('is multipart/alternative, text first, when there is HTML', async () => {
    const html = '<p>Hello Zoë,</p>\n<p>The embargo ends on 1 March.</p>'
    const entity = buildInnerEntity(text, html)
    expect(entity).toMatch(/^Content-Type: multipart\/alternative; boundary="=_lockstep_[0-9a-f]+"\r\n\r\n/)
    expect(entity).not.toMatch(bareLf)
    expect(entity.indexOf('Content-Type: text/plain; charset=utf-8')).toBeLessThan(
      entity.indexOf('Content-Type: text/html; charset=utf-8'),
    )
    const parsed = await simpleParser(entity)
    expect(parsed.text).toBe(text)
    expect(parsed.html).toBe(html)
  })
})

describe('findEncryptedPart', () => {
  const normalized = (text: string) => text.trim().replace(/\r\n/g, '\n')

  it('finds the encrypted part of a PGP/MIME message, as text or as bytes', async () => {
    const message = buildEncryptedMime(headers, armored)
    expect(await findEncryptedPart(message)).toEqual({ kind: 'pgp-mime', armored: normalized(armored) })
    expect(await findEncryptedPart(Buffer.from(message))).toEqual({ kind: 'pgp-mime', armored: normalized(armored) })
  })

  it('finds it when a mailing list wrapped the message in multipart/mixed with a footer', async () => {
    const inner = buildEncryptedMime({}, armored)
    const wrapped = [
      'From: list@example.org',
      'Content-Type: multipart/mixed; boundary=outer',
      '',
      '--outer',
      inner,
      '--outer',
      'Content-Type: text/plain',
      '',
      'You are subscribed to security@example.org.',
      '--outer--',
      '',
    ].join('\n')
    expect(await findEncryptedPart(wrapped)).toEqual({ kind: 'pgp-mime', armored: normalized(armored) })
  })

  it('finds an inline block in a quoted-printable text body', async () => {
    const qp = armored.replace(/=/g, '=3D').replace(/\n/g, '\r\n')
    const mail = [
      'From: Zoë <zoe@example.org>',
      'To: security@example.org',
      'Subject: report',
      'Content-Type: multipart/alternative; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Hello,',
      '',
      qp,
      '',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<pre>encrypted</pre>',
      '--b--',
      '',
    ].join('\r\n')
    expect(await findEncryptedPart(mail)).toEqual({ kind: 'inline', armored: normalized(armored) })
  })

  it('finds an inline block in a base64 text body', async () => {
    const mail = `Subject: report\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(`Hi\n${armored}`).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`
    expect(await findEncryptedPart(mail)).toEqual({ kind: 'inline', armored: normalized(armored) })
  })

  it('finds nothing in a plain mail, in a quoted block, or in an attachment', async () => {
    const plain = 'From: zoe@example.org\r\nSubject: hi\r\nContent-Type: text/plain\r\n\r\nNothing encrypted here.\r\n'
    expect(await findEncryptedPart(plain)).toEqual({ kind: 'none' })
    const quoted = `Subject: Re: report\r\n\r\nYou wrote:\r\n${armored.replace(/^/gm, '> ')}`
    expect(await findEncryptedPart(quoted)).toEqual({ kind: 'none' })
    const attached = [
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'See attachment.',
      '--b',
      'Content-Type: text/plain; name="old.asc"',
      'Content-Disposition: attachment; filename="old.asc"',
      '',
      armored,
      '--b--',
    ].join('\r\n')
    expect(await findEncryptedPart(attached)).toEqual({ kind: 'none' })
  })

  it('stays quick on a long run of spaces inside a block', async () => {
    const padded = armored.replace('\n\n', `\n${' '.repeat(500_000)}x\n\n`)
    const started = performance.now()
    expect((await findEncryptedPart(`Subject: x\r\n\r\n${padded}`)).kind).toBe('inline')
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('does not take an S/MIME or protocol-less multipart/encrypted for PGP/MIME', async () => {
    const message = buildEncryptedMime(headers, armored).replace(
      'protocol="application/pgp-encrypted"',
      'protocol="application/pkcs7-mime"',
    )
    expect(await findEncryptedPart(message)).toEqual({ kind: 'none' })
  })

  it.each([
    ['random bytes', randomBytes(4096)],
    ['an empty message', ''],
    ['a boundary that is never used', 'Content-Type: multipart/mixed; boundary="x"\r\n\r\nno parts'],
    [
      'an empty boundary',
      'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary=""\r\n\r\n--\r\n',
    ],
    [
      'a begin line without an end',
      `Content-Type: text/plain\r\n\r\n${'-----BEGIN PGP MESSAGE-----\r\n'.repeat(20_000)}`,
    ],
    ['a Content-Type full of parentheses', `Content-Type: ${'('.repeat(200_000)}\r\n\r\nx`],
    ['deep nesting', `${'Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n'.repeat(2_000)}`],
  ])('finds nothing, and does not throw, in %s', async (_, raw) => {
    expect(await findEncryptedPart(raw)).toEqual({ kind: 'none' })
  })
})
