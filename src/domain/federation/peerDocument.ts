// The document each instance publishes at /.well-known/lockstep-peer: who it is and the key its
// messages are signed with. Another instance's admin fetches it when adding this one as a peer,
// and pins the key only once its fingerprint has been confirmed out of band.
import { ValidationError } from '../errors.js'
import { unstorableTextIn } from '../storableText.js'

export const PEER_DOCUMENT_TYPE = 'LockstepPeer'

export interface PeerDocument {
  type: typeof PEER_DOCUMENT_TYPE
  version: 1
  /** The instance's public URL, without a trailing slash: its identity among peers. */
  baseUrl: string
  name: string
  inbox: string
  /** The ActivityStreams actor that signs and sends: `<baseUrl>/federation/actor`. */
  actor: string
  algorithm: 'ed25519'
  keyId: string
  publicKeyPem: string
  /** The raw key, base64url (a JWK's "x"). */
  publicKey: string
  /** The key id in groups of four, for people to compare. */
  fingerprint: string
}

/** An instance's base URL as peers know it: http(s), no query, no fragment, no trailing slash. */
export function normalizeBaseUrl(input: string, field = 'url'): string {
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw new ValidationError({ field, message: 'is not a URL (e.g. https://cert.example.org)' })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ValidationError({ field, message: 'must be an http or https URL' })
  if (url.search || url.hash || url.username || url.password)
    throw new ValidationError({
      field,
      message: 'must be the instance address alone, without query, fragment or credentials',
    })
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

export const actorOf = (baseUrl: string): string => `${baseUrl}/federation/actor`

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096

/** Reads a fetched document, refusing one that does not describe the instance at `baseUrl`. */
export function readPeerDocument(json: unknown, baseUrl: string): Omit<PeerDocument, 'fingerprint' | 'publicKey'> {
  const d = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
  const problems: { field: string; message: string }[] = []
  if (d.type !== PEER_DOCUMENT_TYPE || d.version !== 1)
    problems.push({ field: 'type', message: `is not a ${PEER_DOCUMENT_TYPE} document of version 1` })
  for (const f of ['baseUrl', 'name', 'inbox', 'actor', 'keyId', 'publicKeyPem'] as const)
    if (!isString(d[f])) problems.push({ field: f, message: 'is missing' })
  if (d.algorithm !== 'ed25519') problems.push({ field: 'algorithm', message: 'is not ed25519' })
  problems.push(...unstorableTextIn(d))
  if (problems.length) throw new ValidationError(problems)
  if (d.baseUrl !== baseUrl)
    throw new ValidationError({
      field: 'baseUrl',
      message: `says ${String(d.baseUrl)}, not the address asked (${baseUrl})`,
    })
  const inbox = String(d.inbox)
  if (!inbox.startsWith(`${baseUrl}/`))
    throw new ValidationError({ field: 'inbox', message: 'is not under the instance address' })
  return {
    type: PEER_DOCUMENT_TYPE,
    version: 1,
    baseUrl,
    name: String(d.name).slice(0, 200),
    inbox,
    actor: String(d.actor),
    algorithm: 'ed25519',
    keyId: String(d.keyId),
    publicKeyPem: String(d.publicKeyPem),
  }
}
