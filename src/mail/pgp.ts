// OpenPGP for Lockstep's mail: the instance key that signs what Lockstep sends, the public keys
// people upload so their notifications reach them encrypted, and the messages in between. A thin
// layer over openpgp.js; what it adds is the choices that must not vary between callers (keys
// GnuPG 2.2 can read, binary literal data for MIME entities) and errors a person can act on.
import * as openpgp from 'openpgp'
import type { AlgorithmInfo, Key, PrivateKey, PublicKey } from 'openpgp'

// Version 4 keys on the legacy curve25519 code points (EdDSA signing, ECDH encryption) are the
// ones GnuPG 2.2 understands; openpgp's `type: 'curve25519'` or `v6Keys` would make RFC 9580
// keys it cannot import. Pinned here rather than trusted to openpgp's defaults.
const keyOptions = { type: 'ecc', curve: 'curve25519Legacy', config: { v6Keys: false } } as const

export type InstanceKey = { armoredPrivateKey: string; armoredPublicKey: string; fingerprint: string }

/**
 * The instance's signing and decryption key. No passphrase: it is stored with the other instance
 * secrets, and a passphrase kept next to it would protect nothing. No expiry: rotating it is a
 * deliberate act, not something that should silently stop mail one day.
 */
export async function generateInstanceKey(name: string, email: string): Promise<InstanceKey> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    ...keyOptions,
    userIDs: [{ name, email }],
    format: 'object',
  })
  return {
    armoredPrivateKey: privateKey.armor(),
    armoredPublicKey: publicKey.armor(),
    fingerprint: fingerprintOf(publicKey),
  }
}

export type PublicKeyDetails = {
  /** Upper-case hex, as GnuPG prints it. */
  fingerprint: string
  /** The addresses of the user IDs that carry a valid self-signature, lower-case, without repeats. */
  emails: string[]
  userIds: string[]
  /** The primary key's algorithm in GnuPG's words: 'ed25519', 'rsa4096', 'nistp256'. */
  algorithm: string
  createdAt: Date
  /** When the key stops being usable for encryption (the earlier of the primary and encryption key's expiry); null for never. */
  expiresAt: Date | null
}

export type KeyInspection = { ok: true; key: PublicKeyDetails } | { ok: false; reason: string }

// Real keys with many certifications reach a few hundred kilobytes; more than this is not a key
// anyone means to upload, and parsing it would only cost time.
const maxKeyText = 1024 * 1024
const keyBlockStart = /^[ \t]*-----BEGIN PGP (PUBLIC|PRIVATE) KEY BLOCK-----/gm

/**
 * Checks an uploaded public key before anything is encrypted to it. Each refusal reads after
 * "The key ...", so a form can show it as it is.
 */
