// HTTP to peer instances: fetching a peer's description (/.well-known/lockstep-peer) when an admin
// adds it, and posting a signed message to its inbox. Redirects are not followed (a peer is its
// address), answers are read to a bounded size, and every call has a timeout.
import { ValidationError } from '../../domain/errors.js'
import { WELL_KNOWN_PATH } from '../../domain/federation/rules.js'

const TIMEOUT_MS = 10_000
const DOCUMENT_LIMIT = 64 * 1024

async function boundedText(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw new Error(`the answer is larger than ${limit} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The peer's description, or a ValidationError on `url` saying why it could not be had. */
export async function fetchPeerDocument(baseUrl: string): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(`${baseUrl}${WELL_KNOWN_PATH}`, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw new ValidationError({ field: 'url', message: `could not be reached (${(error as Error).message})` })
  }
  if (!response.ok)
    throw new ValidationError({
      field: 'url',
      message: `answered ${response.status} at ${WELL_KNOWN_PATH}: is it a Lockstep instance?`,
    })
  try {
    return JSON.parse(await boundedText(response, DOCUMENT_LIMIT)) as unknown
  } catch (error) {
    throw new ValidationError({
      field: 'url',
      message: `did not answer a peer description (${(error as Error).message})`,
    })
  }
}

export interface PostOutcome {
  status: number | null
  /** What went wrong, short, for the outbox row and the log (the peer's problem detail if any). */
  error: string | null
  /** A 429's or 503's Retry-After, in seconds, when the peer said when to come back. */
  retryAfterSeconds?: number
}

export async function postSigned(url: string, headers: Record<string, string>, body: string): Promise<PostOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await boundedText(response, 16 * 1024).catch(() => '')
    if (response.ok) return { status: response.status, error: null }
    let detail = text.slice(0, 300)
    try {
      detail = String((JSON.parse(text) as { detail?: unknown }).detail ?? detail).slice(0, 300)
    } catch {
      // not problem+json: the text as it came
    }
    const retryAfter = Number(response.headers.get('retry-after'))
    return {
      status: response.status,
      error: `${response.status}: ${detail}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: Math.min(retryAfter, 3600) } : {}),
    }
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause
    return { status: null, error: `${(error as Error).message}${cause ? ` (${cause.message})` : ''}`.slice(0, 300) }
  }
}
