// The instance's federation key: an Ed25519 pair that signs every message sent to a peer instance
// (HTTP Message Signatures, httpSignatures.ts). Made by the same mechanism as the ledger key
// (ledgerKey.ts: node:crypto Ed25519, its id the SHA-256 of the public key's SPKI DER) but a key
// of its own, for three reasons: a signature made for one purpose can never be presented as the
// other (a signed ledger head is published for anyone, a peer message authenticates the instance
// to a peer); either key can be rotated without touching the other (rotating the federation key
// means every peer confirms a new fingerprint, which must not also invalidate every case's heads);
// and an instance that never federates publishes no federation key at all.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { generateLedgerKey, ledgerKeyId, readLedgerPublicKey, type LedgerKeyPair } from './ledgerKey.js'

export type FederationKeyPair = LedgerKeyPair

export const generateFederationKey = (): FederationKeyPair => generateLedgerKey()

/** The key id (SHA-256 hex of the SPKI DER) of a PEM public key. */
export const federationKeyId = (publicKeyPem: string): string => ledgerKeyId(publicKeyPem)

/**
 * What a person compares out of band: the key id in upper-case groups of four,
 * "3F2A 91C0 …" (16 groups), easier to read aloud over the phone than 64 hex digits.
 */
export function fingerprintOf(keyId: string): string {
  return keyId
    .toUpperCase()
    .match(/.{1,4}/g)!
    .join(' ')
}

/** The same fingerprint however it was typed: spaces, colons and case do not matter. */
export function sameFingerprint(typed: string, keyId: string): boolean {
  return typed.replace(/[\s:]/g, '').toLowerCase() === keyId.toLowerCase()
}

// Parsed once per pinned key: parsing a PEM costs as much as checking a signature with it.
const publicKeys = new Map<string, KeyObject>()

export function readFederationPublicKey(pem: string): KeyObject {
  let key = publicKeys.get(pem)
  if (!key) {
    key = readLedgerPublicKey(pem)
    publicKeys.set(pem, key)
  }
  return key
}

const privateKeys = new Map<string, KeyObject>()

export function federationPrivateKey(pair: FederationKeyPair): KeyObject {
  let key = privateKeys.get(pair.privateKeyPem)
  if (!key) {
    key = createPrivateKey(pair.privateKeyPem)
    privateKeys.set(pair.privateKeyPem, key)
  }
  return key
}

/** The raw 32-byte public key, base64url (as a JWK's "x"), for tools that want it so. */
export function rawPublicKey(publicKeyPem: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' })
  return String(jwk.x)
}
