import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  entryHash,
  GENESIS_HASH,
  nextEntry,
  NotCanonicalJsonError,
  systemLedgerActor,
  verifyChain,
  type LedgerContent,
  type LedgerEntry,
} from './ledger.js'

const caseId = 'VU#398025'
const coordinator = { id: '6f1c1a52-3d0e-4d53-9a57-4b3c2a1d0e9f', displayName: 'Art Manion' }

function content(n: number, over: Partial<LedgerContent> = {}): LedgerContent {
  return {
    caseId,
    instant: new Date(Date.UTC(2003, 0, 29, 12, n)).toISOString(),
    actor: coordinator,
    kind: 'cs.event',
    payload: { step: n, note: `event ${n}`, nested: { b: [1, 2, { y: true, x: null }], a: 'é' } },
    ...over,
  }
}

/** A chain of `length` entries built the only way entries are meant to be built. */
function chain(length: number, id = caseId): LedgerEntry[] {
  const out: LedgerEntry[] = []
  for (let n = 1; n <= length; n++) out.push(nextEntry(out.at(-1) ?? null, content(n, { caseId: id })))
  return out
}

/** Rewrites entry `index` and re-hashes it, as a forger who knows the scheme would. */
function forge(entries: LedgerEntry[], index: number, change: Partial<LedgerEntry>): LedgerEntry[] {
  const copy = entries.map((e) => ({ ...e }))
  const edited = { ...copy[index]!, ...change }
  edited.hash = entryHash(edited.prevHash, edited.sequence, edited)
  copy[index] = edited
  return copy
}

/** [1, <hole>, 3] */
function sparse(): number[] {
  const a: number[] = []
  a[0] = 1
  a[2] = 3
  return a
}

const bad = (sequence: number, reason: string) => ({ ok: false, firstBad: { sequence, reason } })

describe('canonicalJson', () => {
  it('sorts keys recursively and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    )
  })

  it('gives the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }))
  })

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '1': 4, a: 5, A: 6 })).toBe(
      '{"\\r":2,"1":4,"A":6,"a":5,"€":1,"😀":3}',
    )
  })

  it('writes numbers in their shortest round-trip form', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, 0.1 + 0.2, -12])).toBe('[0,0,1.5,1e+21,1e-7,0.30000000000000004,-12]')
  })

  it('writes strings as JSON does, escaping only what JSON needs', () => {
    expect(canonicalJson('a"b\\c\n\u0001é😀')).toBe('"a\\"b\\\\c\\n\\u0001é😀"')
  })

  it('treats composed and decomposed Unicode as the same text, in values and in keys', () => {
    const composed = 'Jos\u00e9'
    const decomposed = 'Jose\u0301'
    expect(canonicalJson({ [decomposed]: decomposed })).toBe(canonicalJson({ [composed]: composed }))
  })

  it('refuses two keys that are the same once normalised', () => {
    expect(() => canonicalJson({ 'Jos\u00e9': 1, 'Jose\u0301': 2 })).toThrow(/same key as another/)
  })

  it.each([
    ['undefined', { a: undefined }, '$.a is undefined'],
    ['NaN', { a: [1, Number.NaN] }, '$.a[1] is NaN'],
    ['Infinity', Number.POSITIVE_INFINITY, '$ is Infinity'],
    ['a Date', { when: new Date(0) }, '$.when is a Date, not a plain JSON value'],
    ['a Map', new Map(), '$ is a Map'],
    ['a class instance', { x: new (class Finding {})() }, '$.x is a Finding'],
    ['a function', { f: () => 1 }, '$.f is a function'],
    ['a bigint', { n: 1n }, '$.n is a bigint'],
    ['a symbol key', { [Symbol('s')]: 1 }, '$ has symbol keys'],
    ['a sparse array', sparse(), '$[1] is a hole'],
    ['a lone surrogate', { s: 'a\ud800b' }, '$.s contains a lone UTF-16 surrogate'],
  ])('refuses %s, naming where it is', (_what, value, message) => {
    expect(() => canonicalJson(value)).toThrow(NotCanonicalJsonError)
    expect(() => canonicalJson(value)).toThrow(message)
  })

  it('refuses a cycle instead of recursing forever', () => {
    const loop: Record<string, unknown> = { a: 1 }
    loop.self = { back: loop }
    expect(() => canonicalJson(loop)).toThrow('$.self.back refers back to itself')
  })

  it('accepts the same object twice when it is shared, not cyclic', () => {
    const shared = { x: 1 }
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}')
  })

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, number>, { b: 2, a: 1 })
    expect(canonicalJson(bare)).toBe('{"a":1,"b":2}')
  })
})

