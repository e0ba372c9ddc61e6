// Callers resolved a moment ago, by the hash of their session cookie or API token, so that an
// authenticated request needs no database round trip to know who is calling. Kept at most
// PRINCIPAL_CACHE_SECONDS; dropped at once on word of a change (store/principalChanges.ts: this
// server's own writes, and every server's through NOTIFY); not kept at all while that word is not
// arriving. A read that began before a change is not kept (the generation check), so nothing
// older than the change survives it. Only found, valid callers are kept, never a refusal.
import type { PrincipalChanges } from '../../store/principalChanges.js'

/** The README ("Running it for real") states this bound on how long a change may go unseen. */
export const PRINCIPAL_CACHE_SECONDS = 5
const MAX_ENTRIES = 10_000

interface Entry<T> {
  value: T
  userId: string
  until: number
}

export class PrincipalCache<T> {
  private readonly entries = new Map<string, Entry<T>>()
  private readonly reading = new Map<string, { generation: number; read: Promise<unknown> }>()
  private on = false
  /** Bumped by every change; a read started under an older generation is not kept. */
  generation = 0
  private readonly unsubscribe: () => void

  constructor(
    changes: PrincipalChanges,
    private readonly ttlMs = PRINCIPAL_CACHE_SECONDS * 1000,
  ) {
    this.unsubscribe = changes.subscribe({
      changed: (userId) => {
        this.generation++
        if (userId === null) this.entries.clear()
        else for (const [key, e] of this.entries) if (e.userId === userId) this.entries.delete(key)
      },
      listening: (on) => {
        this.generation++
        this.entries.clear()
        this.on = on
      },
    })
  }

  get(key: string, now = Date.now()): T | undefined {
    const e = this.entries.get(key)
    if (!e) return undefined
    if (e.until > now) return e.value
    this.entries.delete(key)
    return undefined
  }

  /** Keeps what a read begun at `generation` found, unless a change came in the meantime. */
  set(key: string, userId: string, value: T, generation: number, now = Date.now()): void {
    if (!this.on || generation !== this.generation) return
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    this.entries.set(key, { value, userId, until: now + this.ttlMs })
  }

  /**
   * One database read per caller at a time: the requests that miss together (the first after what
   * was kept expired, or after a change dropped it) wait for the same read instead of each making
   * its own. Only a read begun under the current generation is shared, so a request never gets an
   * answer read before a change this server has heard of: the same rule as for what is kept.
   */
  readOnce<R>(key: string, read: (generation: number) => Promise<R>): Promise<R> {
    const current = this.reading.get(key)
    if (current && current.generation === this.generation) return current.read as Promise<R>
    const pending = read(this.generation).finally(() => {
      if (this.reading.get(key)?.read === pending) this.reading.delete(key)
    })
    this.reading.set(key, { generation: this.generation, read: pending })
    return pending
  }

  /** Replaces a kept value (a touch moved last_seen_at) without extending how long it is kept. */
  replace(key: string, value: T): void {
    const e = this.entries.get(key)
    if (e) e.value = value
  }

  close(): void {
    this.unsubscribe()
    this.entries.clear()
  }
}
