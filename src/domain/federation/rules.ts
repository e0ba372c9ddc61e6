// The numbers of federation's wire rules, in one place (docs/FEDERATION.md says them in words).

/** A signature's `created` may differ from the receiver's clock by at most this much either way. */
export const MAX_SKEW_SECONDS = 300
/** Nonces are remembered a little longer than a signature can be fresh, then forgotten. */
export const NONCE_MEMORY_SECONDS = 2 * MAX_SKEW_SECONDS
/** The largest body the inbox reads; larger is refused with 413 before it is read. */
export const INBOX_LIMIT_BYTES = 256 * 1024
/** What every message's signature must cover, besides the `created`, `keyid` and `nonce` parameters. */
export const REQUIRED_COMPONENTS = ['@method', '@target-uri', 'content-digest', 'content-type'] as const
/** The signature label Lockstep writes; on receipt, any label whose input names our tag is read. */
export const SIGNATURE_LABEL = 'lockstep'
/** The `tag` parameter (RFC 9421 §2.3): says what protocol the signature is for. */
export const SIGNATURE_TAG = 'lockstep-federation'
/** The media type of every message (ActivityStreams 2.0). */
export const ACTIVITY_MEDIA_TYPE = 'application/activity+json'
/** Where a peer's description is published, under its base URL. */
export const WELL_KNOWN_PATH = '/.well-known/lockstep-peer'
export const INBOX_PATH = '/federation/inbox'

/** Attempts before an outbox message is given up (about a day and a half of retries). */
export const MAX_DELIVERY_ATTEMPTS = 12

/**
 * When attempt `attempts` (1 after the first failure) is retried: doubling from `baseSeconds`,
 * at most an hour apart, with a tenth of jitter so peers coming back are not hit all at once.
 */
export function retryDelaySeconds(attempts: number, baseSeconds = 15, jitter = Math.random()): number {
  const plain = Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1))
  return plain * (1 + jitter / 10)
}

/**
 * Whether a peer's answer means the message will never be taken, so retrying is pointless: a body
 * it cannot read. A refusal of who we are (401, 403: not yet pinned there) or of this attempt
 * (409: a nonce seen) is tried again, signed afresh: the peer's admin may confirm us meanwhile.
 */
export function isPermanentRefusal(status: number): boolean {
  return [400, 404, 405, 410, 413, 415, 422].includes(status)
}