export async function inspectPublicKey(armored: string, now = new Date()): Promise<KeyInspection> {
  const refuse = (reason: string): KeyInspection => ({ ok: false, reason })
  if (typeof armored !== 'string' || armored.length > maxKeyText) return refuse('is not an OpenPGP public key block')
  // openpgp reads only the first armored block of a text, so a second key pasted below the first
  // (or a private key below a public one) would pass unseen; the blocks are counted here instead.
  const blocks = [...armored.matchAll(keyBlockStart)]
  if (blocks.some((block) => block[1] === 'PRIVATE')) return refuse('is a private key: upload only the public key')
  if (blocks.length === 0) return refuse('is not an OpenPGP public key block')

  const keys: Key[] = []
  for (const [i, block] of blocks.entries()) {
    const text = armored.slice(block.index, blocks[i + 1]?.index ?? armored.length)
    try {
      keys.push(...(await openpgp.readKeys({ armoredKeys: text })))
    } catch {
      return refuse('is not an OpenPGP public key block')
    }
  }
  // A secret key packet can also hide inside a block armored as public.
  if (keys.some((key) => key.isPrivate())) return refuse('is a private key: upload only the public key')
  if (keys.length !== 1) return refuse(`contains ${keys.length} keys: upload one`)
  const key = keys[0] as Key

  if (await key.isRevoked(undefined, undefined, now)) return refuse('is revoked')
  try {
    await key.verifyPrimaryKey(now)
  } catch (error) {
    const message = messageOf(error)
    if (/expired/i.test(message)) {
      const expiry = await key.getExpirationTime().catch(() => null)
      return refuse(expiry instanceof Date ? `has expired on ${isoDay(expiry)}` : 'has expired')
    }
    if (/revoked/i.test(message)) return refuse('is revoked')
    if (/self-signature|user/i.test(message))
      return refuse('has no valid user ID: each must be signed by the key itself')
    return refuse(`cannot be used: ${message}`)
  }

  let encryptionKey: Key | openpgp.Subkey
  try {
    encryptionKey = await key.getEncryptionKey(undefined, now)
  } catch (error) {
    if (/too weak/i.test(messageOf(error)))
      return refuse(
        `uses ${describeAlgorithm(key.getAlgorithmInfo())}, which is too weak: use an ECC (curve25519) key or RSA of at least 2048 bits`,
      )
    const expired = await expiredEncryptionSubkey(key, now)
    return refuse(
      expired
        ? `has no key that can encrypt: its encryption subkey expired on ${isoDay(expired)}`
        : 'has no key that can encrypt',
    )
  }

  const userIds: string[] = []
  const emails = new Set<string>()
  for (const user of key.users) {
    if (!user.userID) continue
    // Anyone can append an unsigned user ID to someone else's key; only self-signed ones count.
    const valid = await user.verify(now).then(
      () => true,
      () => false,
    )
    if (!valid) continue
    userIds.push(user.userID.userID)
    if (user.userID.email) emails.add(user.userID.email.toLowerCase())
  }

  return {
    ok: true,
    key: {
      fingerprint: fingerprintOf(key),
      emails: [...emails],
      userIds,
      algorithm: describeAlgorithm(key.getAlgorithmInfo()),
      createdAt: key.getCreationTime(),
      expiresAt: earliest([
        await key.getExpirationTime(),
        encryptionKey === key ? null : await (encryptionKey as openpgp.Subkey).getExpirationTime(now),
      ]),
    },
  }
}

/**
 * Signs `content` with the instance key and encrypts it to every recipient, as one armored
 * message. Keys may be armored text (parsed once, then remembered) or already parsed.
 */
export async function encryptAndSign(
  content: string | Uint8Array,
  recipientKeys: readonly (string | PublicKey)[],
  signingKey: string | PrivateKey,
): Promise<string> {
  if (recipientKeys.length === 0) throw new Error('Cannot encrypt: no recipient keys given')
  const [encryptionKeys, signer] = await Promise.all([
    Promise.all(recipientKeys.map((key) => publicKeyFrom(key))).catch((error: unknown) => {
      throw new Error('Cannot encrypt: a recipient key is not a readable OpenPGP public key', { cause: error })
    }),
    privateKeyFrom(signingKey, 'sign'),
  ])
  // Binary literal data: the MIME entity's CRLF line endings must arrive exactly as sent, which
  // text mode would leave each implementation free to rewrite.
  const message = await openpgp.createMessage({
    binary: typeof content === 'string' ? encoder.encode(content) : content,
  })
  try {
    return await openpgp.encrypt({ message, encryptionKeys, signingKeys: signer, format: 'armored' })
  } catch (error) {
    const unusable = await unusableRecipients(encryptionKeys)
    if (unusable.length > 0) throw new Error(`Cannot encrypt: ${unusable.join('; ')}`, { cause: error })
    throw new Error(`Cannot encrypt: ${messageOf(error)}`, { cause: error })
  }
}

/**
 * A detached, armored signature of `content` (its exact bytes, binary signature type) with the
 * instance key: what `gpg --verify file.asc file` checks, for the published documents.
 */
export async function signDetached(content: Uint8Array, signingKey: string | PrivateKey): Promise<string> {
  const message = await openpgp.createMessage({ binary: content })
  return openpgp.sign({
    message,
    signingKeys: await privateKeyFrom(signingKey, 'sign'),
    detached: true,
    format: 'armored',
  })
}

