// Signing a message to a peer and checking one from a peer (RFC 9421 with Ed25519, the content
// digest of RFC 9530), with the rules of docs/FEDERATION.md: what the signature must cover, how
// far its `created` may be from our clock, and which peer's pinned key must verify it.
import { FederationRefusal } from '../../domain/federation/refusal.js'
import {
  ACTIVITY_MEDIA_TYPE,
  MAX_SKEW_SECONDS,
  REQUIRED_COMPONENTS,
  SIGNATURE_LABEL,
  SIGNATURE_TAG,
} from '../../domain/federation/rules.js'
import { federationPrivateKey, readFederationPublicKey, type FederationKeyPair } from '../../security/federationKey.js'
import {
  contentDigest,
  contentDigestHolds,
  newNonce,
  readSignatures,
  signatureHolds,
  signRequest,
  SignatureFormatError,
  type ReceivedSignature,
  type SignedRequest,
} from '../../security/httpSignatures.js'
import type { Db } from '../../store/db.js'
import { peerByKeyId, type PeerRow } from '../../store/federation/peers.js'

/** The headers of a signed POST of `body` to `inboxUrl`. */
export function signedPostHeaders(
  key: FederationKeyPair,
  o: { inboxUrl: string; body: string; now?: Date; nonce?: string },
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': ACTIVITY_MEDIA_TYPE,
    'content-digest': contentDigest(o.body),
    date: (o.now ?? new Date()).toUTCString(),
  }
  const signed = signRequest(
    { method: 'POST', targetUri: o.inboxUrl, headers },
    {
      components: ['@method', '@target-uri', 'content-digest', 'content-type', 'date'],
      params: [
        ['created', Math.floor((o.now ?? new Date()).getTime() / 1000)],
        ['keyid', key.keyId],
        ['alg', 'ed25519'],
        ['nonce', o.nonce ?? newNonce()],
        ['tag', SIGNATURE_TAG],
      ],
    },
    federationPrivateKey(key),
    SIGNATURE_LABEL,
  )
  return { ...headers, ...signed }
}

export interface CheckedSignature {
  peer: PeerRow
  nonce: string
  keyId: string
  created: number
  /** The Signature-Input and Signature as received, for the ledger (they prove who said it). */
  signatureInput: string
  signature: string
}

const header = (req: SignedRequest, name: string): string | undefined => {
  const v = req.headers[name]
  return Array.isArray(v) ? v.join(', ') : v
}

/**
 * Who signed this request, or the refusal: unsigned, malformed, not ours (no `tag`), not covering
 * what it must, too old or too new, from a key no peer has (401) or a peer not yet pinned (403),
 * not verifying (401), or a body that is not what the digest says (400).
 */
export async function checkSignedRequest(
  db: Db,
  req: SignedRequest,
  body: Buffer,
  now: Date,
): Promise<CheckedSignature> {
  const inputField = header(req, 'signature-input')
  const signatureField = header(req, 'signature')
  if (!inputField || !signatureField)
    throw new FederationRefusal('unsigned', 'The message is not signed (RFC 9421 Signature-Input and Signature).')
  let signatures: ReceivedSignature[]
  try {
    signatures = readSignatures(inputField, signatureField)
  } catch (error) {
    if (error instanceof SignatureFormatError)
      throw new FederationRefusal('malformed-signature', `The signature cannot be read: ${error.message}.`)
    throw error
  }
  const ours = signatures.find((s) => s.param('tag') === SIGNATURE_TAG)
  if (!ours) throw new FederationRefusal('malformed-signature', `No signature is tagged ${SIGNATURE_TAG}.`)
  const missing = REQUIRED_COMPONENTS.filter((c) => !ours.input.components.includes(c))
  if (missing.length) throw new FederationRefusal('not-covered', `The signature does not cover ${missing.join(', ')}.`)
  const created = ours.param('created')
  const keyId = ours.param('keyid')
  const nonce = ours.param('nonce')
  if (typeof created !== 'number' || typeof keyId !== 'string' || typeof nonce !== 'string' || nonce.length > 200)
    throw new FederationRefusal('not-covered', 'The signature must carry created, keyid and nonce parameters.')
  const expires = ours.param('expires')
  const nowSeconds = now.getTime() / 1000
  if (Math.abs(nowSeconds - created) > MAX_SKEW_SECONDS || (typeof expires === 'number' && expires < nowSeconds))
    throw new FederationRefusal('stale', `The signature was made too far from now (more than ${MAX_SKEW_SECONDS} s).`)
  const peer = await peerByKeyId(db, keyId)
  if (!peer)
    throw new FederationRefusal('unknown-peer', 'The key that signed this message belongs to no peer of this instance.')
  if (peer.state !== 'pinned')
    throw new FederationRefusal(
      'unpinned-peer',
      "This instance's admin has not confirmed the sender's fingerprint yet.",
    )
  if (!signatureHolds(req, ours, readFederationPublicKey(peer.public_key_pem)))
    throw new FederationRefusal('bad-signature', 'The signature does not verify with the sender’s pinned key.')
  const digest = header(req, 'content-digest')
  if (!digest || !contentDigestHolds(digest, body))
    throw new FederationRefusal('bad-digest', 'The body is not the one its Content-Digest describes.')
  return { peer, nonce, keyId, created, signatureInput: inputField, signature: signatureField }
}
