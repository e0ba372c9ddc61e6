// HTTP Message Signatures (RFC 9421) with Ed25519, and Content-Digest (RFC 9530), by hand: the
// canonicalisation is small, and written here it is checked against the RFC's own test vectors
// (httpSignatures.test.ts, RFC 9421 appendix B.2.6) rather than trusted to a package. Only what
// federation needs: requests, derived components @method @target-uri @authority @scheme @path
// @query, header fields without component parameters, and the alg "ed25519".
import { createHash, randomBytes, sign, verify, type KeyObject } from 'node:crypto'
import {
  isInnerList,
  parseDictionary,
  serializeBareItem,
  serializeInnerList,
  StructuredFieldError,
  Token,
  type BareItem,
  type InnerList,
  type Parameters,
} from './structuredFields.js'

/** A request as the signature sees it; header names in lower case. */
export interface SignedRequest {
  method: string
  targetUri: string
  headers: Record<string, string | string[] | undefined>
}

export interface SignatureInput {
  /** Covered components, e.g. ['@method', '@target-uri', 'content-digest']. */
  components: string[]
  /** Signature parameters in the order written: created, keyid, alg, nonce, expires, tag. */
  params: Parameters
}

export class SignatureFormatError extends Error {}

function componentValue(req: SignedRequest, name: string): string {
  const url = new URL(req.targetUri)
  switch (name) {
    case '@method':
      return req.method.toUpperCase()
    case '@target-uri':
      return req.targetUri
    case '@authority':
      return url.host.toLowerCase()
    case '@scheme':
      return url.protocol.slice(0, -1).toLowerCase()
    case '@path':
      return url.pathname || '/'
    case '@query':
      return url.search || '?'
  }
  if (name.startsWith('@')) throw new SignatureFormatError(`the derived component ${name} is not supported`)
  const raw = req.headers[name]
  if (raw === undefined) throw new SignatureFormatError(`the covered header ${name} is missing`)
  // RFC 9421 §2.1: each value trimmed, several field lines joined with ", ".
  const values = Array.isArray(raw) ? raw : [raw]
  return values.map((v) => v.trim().replace(/\s*\r?\n\s*/g, ' ')).join(', ')
}

function innerListOf(input: SignatureInput): InnerList {
  return { items: input.components.map((c) => ({ value: c, params: [] })), params: input.params }
}

/** The signature base (RFC 9421 §2.5): the bytes that are signed. */
export function signatureBase(req: SignedRequest, input: SignatureInput): string {
  const lines = input.components.map((c) => `${serializeBareItem(c)}: ${componentValue(req, c)}`)
  lines.push(`"@signature-params": ${serializeInnerList(innerListOf(input))}`)
  return lines.join('\n')
}

/** The two header fields that carry one signature under `label`. */
export function signRequest(
  req: SignedRequest,
  input: SignatureInput,
  privateKey: KeyObject,
  label = 'sig1',
): { 'signature-input': string; signature: string } {
  const signature = sign(null, Buffer.from(signatureBase(req, input), 'utf8'), privateKey)
  return {
    'signature-input': `${label}=${serializeInnerList(innerListOf(input))}`,
    signature: `${label}=:${signature.toString('base64')}:`,
  }
}

export interface ReceivedSignature {
  label: string
  input: SignatureInput
  signature: Buffer
  param(name: string): BareItem | undefined
}

/** Every signature a request carries, read from its Signature-Input and Signature fields. */
export function readSignatures(signatureInput: string, signatureField: string): ReceivedSignature[] {
  let inputs, values
  try {
    inputs = parseDictionary(signatureInput)
    values = parseDictionary(signatureField)
  } catch (error) {
    if (error instanceof StructuredFieldError) throw new SignatureFormatError(error.message)
    throw error
  }
  const out: ReceivedSignature[] = []
  for (const [label, member] of inputs) {
    const value = values.get(label)
    if (!isInnerList(member)) throw new SignatureFormatError(`Signature-Input ${label} is not an inner list`)
    if (!value || isInnerList(value) || !(value.value instanceof Uint8Array))
      throw new SignatureFormatError(`Signature ${label} is missing or not a byte sequence`)
    const components = member.items.map((item) => {
      if (typeof item.value !== 'string' || item.params.length)
        throw new SignatureFormatError('covered components must be plain strings')
      return item.value
    })
    const params = member.params
    out.push({
      label,
      input: { components, params },
      signature: Buffer.from(value.value),
      param: (name) => params.find(([k]) => k === name)?.[1],
    })
  }
  return out
}

/** Whether `received` is a valid Ed25519 signature of this request by `publicKey`. */
export function signatureHolds(req: SignedRequest, received: ReceivedSignature, publicKey: KeyObject): boolean {
  const alg = received.param('alg')
  if (alg !== undefined && alg !== 'ed25519') return false
  let base: string
  try {
    base = signatureBase(req, received.input)
  } catch {
    return false
  }
  try {
    return verify(null, Buffer.from(base, 'utf8'), publicKey, received.signature)
  } catch {
    return false
  }
}

/** Content-Digest (RFC 9530) of a body, with SHA-256. */
export function contentDigest(body: Buffer | string): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`
}

/**
 * Whether a Content-Digest field matches the body: every sha-256 or sha-512 digest it holds must
 * match, and at least one must be there (other algorithms are ignored, as RFC 9530 allows).
 */
export function contentDigestHolds(field: string, body: Buffer): boolean {
  let dict
  try {
    dict = parseDictionary(field)
  } catch {
    return false
  }
  let checked = 0
  for (const [alg, member] of dict) {
    if (alg !== 'sha-256' && alg !== 'sha-512') continue
    if (isInnerList(member) || !(member.value instanceof Uint8Array)) return false
    const actual = createHash(alg === 'sha-256' ? 'sha256' : 'sha512')
      .update(body)
      .digest()
    if (!actual.equals(Buffer.from(member.value))) return false
    checked++
  }
  return checked > 0
}

/** A fresh nonce for one signature (128 random bits, base64url). */
export const newNonce = (): string => randomBytes(16).toString('base64url')

export { Token }
