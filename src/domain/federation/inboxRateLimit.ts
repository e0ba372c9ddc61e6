// How fast the federation inbox takes messages from one sender: a fixed window per key, counted
// in this server's memory (a limit is a courtesy to the machine, not a promise: a second server
// counts on its own). A pinned peer is counted by its key id once its signature checked out, so
// a stranger claiming its key id cannot use up its allowance; whatever fails before the sender is
// known (unsigned, unknown key, bad signature) is counted per address, with a much lower limit.
// Over the limit: 429 with Retry-After, which the sender's delivery loop honours.

export interface InboxLimits {
  windowSeconds: number
  /** Messages per window from one pinned peer (its key id): well above the 200/s of the bench. */
  perPeer: number
  /** Refused-before-known requests per window from one address. */
  perUnverified: number
}

export const DEFAULT_INBOX_LIMITS: InboxLimits = { windowSeconds: 10, perPeer: 10_000, perUnverified: 60 }

export const peerKey = (keyId: string) => `peer:${keyId}`
export const unverifiedKey = (address: string) => `unverified:${address}`

/** Sweep ended windows once this many keys are held (an address-scanning sender cannot grow it without end). */
const SWEEP_AT = 10_000

export class InboxRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>()

  /** Seconds the sender should wait before posting again, or 0 when it may post now. */
  retryAfter(key: string, limit: number, windowSeconds: number, now: number): number {
    const w = this.windows.get(key)
    if (!w || now - w.start >= windowSeconds * 1000 || w.count < limit) return 0
    return Math.max(1, Math.ceil((w.start + windowSeconds * 1000 - now) / 1000))
  }

  /** Counts one message from the sender. */
  hit(key: string, windowSeconds: number, now: number): void {
    const w = this.windows.get(key)
    if (w && now - w.start < windowSeconds * 1000) {
      w.count++
      return
    }
    if (this.windows.size >= SWEEP_AT)
      for (const [k, v] of this.windows) if (now - v.start >= windowSeconds * 1000) this.windows.delete(k)
    this.windows.set(key, { start: now, count: 1 })
  }
}

/** The key id a request claims in its Signature-Input (unverified: only to look its allowance up). */
export function claimedKeyId(signatureInput: unknown): string | null {
  if (typeof signatureInput !== 'string') return null
  const m = /;keyid="([^"]{1,200})"/.exec(signatureInput)
  return m ? m[1]! : null
}
