import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as openpgp from 'openpgp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decryptAndVerify, encryptAndSign, generateInstanceKey, inspectPublicKey, type InstanceKey } from './pgp.js'
import { buildEncryptedMime, buildInnerEntity, findEncryptedPart } from './pgpMime.js'

const day = 24 * 60 * 60
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

async function armoredKeyPair(options: Partial<Parameters<typeof openpgp.generateKey>[0]> = {}) {
  return openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Zoë Finder', email: 'zoe@example.org' }],
    ...options,
    format: 'armored',
  })
}

let instance: InstanceKey
let recipient: InstanceKey
let stranger: InstanceKey

beforeAll(async () => {
  ;[instance, recipient, stranger] = await Promise.all([
    generateInstanceKey('Lockstep', 'lockstep@example.org'),
    generateInstanceKey('Zoë Finder', 'zoe@example.org'),
    generateInstanceKey('Somebody Else', 'else@example.org'),
  ])
})

describe('generateInstanceKey', () => {
  it('makes a version 4 Ed25519/Curve25519 key without passphrase or expiry', async () => {
    expect(instance.fingerprint).toMatch(/^[0-9A-F]{40}$/)
    const privateKey = await openpgp.readPrivateKey({ armoredKey: instance.armoredPrivateKey })
    expect(privateKey.isDecrypted()).toBe(true)
    expect(privateKey.keyPacket.version).toBe(4)
    expect(privateKey.getAlgorithmInfo()).toEqual({ algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' })
    expect(privateKey.subkeys.map((subkey) => subkey.getAlgorithmInfo())).toEqual([
      { algorithm: 'ecdh', curve: 'curve25519Legacy' },
    ])
    expect(await privateKey.getExpirationTime()).toBe(Infinity)
    expect(privateKey.getUserIDs()).toEqual(['Lockstep <lockstep@example.org>'])
  })

  it('gives the public key that inspectPublicKey accepts, with the same fingerprint', async () => {
    const inspected = await inspectPublicKey(instance.armoredPublicKey)
    expect(inspected).toMatchObject({
      ok: true,
      key: { fingerprint: instance.fingerprint, algorithm: 'ed25519', expiresAt: null },
    })
  })
})

describe('encryptAndSign and decryptAndVerify', () => {
  it('round-trip the content byte for byte, with a valid signature by the instance key', async () => {
    const content = 'Content-Type: text/plain; charset=utf-8\r\n\r\nZoë, the embargo ends on 1 March.\r\n'
    const armored = await encryptAndSign(content, [recipient.armoredPublicKey], instance.armoredPrivateKey)
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----\n[\s\S]+\n-----END PGP MESSAGE-----\n?$/)
    expect(armored).not.toContain('embargo')

    const decrypted = await decryptAndVerify(armored, recipient.armoredPrivateKey, [instance.armoredPublicKey])
    expect(text(decrypted.content)).toBe(content)
    expect(decrypted.signature).toEqual({ state: 'valid', fingerprint: instance.fingerprint })
  })

  it('takes binary content and already-parsed keys as well', async () => {
    const content = new Uint8Array([0, 1, 2, 0xff, 0x0d, 0x0a, 0x80])
    const [publicKey, privateKey] = await Promise.all([
      openpgp.readKey({ armoredKey: recipient.armoredPublicKey }),
      openpgp.readPrivateKey({ armoredKey: instance.armoredPrivateKey }),
    ])
    const armored = await encryptAndSign(content, [publicKey], privateKey)
    const decrypted = await decryptAndVerify(armored, recipient.armoredPrivateKey, [instance.armoredPublicKey])
    expect(decrypted.content).toEqual(content)
    expect(decrypted.signature.state).toBe('valid')
  })

  it('encrypts to every recipient', async () => {
    const armored = await encryptAndSign(
      'for both',
      [recipient.armoredPublicKey, stranger.armoredPublicKey],
      instance.armoredPrivateKey,
    )
    for (const key of [recipient, stranger]) {
      expect(text((await decryptAndVerify(armored, key.armoredPrivateKey, [instance.armoredPublicKey])).content)).toBe(
        'for both',
      )
    }
  })

  it('reports the signing key ID when the sender key is not given', async () => {
    const armored = await encryptAndSign('hello', [recipient.armoredPublicKey], instance.armoredPrivateKey)
    const decrypted = await decryptAndVerify(armored, recipient.armoredPrivateKey, [stranger.armoredPublicKey])
    // A version 4 key ID is the last 16 hex digits of the fingerprint.
    expect(decrypted.signature).toEqual({ state: 'unknown-key', keyId: instance.fingerprint.slice(-16) })
    expect((await decryptAndVerify(armored, recipient.armoredPrivateKey, [])).signature.state).toBe('unknown-key')
  })

  it('tells an unsigned message apart', async () => {
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'no signature' }),
      encryptionKeys: await openpgp.readKey({ armoredKey: recipient.armoredPublicKey }),
    })
    const decrypted = await decryptAndVerify(armored, recipient.armoredPrivateKey, [instance.armoredPublicKey])
    expect(decrypted.signature).toEqual({ state: 'unsigned' })
  })

  it('calls a signature over other content invalid', async () => {
    const signingKeys = await openpgp.readPrivateKey({ armoredKey: instance.armoredPrivateKey })
    const signature = await openpgp.readSignature({
      armoredSignature: await openpgp.sign({
        message: await openpgp.createMessage({ binary: new TextEncoder().encode('the original') }),
        signingKeys,
        detached: true,
      }),
    })
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ binary: new TextEncoder().encode('something else') }),
      encryptionKeys: await openpgp.readKey({ armoredKey: recipient.armoredPublicKey }),
      signature,
    })
    const decrypted = await decryptAndVerify(armored, recipient.armoredPrivateKey, [instance.armoredPublicKey])
    expect(decrypted.signature).toEqual({ state: 'invalid', reason: 'the signature does not match the message' })
  })

  it('refuses a tampered message with a clear error', async () => {
    const armored = await encryptAndSign('hello', [recipient.armoredPublicKey], instance.armoredPrivateKey)
    const binary = (await openpgp.unarmor(armored)).data as Uint8Array
    const tampered = binary.slice()
    tampered[tampered.length - 30] = (tampered[tampered.length - 30] ?? 0) ^ 0x55
    await expect(
      decryptAndVerify(openpgp.armor(openpgp.enums.armor.message, tampered), recipient.armoredPrivateKey, [
        instance.armoredPublicKey,
      ]),
    ).rejects.toThrow(/^Cannot decrypt: the message is corrupt or was changed on the way$/)
  })

  it('refuses a message for another key', async () => {
    const armored = await encryptAndSign('hello', [recipient.armoredPublicKey], instance.armoredPrivateKey)
    await expect(decryptAndVerify(armored, stranger.armoredPrivateKey, [instance.armoredPublicKey])).rejects.toThrow(
      /^Cannot decrypt: the message is not encrypted to this key$/,
    )
  })

  it('refuses what is not an encrypted message', async () => {
    await expect(decryptAndVerify('hello', recipient.armoredPrivateKey, [])).rejects.toThrow(/^Cannot decrypt: /)
    const signedOnly = await openpgp.sign({
      message: await openpgp.createMessage({ text: 'signed, not encrypted' }),
      signingKeys: await openpgp.readPrivateKey({ armoredKey: instance.armoredPrivateKey }),
    })
    await expect(decryptAndVerify(signedOnly, recipient.armoredPrivateKey, [])).rejects.toThrow(
      /^Cannot decrypt: the message is not encrypted$/,
    )
  })

  it('names the recipient key it cannot encrypt to', async () => {
    const expired = await armoredKeyPair({ keyExpirationTime: 10 * day, date: new Date('2024-12-22T00:00:00Z') })
    const fingerprint = (await openpgp.readKey({ armoredKey: expired.publicKey })).getFingerprint().toUpperCase()
    await expect(
      encryptAndSign('hello', [recipient.armoredPublicKey, expired.publicKey], instance.armoredPrivateKey),
    ).rejects.toThrow(`Cannot encrypt: the key ${fingerprint} has expired`)
    await expect(encryptAndSign('hello', [], instance.armoredPrivateKey)).rejects.toThrow(
      /^Cannot encrypt: no recipient keys/,
    )
    await expect(encryptAndSign('hello', ['not a key'], instance.armoredPrivateKey)).rejects.toThrow(
      /^Cannot encrypt: a recipient key is not a readable OpenPGP public key$/,
    )
  })

  it('refuses a private key protected by a passphrase', async () => {
    const locked = await armoredKeyPair({ passphrase: 'secret' })
    await expect(encryptAndSign('hello', [recipient.armoredPublicKey], locked.privateKey)).rejects.toThrow(
      /^Cannot sign: the private key is protected by a passphrase$/,
    )
  })
})