export type SignatureCheck =
  | { state: 'valid'; fingerprint: string }
  | { state: 'unsigned' }
  | { state: 'unknown-key'; keyId: string }
  | { state: 'invalid'; reason: string }

export type Decrypted = { content: Uint8Array; signature: SignatureCheck }

/**
 * Decrypts a message sent to the instance key and checks its signature against the keys the
 * sender is known by. Throws an Error starting "Cannot decrypt:" when there is nothing to read;
 * a bad or unverifiable signature is not an error but a state, for the caller to judge.
 */
export async function decryptAndVerify(
  armoredMessage: string,
  privateKey: string | PrivateKey,
  senderKeys: readonly (string | PublicKey)[],
): Promise<Decrypted> {
  const decryptionKey = await privateKeyFrom(privateKey, 'decrypt')
  // A sender key that no longer parses is left out rather than failing the whole message: the
  // signature then shows as made by an unknown key, which is the truth as far as we can tell.
  const verificationKeys = (await Promise.all(senderKeys.map((key) => publicKeyFrom(key).catch(() => null)))).filter(
    (key): key is PublicKey => key !== null,
  )

  let message: openpgp.Message<string>
  try {
    message = await openpgp.readMessage({ armoredMessage })
  } catch (error) {
    throw new Error('Cannot decrypt: this is not a readable OpenPGP message', { cause: error })
  }
  let result
  try {
    result = await openpgp.decrypt({ message, decryptionKeys: decryptionKey, verificationKeys, format: 'binary' })
  } catch (error) {
    throw new Error(`Cannot decrypt: ${explainDecryptionFailure(messageOf(error))}`, { cause: error })
  }
  return { content: result.data, signature: await checkSignatures(result.signatures, verificationKeys) }
}

async function checkSignatures(
  signatures: openpgp.DecryptMessageResult['signatures'],
  keys: PublicKey[],
): Promise<SignatureCheck> {
  if (signatures.length === 0) return { state: 'unsigned' }
  const checks = await Promise.all(
    signatures.map(async ({ keyID, verified }): Promise<SignatureCheck> => {
      try {
        await verified
        const signer = keys.find((key) => key.getKeys(keyID).length > 0)
        // openpgp only reports a signature valid against one of the keys it was given.
        return signer
          ? { state: 'valid', fingerprint: fingerprintOf(signer) }
          : { state: 'unknown-key', keyId: keyID.toHex().toUpperCase() }
      } catch (error) {
        const message = messageOf(error)
        if (/could not find signing key/i.test(message))
          return { state: 'unknown-key', keyId: keyID.toHex().toUpperCase() }
        return { state: 'invalid', reason: explainSignatureFailure(message) }
      }
    }),
  )
  // One good signature from a known key is what matters; failing that, a bad one is worth more
  // attention than one we cannot check.
  const order: SignatureCheck['state'][] = ['valid', 'invalid', 'unknown-key']
  for (const state of order) {
    const found = checks.find((check) => check.state === state)
    if (found) return found
  }
  return { state: 'unsigned' }
}

function explainDecryptionFailure(message: string): string {
  if (/no decryption key packets/i.test(message)) return 'the message is not encrypted to this key'
  if (/no encrypted data/i.test(message)) return 'the message is not encrypted'
  if (/modification detected|integrity|session key decryption failed/i.test(message))
    return 'the message is corrupt or was changed on the way'
  if (/not authenticated|unauthenticated/i.test(message))
    return 'the message has no integrity protection, so it cannot be trusted'
  return message.replace(/^Error decrypting message: /, '')
}

function explainSignatureFailure(message: string): string {
  if (/signed digest did not match|signature verification failed/i.test(message))
    return 'the signature does not match the message'
  return message
}

// Parsed keys, keyed by their armored text, so that sending the same notification to many people
// (or many notifications with the instance key) does not parse and re-verify the same keys each
// time. Bounded; the least recently used key goes first.
const keyCacheSize = 512
const keyCache = new Map<string, Promise<Key>>()

