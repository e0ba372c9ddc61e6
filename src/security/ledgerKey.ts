// The instance's ledger key: an Ed25519 key pair that signs each case's ledger head at every
// append (domain/ledgerHead.ts). Ed25519 through node:crypto rather than the instance's OpenPGP
// key because a head is signed inside every state change's transaction: measured with
// `npm run bench:ledger-signing`, an OpenPGP detached signature costs about 30 times as much.
// The public half is published (PEM at /.well-known/lockstep-ledger-key.pem) so that heads can
// be checked with any Ed25519 tool, e.g. `openssl pkeyutl -verify -rawin`.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto'
import { headStatement, type SignedHead } from '../domain/ledgerHead.js'

export interface LedgerKeyPair {
  privateKeyPem: string
  publicKeyPem: string
  keyId: string
}

export function generateLedgerKey(): LedgerKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem,
    keyId: ledgerKeyId(publicKey),
  }
}

/** Lower-case hex SHA-256 of the public key's SPKI DER (`openssl pkey -pubin -outform DER | sha256sum`). */
export function ledgerKeyId(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
}

/** Reads a PEM public key and says what is wrong with one that is not an Ed25519 key. */
export function readLedgerPublicKey(pem: string): KeyObject {
  let key: KeyObject
  try {
    key = createPublicKey(pem)
  } catch {
    throw new Error('the ledger public key is not a PEM public key (-----BEGIN PUBLIC KEY-----)')
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`the ledger public key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519`)
  return key
}

const privateKeys = new Map<string, KeyObject>()

export function signHead(pair: LedgerKeyPair, head: Omit<SignedHead, 'keyId' | 'signature'>): SignedHead {
  let key = privateKeys.get(pair.privateKeyPem)
  if (!key) {
    key = createPrivateKey(pair.privateKeyPem)
    privateKeys.set(pair.privateKeyPem, key)
  }
  const signature = sign(null, Buffer.from(headStatement(head), 'utf8'), key).toString('base64')
  return { ...head, keyId: pair.keyId, signature }
}

/** Whether the head was signed by `publicKey` exactly as it reads. */
export function headSignatureHolds(publicKey: KeyObject, head: SignedHead): boolean {
  try {
    return verify(null, Buffer.from(headStatement(head), 'utf8'), publicKey, Buffer.from(head.signature, 'base64'))
  } catch {
    return false
  }
}
