// A case's ledger: an append-only, hash-chained record of every state change and every release of
// information. Each entry's hash covers its content and the hash of the entry before it, so
// editing, removing, inserting or reordering any entry breaks the chain from that point on, and
// verifyChain names the first entry that no longer fits.
//
// The hash must come out the same wherever and whenever it is recomputed (another server, another
// Node version, after a round trip through PostgreSQL's jsonb, which reorders object keys), so it
// is taken over a canonical serialisation rather than over whatever JSON.stringify happens to say.
import { createHash } from 'node:crypto'

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** Who caused the entry: a user (their id) or the instance itself (id 'system'). */
export interface LedgerActor {
  id: string
  displayName: string
}

export const systemLedgerActor: LedgerActor = { id: 'system', displayName: 'Lockstep' }

/** What the caller supplies; nextEntry adds sequence and the hashes. */
export interface LedgerContent {
  caseId: string
  /** UTC, exactly as Date.prototype.toISOString writes it, so one instant has one spelling. */
  instant: string
  actor: LedgerActor
  /** Dotted lower-case name such as 'rm.transition' or 'information.released'. */
  kind: string
  payload: JsonValue
}

export interface LedgerEntry extends LedgerContent {
  sequence: number
  prevHash: string
  hash: string
}

/** The prevHash of a case's first entry. */
export const GENESIS_HASH = '0'.repeat(64)

export type ChainVerdict =
  { ok: true; count: number; head: string } | { ok: false; firstBad: { sequence: number; reason: string } }