describe('inspectPublicKey', () => {
  it('describes a usable key: fingerprint, lower-case addresses of self-signed user IDs, algorithm, dates', async () => {
    const { publicKey } = await armoredKeyPair({
      userIDs: [
        { name: 'Zoë Finder', email: 'Zoe@Example.ORG' },
        { name: 'Zoë at work', email: 'zoe@work.example' },
        { name: 'Same address again', email: 'ZOE@example.org' },
      ],
      keyExpirationTime: 365 * day,
      date: new Date('2025-06-01T00:00:00Z'),
    })
    const key = await openpgp.readKey({ armoredKey: publicKey })
    const inspected = await inspectPublicKey(publicKey, new Date('2025-07-01T00:00:00Z'))
    expect(inspected).toEqual({
      ok: true,
      key: {
        fingerprint: key.getFingerprint().toUpperCase(),
        emails: ['zoe@example.org', 'zoe@work.example'],
        userIds: [
          'Zoë Finder <Zoe@Example.ORG>',
          'Zoë at work <zoe@work.example>',
          'Same address again <ZOE@example.org>',
        ],
        algorithm: 'ed25519',
        createdAt: new Date('2025-06-01T00:00:00Z'),
        expiresAt: new Date('2026-06-01T00:00:00Z'),
      },
    })
  })

  it('ignores a user ID the key did not sign itself', async () => {
    const key = await openpgp.readKey({ armoredKey: recipient.armoredPublicKey })
    const packets = new openpgp.PacketList<openpgp.AnyPacket>()
    for (const packet of key.toPacketList()) {
      // Anyone can slip an unsigned user ID in before the subkey.
      if (packet instanceof openpgp.PublicSubkeyPacket)
        packets.push(openpgp.UserIDPacket.fromObject({ name: 'Mallory', email: 'ceo@victim.example' }))
      packets.push(packet)
    }
    const forged = new openpgp.PublicKey(packets).armor()
    expect((await openpgp.readKey({ armoredKey: forged })).getUserIDs()).toContain('Mallory <ceo@victim.example>')
    expect(await inspectPublicKey(forged)).toMatchObject({
      ok: true,
      key: { emails: ['zoe@example.org'], userIds: ['Zoë Finder <zoe@example.org>'] },
    })
  })

  it('refuses an expired key, saying when it expired', async () => {
    const { publicKey } = await armoredKeyPair({ keyExpirationTime: 10 * day, date: new Date('2024-12-22T00:00:00Z') })
    expect(await inspectPublicKey(publicKey)).toEqual({ ok: false, reason: 'has expired on 2025-01-01' })
    expect((await inspectPublicKey(publicKey, new Date('2024-12-25T00:00:00Z'))).ok).toBe(true)
  })

  it('refuses a revoked key', async () => {
    const { privateKey } = await armoredKeyPair()
    const revoked = await openpgp.revokeKey({
      key: await openpgp.readPrivateKey({ armoredKey: privateKey }),
      format: 'armored',
    })
    expect(await inspectPublicKey(revoked.publicKey)).toEqual({ ok: false, reason: 'is revoked' })
  })

  it('refuses a private key, also one pasted below a public key', async () => {
    const reason = 'is a private key: upload only the public key'
    expect(await inspectPublicKey(recipient.armoredPrivateKey)).toEqual({ ok: false, reason })
    expect(await inspectPublicKey(`${recipient.armoredPublicKey}\n${recipient.armoredPrivateKey}`)).toEqual({
      ok: false,
      reason,
    })
  })

  it.each([
    ['garbage', 'hello, this is my key'],
    ['an empty text', ''],
    ['a broken block', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PUBLIC KEY BLOCK-----\n'],
  ])('refuses %s', async (_, armored) => {
    expect(await inspectPublicKey(armored)).toEqual({ ok: false, reason: 'is not an OpenPGP public key block' })
  })

  it('refuses an encrypted message pasted instead of a key', async () => {
    const message = await encryptAndSign('hello', [recipient.armoredPublicKey], instance.armoredPrivateKey)
    expect(await inspectPublicKey(message)).toEqual({ ok: false, reason: 'is not an OpenPGP public key block' })
  })

  it('refuses two keys, whether in two blocks or one', async () => {
    const reason = 'contains 2 keys: upload one'
    expect(await inspectPublicKey(`${recipient.armoredPublicKey}\n${stranger.armoredPublicKey}`)).toEqual({
      ok: false,
      reason,
    })
    const [a, b] = await Promise.all(
      [recipient, stranger].map((key) => openpgp.readKey({ armoredKey: key.armoredPublicKey })),
    )
    const oneBlock = openpgp.armor(
      openpgp.enums.armor.publicKey,
      new Uint8Array([...(a?.write() ?? []), ...(b?.write() ?? [])]),
    )
    expect(await inspectPublicKey(oneBlock)).toEqual({ ok: false, reason })
  })

  it('refuses a key that can only sign', async () => {
    const { publicKey } = await armoredKeyPair({ subkeys: [] })
    expect(await inspectPublicKey(publicKey)).toEqual({ ok: false, reason: 'has no key that can encrypt' })
  })

  it('says when the encryption subkey alone has expired', async () => {
    const { publicKey } = await armoredKeyPair({
      date: new Date('2024-12-22T00:00:00Z'),
      subkeys: [{ keyExpirationTime: 10 * day }],
    })
    expect(await inspectPublicKey(publicKey)).toEqual({
      ok: false,
      reason: 'has no key that can encrypt: its encryption subkey expired on 2025-01-01',
    })
    const before = await inspectPublicKey(publicKey, new Date('2024-12-25T00:00:00Z'))
    expect(before).toMatchObject({ ok: true, key: { expiresAt: new Date('2025-01-01T00:00:00Z') } })
  })

  it('refuses RSA keys too short for openpgp to encrypt to', async () => {
    const { publicKey } = await openpgp.generateKey({
      type: 'rsa',
      rsaBits: 1024,
      userIDs: [{ email: 'old@example.org' }],
      config: { minRSABits: 1024 },
    })
    expect(await inspectPublicKey(publicKey)).toEqual({
      ok: false,
      reason: 'uses rsa1024, which is too weak: use an ECC (curve25519) key or RSA of at least 2048 bits',
    })
  })
})

describe('GnuPG 2.2 interoperability', () => {
  let home: string
  const gpg = (args: string[], input?: string): string =>
    execFileSync('gpg', ['--homedir', home, '--batch', '--no-tty', ...args], {
      input,
      encoding: 'latin1',
      stdio: ['pipe', 'pipe', 'pipe'],
    })

  beforeAll(() => {
    try {
      execFileSync('gpg', ['--version'], { stdio: 'ignore' })
    } catch {
      throw new Error('gpg (GnuPG) is not installed, and the interoperability tests need it: apt-get install gnupg')
    }
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-gpg-'))
    fs.chmodSync(home, 0o700)
  })

  afterAll(() => {
    if (!home) return
    // gpg started an agent for this home directory; it would outlive the test otherwise.
    try {
      execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' })
    } catch {
      // No agent was running.
    }
    fs.rmSync(home, { recursive: true, force: true })
  })

  it('decrypts a PGP/MIME notification and finds the instance signature good', { timeout: 30_000 }, async () => {
    const finder = await armoredKeyPair()
    gpg(['--import'], finder.privateKey)
    gpg(['--import'], instance.armoredPublicKey)

    const inner = buildInnerEntity(
      'Hello Zoë,\n\nThe embargo for VU#123 ends on 1 March.\n',
      '<p>Hello Zoë,</p><p>The embargo for VU#123 ends on 1 March.</p>',
    )
    const encrypted = await encryptAndSign(inner, [finder.publicKey], instance.armoredPrivateKey)
    const message = buildEncryptedMime(
      {
        From: 'Lockstep <lockstep@example.org>',
        To: 'Zoë Finder <zoe@example.org>',
        Subject: 'VU#123: a new message',
        'Message-ID': '<1@example.org>',
      },
      encrypted,
    )
    const armored = /-----BEGIN PGP MESSAGE-----\r\n[\s\S]*?\r\n-----END PGP MESSAGE-----/.exec(message)?.[0]
    expect(armored).toBeDefined()

    const output = gpg(['--status-fd', '1', '--decrypt'], armored)
    expect(output).toContain(inner)
    expect(output).toContain('The embargo for VU#123 ends on 1 March.')
    expect(output).toMatch(
      new RegExp(`^\\[GNUPG:\\] GOODSIG ${instance.fingerprint.slice(-16)} Lockstep <lockstep@example.org>$`, 'm'),
    )
    expect(output).toMatch(new RegExp(`^\\[GNUPG:\\] VALIDSIG ${instance.fingerprint} `, 'm'))
    expect(output).toMatch(/^\[GNUPG:\] DECRYPTION_OKAY$/m)
    expect(output).toMatch(/^\[GNUPG:\] GOODMDC$/m)
  })

  it('writes messages that decryptAndVerify reads, found inline in a plain mail', { timeout: 30_000 }, async () => {
    const finder = await armoredKeyPair({ userIDs: [{ name: 'Gnu Finder', email: 'gnu@example.org' }] })
    const finderFingerprint = (await openpgp.readKey({ armoredKey: finder.publicKey })).getFingerprint().toUpperCase()
    gpg(['--import'], finder.privateKey)
    gpg(['--import'], instance.armoredPublicKey)
    const report = 'Found a heap overflow in libfoo 1.2; proof of concept attached later.\n'
    const armored = gpg(
      [
        '--trust-model',
        'always',
        '--armor',
        '--local-user',
        finderFingerprint,
        '--recipient',
        instance.fingerprint,
        '--sign',
        '--encrypt',
      ],
      report,
    )
    const mail = [
      'From: Gnu Finder <gnu@example.org>',
      'To: security@example.org',
      'Subject: report',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Hi, my report is below.',
      '',
      armored,
    ].join('\r\n')

    const found = await findEncryptedPart(Buffer.from(mail))
    expect(found.kind).toBe('inline')
    const decrypted = await decryptAndVerify(found.kind === 'none' ? '' : found.armored, instance.armoredPrivateKey, [
      finder.publicKey,
    ])
    expect(text(decrypted.content)).toBe(report)
    expect(decrypted.signature).toEqual({ state: 'valid', fingerprint: finderFingerprint })
  })
})