function cachedKey(cacheKey: string, read: () => Promise<Key>): Promise<Key> {
  const hit = keyCache.get(cacheKey)
  if (hit) {
    keyCache.delete(cacheKey)
    keyCache.set(cacheKey, hit)
    return hit
  }
  const parsing = read()
  keyCache.set(cacheKey, parsing)
  parsing.catch(() => {
    if (keyCache.get(cacheKey) === parsing) keyCache.delete(cacheKey)
  })
  if (keyCache.size > keyCacheSize) keyCache.delete(keyCache.keys().next().value as string)
  return parsing
}

async function publicKeyFrom(key: string | PublicKey): Promise<PublicKey> {
  if (typeof key !== 'string') return key
  return (await cachedKey(`public\n${key}`, () => openpgp.readKey({ armoredKey: key }))) as PublicKey
}

async function privateKeyFrom(key: string | PrivateKey, action: 'sign' | 'decrypt'): Promise<PrivateKey> {
  let parsed: PrivateKey
  try {
    parsed =
      typeof key === 'string'
        ? ((await cachedKey(`private\n${key}`, () => openpgp.readPrivateKey({ armoredKey: key }))) as PrivateKey)
        : key
  } catch (error) {
    throw new Error(`Cannot ${action}: the private key is not a readable OpenPGP private key`, { cause: error })
  }
  if (!parsed.isDecrypted()) throw new Error(`Cannot ${action}: the private key is protected by a passphrase`)
  return parsed
}

/** Says, for each recipient key openpgp would refuse, why, e.g. "the key ABCD… has expired". */
async function unusableRecipients(keys: PublicKey[]): Promise<string[]> {
  const problems: string[] = []
  for (const key of keys) {
    const problem = await key.getEncryptionKey().then(
      () => null,
      (error: unknown) => messageOf(error),
    )
    if (problem === null) continue
    const why = /expired/i.test(problem)
      ? 'has expired'
      : /revoked/i.test(problem)
        ? 'is revoked'
        : /too weak/i.test(problem)
          ? 'is too weak'
          : 'has no key that can encrypt'
    problems.push(`the key ${fingerprintOf(key)} ${why}`)
  }
  return problems
}

async function expiredEncryptionSubkey(key: Key, now: Date): Promise<Date | null> {
  const encryptFlags = openpgp.enums.keyFlags.encryptCommunication | openpgp.enums.keyFlags.encryptStorage
  for (const subkey of key.subkeys) {
    const canEncrypt = subkey.bindingSignatures.some(
      (signature) => ((signature.keyFlags?.[0] ?? 0) & encryptFlags) !== 0,
    )
    if (!canEncrypt) continue
    const expiry = await subkey.getExpirationTime(now).catch(() => null)
    if (expiry instanceof Date && expiry <= now) return expiry
  }
  return null
}

const curveNames: Record<string, string> = {
  ed25519Legacy: 'ed25519',
  curve25519Legacy: 'cv25519',
  nistP256: 'nistp256',
  nistP384: 'nistp384',
  nistP521: 'nistp521',
}
const algorithmNames: Record<string, string> = { ed25519: 'ed25519', x25519: 'cv25519', ed448: 'ed448', x448: 'cv448' }
const sizedAlgorithms: Record<string, string> = {
  rsaEncryptSign: 'rsa',
  rsaEncrypt: 'rsa',
  rsaSign: 'rsa',
  dsa: 'dsa',
  elgamal: 'elg',
}

function describeAlgorithm({ algorithm, bits, curve }: AlgorithmInfo): string {
  const sized = sizedAlgorithms[algorithm]
  if (sized) return `${sized}${bits ?? ''}`
  if (curve) return curveNames[curve] ?? curve
  return algorithmNames[algorithm] ?? algorithm
}

const fingerprintOf = (key: Key): string => key.getFingerprint().toUpperCase()

const isoDay = (date: Date): string => date.toISOString().slice(0, 10)

function earliest(dates: (Date | number | null)[]): Date | null {
  const real = dates.filter((date): date is Date => date instanceof Date)
  return real.length === 0 ? null : new Date(Math.min(...real.map((date) => date.getTime())))
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const encoder = new TextEncoder()