/** Thrown for content that has no canonical form; a programming error, not bad user input. */
export class NotCanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path} ${problem}`)
    this.name = 'NotCanonicalJsonError'
  }
}

const loneSurrogate = /\p{Cs}/u

function canonicalString(s: string, path: string): string {
  // A lone surrogate has no UTF-8 form and PostgreSQL's jsonb refuses it, so it could never be
  // stored and re-verified.
  if (loneSurrogate.test(s))
    throw new NotCanonicalJsonError(path, 'contains a lone UTF-16 surrogate, which is not text')
  // NFC, so that "é" typed as one code point or as e + combining accent hashes the same.
  return s.normalize('NFC')
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v === 'object' && v !== null) return `a ${v.constructor?.name ?? 'non-plain object'}`
  return `a ${typeof v}`
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new NotCanonicalJsonError(path, `is ${value}, which JSON cannot represent`)
      // ECMAScript's shortest round-trip form, as RFC 8785 prescribes; -0 becomes 0.
      return JSON.stringify(value)
    case 'string':
      return JSON.stringify(canonicalString(value, path))
    case 'object':
      break
    default:
      throw new NotCanonicalJsonError(path, `is ${kindOf(value)}, not a plain JSON value`)
  }
  if (open.has(value)) throw new NotCanonicalJsonError(path, 'refers back to itself (a cycle)')
  open.add(value)
  try {
    if (Array.isArray(value)) {
      const items: string[] = []
      for (let i = 0; i < value.length; i++) {
        if (!(i in value))
          throw new NotCanonicalJsonError(`${path}[${i}]`, 'is a hole in a sparse array, not a plain JSON value')
        items.push(write(value[i], `${path}[${i}]`, open))
      }
      return `[${items.join(',')}]`
    }
    if (!isPlainObject(value)) throw new NotCanonicalJsonError(path, `is ${kindOf(value)}, not a plain JSON value`)
    if (Object.getOwnPropertySymbols(value).length > 0)
      throw new NotCanonicalJsonError(path, 'has symbol keys, which JSON cannot represent')
    const members = new Map<string, string>()
    for (const key of Object.keys(value)) {
      const at = `${path}.${key}`
      const name = canonicalString(key, at)
      if (members.has(name))
        throw new NotCanonicalJsonError(at, 'is the same key as another once Unicode-normalised (NFC)')
      members.set(name, write(value[key], at, open))
    }
    // Default sort compares UTF-16 code units, the order RFC 8785 uses.
    const keys = [...members.keys()].sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${members.get(k)}`).join(',')}}`
  } finally {
    open.delete(value)
  }
}

/**
 * RFC 8785-style canonical JSON (keys sorted recursively, no whitespace, ECMAScript number form)
 * with strings and keys in Unicode NFC. Throws NotCanonicalJsonError, naming the path, for
 * undefined, non-finite numbers, functions, bigints, class instances (Date, Map, ...), sparse
 * arrays, cycles and lone surrogates, rather than silently dropping or coercing them.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set())
}

const kindPattern = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/

function checkContent(content: LedgerContent): void {
  if (typeof content.caseId !== 'string' || content.caseId === '')
    throw new TypeError('ledger entry: caseId must be a non-empty string')
  const instant = typeof content.instant === 'string' ? new Date(content.instant) : null
  if (!instant || Number.isNaN(instant.getTime()) || instant.toISOString() !== content.instant)
    throw new TypeError(
      `ledger entry: instant must be a UTC ISO string like 2003-03-03T17:00:00.000Z, got ${JSON.stringify(content.instant)}`,
    )
  if (typeof content.actor?.id !== 'string' || content.actor.id === '' || typeof content.actor.displayName !== 'string')
    throw new TypeError('ledger entry: actor needs an id (a user id or "system") and a display name')
  if (typeof content.kind !== 'string' || !kindPattern.test(content.kind))
    throw new TypeError(
      `ledger entry: kind must be dotted lower-case words like "rm.transition", got ${JSON.stringify(content.kind)}`,
    )
}

/** Exactly the fields the hash covers, so extra properties on a stored row never leak into it. */
function hashedBody(sequence: number, c: LedgerContent): string {
  return canonicalJson({
    sequence,
    caseId: c.caseId,
    instant: c.instant,
    actor: { id: c.actor.id, displayName: c.actor.displayName },
    kind: c.kind,
    payload: c.payload,
  })
}

/** SHA-256 hex of prevHash, a newline and the canonical content (sequence included). */
export function entryHash(prevHash: string, sequence: number, content: LedgerContent): string {
  return createHash('sha256')
    .update(`${prevHash}\n${hashedBody(sequence, content)}`, 'utf8')
    .digest('hex')
}

/** The entry that follows `previous` (null for a case's first entry). */
export function nextEntry(previous: LedgerEntry | null, content: LedgerContent): LedgerEntry {
  checkContent(content)
  if (previous && previous.caseId !== content.caseId)
    throw new TypeError(`ledger entry: case ${content.caseId} cannot follow an entry of case ${previous.caseId}`)
  const sequence = previous ? previous.sequence + 1 : 1
  const prevHash = previous ? previous.hash : GENESIS_HASH
  const entry: LedgerEntry = {
    sequence,
    caseId: content.caseId,
    instant: content.instant,
    actor: { id: content.actor.id, displayName: content.actor.displayName },
    kind: content.kind,
    payload: content.payload,
    prevHash,
    hash: '',
  }
  entry.hash = entryHash(prevHash, sequence, entry)
  return entry
}

/** Why the entry's stored hash is not the hash of its content, or null when it is. */
export function hashProblem(entry: LedgerEntry): string | null {
  let recomputed: string
  try {
    recomputed = entryHash(entry.prevHash, entry.sequence, entry)
  } catch (e) {
    return `content cannot be hashed: ${(e as Error).message}`
  }
  return entry.hash === recomputed ? null : 'hash does not match its content'
}

/**
 * Checks a whole ledger, in stored order, and names the first entry that does not fit. A chain
 * that was cut short at the end still verifies: compare `count` and `head` with the values
 * recorded elsewhere (the case row, a published advisory) to catch that.
 */
export function verifyChain(entries: readonly LedgerEntry[], expected: { caseId?: string } = {}): ChainVerdict {
  const caseId = expected.caseId ?? entries[0]?.caseId
  let head = GENESIS_HASH
  for (const [i, entry] of entries.entries()) {
    const bad = (reason: string): ChainVerdict => ({ ok: false, firstBad: { sequence: entry.sequence, reason } })
    if (entry.caseId !== caseId) return bad('belongs to another case')
    if (entry.sequence !== i + 1) return bad(`sequence gap: expected ${i + 1}`)
    if (entry.prevHash !== head)
      return bad(i === 0 ? 'previous hash is not the genesis hash' : `previous hash does not match entry ${i}`)
    const problem = hashProblem(entry)
    if (problem) return bad(problem)
    head = entry.hash
  }
  return { ok: true, count: entries.length, head }
}
