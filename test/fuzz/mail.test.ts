// Mail from strangers, fed generated hostile input: the MIME parser the inbound job uses
// (mailparser), finding the encrypted part of a received mail, reading an uploaded OpenPGP key and
// an encrypted message. Property: each answers (or refuses with its own error), never throws
// anything else, never hangs.
import { beforeAll, describe, it } from 'vitest'
import fc from 'fast-check'
import { simpleParser } from 'mailparser'
import { findEncryptedPart } from '../../src/mail/pgpMime.js'
import {
  decryptAndVerify,
  encryptAndSign,
  generateInstanceKey,
  inspectPublicKey,
  type InstanceKey,
} from '../../src/mail/pgp.js'
import { fuzz } from './fuzz.js'
import { hostileString } from './hostile.js'

const headerValue = fc.oneof(
  fc.constantFrom(
    'Finder <finder@example.test>',
    '=?utf-8?B?AAA=?= <a@b>',
    '=?utf-8?Q?=00?=',
    '=?x?q?=FF?=',
    '<>',
    '"" <@>',
    'multipart/encrypted; protocol="application/pgp-encrypted"; boundary=b',
    'multipart/mixed; boundary=',
    'text/plain; charset=utf-16',
    'base64',
    'quoted-printable',
  ),
  hostileString.filter((s) => s.length < 2_000),
)

const header = fc
  .tuple(
    fc.constantFrom('From', 'To', 'Subject', 'Content-Type', 'Content-Transfer-Encoding', 'Message-ID', 'X-Odd'),
    headerValue,
  )
  .map(([name, value]) => `${name}: ${value}`)

const body = fc.oneof(
  fc.constantFrom(
    '--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nwcBMA\r\n-----END PGP MESSAGE-----\r\n--b--',
    '-----BEGIN PGP MESSAGE-----\n\n!!!!\n-----END PGP MESSAGE-----\n',
    'AAAA\u0000====',
    '--b\r\n'.repeat(600),
  ),
  hostileString,
)

/** A raw message: headers and a body, or bytes that are not a message at all. */
const rawMail = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.array(header, { maxLength: 8 }), body)
      .map(([h, b]) => Buffer.from(`${h.join('\r\n')}\r\n\r\n${b}`)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)) },
)

const armored = (kind: 'MESSAGE' | 'PUBLIC KEY BLOCK', content: string) =>
  `-----BEGIN PGP ${kind}-----\n\n${content}\n-----END PGP ${kind}-----\n`

/** Armored blocks with random, truncated or bit-flipped content. */
function armoredBlocks(kind: 'MESSAGE' | 'PUBLIC KEY BLOCK', real: () => string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 600 }).map((b) => armored(kind, Buffer.from(b).toString('base64'))),
    fc.tuple(fc.nat(), fc.nat(255)).map(([at, bits]) => {
      const text = real()
      const lines = text.split('\n')
      const bodyStart = lines.findIndex((l) => l === '') + 1
      const bodyLines = lines.slice(bodyStart, -2)
      const bytes = Buffer.from(bodyLines.join(''), 'base64')
      if (bytes.length) bytes[at % bytes.length] = bytes[at % bytes.length]! ^ (bits || 1)
      return armored(kind, bytes.toString('base64'))
    }),
    fc.nat().map((cut) => {
      const text = real()
      return text.slice(0, cut % text.length)
    }),
    hostileString.map((s) => armored(kind, s)),
    hostileString,
  )
}

describe('mail from strangers', () => {
  let key: InstanceKey
  let message = ''
  beforeAll(async () => {
    key = await generateInstanceKey('Lockstep', 'lockstep@example.test')
    message = await encryptAndSign('a report', [key.armoredPublicKey], key.armoredPrivateKey)
  }, 60_000)

  it('MIME: mailparser reads or refuses any message, and the encrypted part is found or not, never a throw', async () => {
    await fuzz(
      'MIME mail',
      fc.asyncProperty(rawMail, async (raw) => {
        await simpleParser(raw, { skipHtmlToText: false, maxHtmlLengthToParse: 5 * 1024 * 1024 }).catch((error) => {
          if (!(error instanceof Error)) throw new Error(`mailparser threw a non-Error: ${String(error)}`)
        })
        await findEncryptedPart(raw)
      }),
      400,
    )
  })

  it('OpenPGP: an uploaded key is inspected (ok or a reason), never a throw', async () => {
    await fuzz(
      'OpenPGP key',
      fc.asyncProperty(
        armoredBlocks('PUBLIC KEY BLOCK', () => key.armoredPublicKey),
        async (text) => {
          await inspectPublicKey(text)
        },
      ),
      300,
    )
  })

  it('OpenPGP: a received message decrypts or fails with "Cannot decrypt:", nothing else', async () => {
    await fuzz(
      'OpenPGP message',
      fc.asyncProperty(
        armoredBlocks('MESSAGE', () => message),
        async (text) => {
          try {
            await decryptAndVerify(text, key.armoredPrivateKey, [key.armoredPublicKey])
          } catch (error) {
            if (!(error instanceof Error) || !error.message.startsWith('Cannot decrypt:')) throw error
          }
        },
      ),
      300,
    )
  })
})