describe('nextEntry', () => {
  it('numbers entries from 1 and links each to the hash of the one before', () => {
    const [first, second] = chain(2)
    expect(first).toMatchObject({ sequence: 1, prevHash: GENESIS_HASH })
    expect(second).toMatchObject({ sequence: 2, prevHash: first!.hash })
    expect(first!.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(GENESIS_HASH).toBe('0'.repeat(64))
  })

  it('hashes the previous hash, a newline and the canonical content with its sequence', () => {
    const first = nextEntry(null, content(1))
    const body = canonicalJson({
      sequence: 1,
      caseId,
      instant: first.instant,
      actor: coordinator,
      kind: 'cs.event',
      payload: first.payload,
    })
    expect(first.hash).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${body}`).digest('hex'))
  })

  it('keeps only the ledger fields of the actor it is given', () => {
    const actor = { ...coordinator, email: 'art@example.org' }
    expect(nextEntry(null, content(1, { actor })).actor).toEqual(coordinator)
  })

  it('refuses to continue another case’s chain', () => {
    const [other] = chain(1, 'VU#000001')
    expect(() => nextEntry(other!, content(2))).toThrow(/cannot follow an entry of case VU#000001/)
  })

  it.each([
    ['an instant with an offset', { instant: '2003-03-03T12:00:00.000-05:00' }, /instant must be a UTC ISO string/],
    ['an instant without milliseconds', { instant: '2003-03-03T17:00:00Z' }, /instant must be a UTC ISO string/],
    ['a date that does not exist', { instant: '2003-02-30T17:00:00.000Z' }, /instant must be a UTC ISO string/],
    ['an empty case id', { caseId: '' }, /caseId must be a non-empty string/],
    ['an actor without id', { actor: { id: '', displayName: 'x' } }, /actor needs an id/],
    ['a kind that is not dotted', { kind: 'Released' }, /kind must be dotted lower-case words/],
    ['a payload that is not JSON', { payload: { at: new Date() } as never }, /\$\.payload\.at is a Date/],
  ])('refuses %s', (_what, over, message) => {
    expect(() => nextEntry(null, content(1, over))).toThrow(message)
  })

  it('records the system as an actor like any other', () => {
    const entry = nextEntry(null, content(1, { actor: systemLedgerActor, kind: 'information.released' }))
    expect(verifyChain([entry])).toEqual({ ok: true, count: 1, head: entry.hash })
  })
})

describe('verifyChain', () => {
  it('accepts an intact chain and reports its length and head', () => {
    const entries = chain(5)
    expect(verifyChain(entries)).toEqual({ ok: true, count: 5, head: entries[4]!.hash })
  })

  it('accepts an empty ledger, whose head is the genesis hash', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH })
  })

  it('catches an edited payload at the entry that was edited', () => {
    const entries = chain(5)
    entries[2] = { ...entries[2]!, payload: { step: 3, note: 'nothing happened' } }
    expect(verifyChain(entries)).toEqual(bad(3, 'hash does not match its content'))
  })

  it('catches an edit deep inside the payload', () => {
    const entries = chain(5)
    entries[1] = {
      ...entries[1]!,
      payload: { step: 2, note: 'event 2', nested: { b: [1, 2, { y: false, x: null }], a: 'é' } },
    }
    expect(verifyChain(entries)).toEqual(bad(2, 'hash does not match its content'))
  })

  it('catches a changed instant', () => {
    const entries = chain(5)
    entries[3] = { ...entries[3]!, instant: '2003-03-03T17:00:00.000Z' }
    expect(verifyChain(entries)).toEqual(bad(4, 'hash does not match its content'))
  })

  it('catches a changed actor, down to the display name', () => {
    const entries = chain(5)
    entries[0] = { ...entries[0]!, actor: { ...coordinator, displayName: 'Someone Else' } }
    expect(verifyChain(entries)).toEqual(bad(1, 'hash does not match its content'))
    const again = chain(5)
    again[4] = { ...again[4]!, actor: systemLedgerActor }
    expect(verifyChain(again)).toEqual(bad(5, 'hash does not match its content'))
  })

  it('catches a changed kind', () => {
    const entries = chain(5)
    entries[2] = { ...entries[2]!, kind: 'case.opened' }
    expect(verifyChain(entries)).toEqual(bad(3, 'hash does not match its content'))
  })

  it('catches a renumbered entry whose other fields are untouched', () => {
    const entries = chain(3)
    entries[2] = { ...entries[2]!, sequence: 4 }
    expect(verifyChain(entries)).toEqual(bad(4, 'sequence gap: expected 3'))
  })

  it('does not count reordered payload keys as tampering', () => {
    const entries = chain(5)
    const p = entries[2]!.payload as { step: number; note: string; nested: { b: unknown[]; a: string } }
    entries[2] = {
      ...entries[2]!,
      payload: { nested: { a: p.nested.a, b: [1, 2, { x: null, y: true }] }, note: p.note, step: p.step },
    }
    expect(Object.keys(entries[2].payload as object)).toEqual(['nested', 'note', 'step'])
    expect(verifyChain(entries)).toEqual({ ok: true, count: 5, head: entries[4]!.hash })
  })

  it('does not count a decomposed accent as tampering', () => {
    const entries = chain(2)
    entries[0] = {
      ...entries[0]!,
      payload: { step: 1, note: 'event 1', nested: { b: [1, 2, { y: true, x: null }], a: 'e\u0301' } },
    }
    expect(verifyChain(entries).ok).toBe(true)
  })

  it('catches two entries swapped', () => {
    const entries = chain(5)
    ;[entries[2], entries[3]] = [entries[3]!, entries[2]!]
    expect(verifyChain(entries)).toEqual(bad(4, 'sequence gap: expected 3'))
  })

  it('catches two entries swapped and renumbered at the first one out of place', () => {
    const entries = chain(5)
    const swapped = [
      entries[0]!,
      entries[1]!,
      { ...entries[3]!, sequence: 3 },
      { ...entries[2]!, sequence: 4 },
      entries[4]!,
    ]
    expect(verifyChain(swapped)).toEqual(bad(3, 'previous hash does not match entry 2'))
  })

  it('catches a deleted entry at the one after the gap', () => {
    const entries = chain(5)
    entries.splice(2, 1)
    expect(verifyChain(entries)).toEqual(bad(4, 'sequence gap: expected 3'))
  })

  it('catches a deleted entry even when the rest were renumbered and re-hashed from there', () => {
    const entries = chain(5)
    entries.splice(1, 1)
    // Re-hashing the follower with its new number is not enough: its prevHash still names the
    // deleted entry. (A forger who rewrites every later entry is caught by the recorded head.)
    let forged = forge(entries, 1, { sequence: 2 })
    forged = forge(forged, 2, { sequence: 3, prevHash: forged[1]!.hash })
    expect(verifyChain(forged)).toEqual(bad(2, 'previous hash does not match entry 1'))
  })

  it('catches the first entry deleted', () => {
    expect(verifyChain(chain(3).slice(1))).toEqual(bad(2, 'sequence gap: expected 1'))
  })

  it('leaves a chain cut short at the end to the recorded head and count', () => {
    const entries = chain(5)
    const verdict = verifyChain(entries.slice(0, 4))
    expect(verdict).toEqual({ ok: true, count: 4, head: entries[3]!.hash })
    expect(verdict.ok && verdict.head).not.toBe(entries[4]!.hash)
  })

  it('catches an inserted entry that claims the next number', () => {
    const entries = chain(5)
    const forged = nextEntry(entries[1]!, content(99, { payload: { step: 2.5, note: 'we told them' } }))
    entries.splice(2, 0, forged)
    expect(verifyChain(entries)).toEqual(bad(3, 'sequence gap: expected 4'))
  })

  it('catches an inserted entry whose followers were renumbered, at the first one it displaced', () => {
    const entries = chain(4)
    const forged = nextEntry(entries[1]!, content(99, { payload: { note: 'we told them' } }))
    const renumbered = [
      entries[0]!,
      entries[1]!,
      forged,
      ...entries.slice(2).map((e) => ({ ...e, sequence: e.sequence + 1 })),
    ]
    expect(verifyChain(renumbered)).toEqual(bad(4, 'previous hash does not match entry 3'))
  })

  it('catches an edit re-hashed by the forger at the entry after it', () => {
    const entries = forge(chain(5), 2, { payload: { step: 3, note: 'nothing happened' } })
    expect(verifyChain(entries)).toEqual(bad(4, 'previous hash does not match entry 3'))
  })

  it('catches a first entry that does not start from the genesis hash', () => {
    const entries = forge(chain(2), 0, { prevHash: 'f'.repeat(64) })
    expect(verifyChain(entries)).toEqual(bad(1, 'previous hash is not the genesis hash'))
  })

  it('catches an entry from another case, even a well-formed one', () => {
    const entries = chain(3)
    const other = chain(3, 'VU#000001')
    entries[1] = forge(other, 1, { prevHash: entries[0]!.hash })[1]!
    expect(verifyChain(entries)).toEqual(bad(2, 'belongs to another case'))
  })

  it('checks against the case the caller asked for, not only the first entry', () => {
    expect(verifyChain(chain(2, 'VU#000001'), { caseId })).toEqual(bad(1, 'belongs to another case'))
    expect(verifyChain(chain(2), { caseId }).ok).toBe(true)
  })

  it('reports stored content that can no longer be hashed instead of throwing', () => {
    const entries = chain(2)
    entries[1] = { ...entries[1]!, payload: { n: Number.NaN } }
    expect(verifyChain(entries)).toEqual(
      bad(2, 'content cannot be hashed: $.payload.n is NaN, which JSON cannot represent'),
    )
  })

  it('ignores columns a stored row carries beyond the ledger fields', () => {
    const rows = chain(2).map((e, i) => ({ ...e, id: `row-${i}`, createdAt: 'whenever' }))
    expect(verifyChain(rows).ok).toBe(true)
  })
})

describe('the serialisation is frozen', () => {
  // If this fails, every stored ledger would stop verifying: change the format only with a
  // migration that says how old entries are checked.
  it('gives the recorded hashes for a fixed small chain', () => {
    const first = nextEntry(null, {
      caseId: 'VU#398025',
      instant: '2003-01-29T00:00:00.000Z',
      actor: { id: 'system', displayName: 'Lockstep' },
      kind: 'case.opened',
      payload: {
        title: 'Remote buffer overflow in sendmail',
        cve: ['CVE-2002-1337'],
        finder: 'ISS X-Force — Mark Dowd',
      },
    })
    const second = nextEntry(first, {
      caseId: 'VU#398025',
      instant: '2003-03-03T17:00:00.000Z',
      actor: { id: '6f1c1a52-3d0e-4d53-9a57-4b3c2a1d0e9f', displayName: 'Art Manion' },
      kind: 'information.released',
      payload: { advisory: 'CA-2003-07', tlp: 'CLEAR', vendors: { vulnerable: 23, notVulnerable: 6, unknown: 24 } },
    })
    // Computed independently (Python's json.dumps with sorted keys, compact separators, UTF-8).
    expect(canonicalJson(first.payload)).toBe(
      '{"cve":["CVE-2002-1337"],"finder":"ISS X-Force — Mark Dowd","title":"Remote buffer overflow in sendmail"}',
    )
    expect(first.hash).toBe('f3baf181d297da592d52c973d10e576bb35287fb5086b22b6a9502ea52669241')
    expect(second.hash).toBe('1f907642d25614c48c3f756ec47c4ba7808b979d4a86166ef3f4ad73b89aa8d3')
    expect(verifyChain([first, second])).toEqual({
      ok: true,
      count: 2,
      head: '1f907642d25614c48c3f756ec47c4ba7808b979d4a86166ef3f4ad73b89aa8d3',
    })
  })
})
