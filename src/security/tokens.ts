// Bearer secrets (session cookies, API tokens, invitation and reset links): 256 random bits,
// shown once, stored only as a SHA-256 hash. A stolen database yields no usable secret.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url')
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** API tokens carry a recognisable prefix so secret scanners and people can tell what leaked. */
export const API_TOKEN_PREFIX = 'lsk_'
