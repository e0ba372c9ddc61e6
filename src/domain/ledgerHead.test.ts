import { describe, expect, it } from 'vitest'
import { nextEntry, systemLedgerActor, type LedgerEntry } from './ledger.js'
import { compareHeads, headStatement, readSavedHeads, type SignedHead } from './ledgerHead.js'

const caseId = '0190f6c2-6c1f-7c5e-8b1a-2f3c4d5e6f70'
function chain(n: number): LedgerEntry[] {
  const entries: LedgerEntry[] = []
  for (let i = 0; i < n; i++)
    entries.push(
      nextEntry(entries.at(-1) ?? null, {
        caseId,
        instant: new Date(Date.UTC(2003, 2, 3, 17, i)).toISOString(),
        actor: systemLedgerActor,
        kind: 'test.note',
        payload: { i },
      }),
    )
  return entries
}
// The signature itself is checked by the caller's `genuine`; here a head is genuine unless marked.
const headOf = (e: LedgerEntry, signature = 'good'): SignedHead => ({
  caseId,
  sequence: e.sequence,
  hash: e.hash,
  signedAt: e.instant,
  keyId: 'k',
  signature,
})
const genuine = (h: SignedHead) => h.signature === 'good'

describe('signed ledger heads', () => {
  it('sign a canonical statement anyone can rebuild', () => {
    const [e] = chain(1)
    expect(headStatement(headOf(e!))).toBe(
      `{"caseId":"${caseId}","hash":"${e!.hash}","sequence":1,"signedAt":"2003-03-03T17:00:00.000Z","type":"lockstep.ledger-head/1"}`,
    )
  })

  it('find nothing wrong with the chain they were signed over', () => {
    const entries = chain(3)
    expect(
      compareHeads(
        entries,
        entries.map((e) => headOf(e)),
        genuine,
        'stored',
      ),
    ).toEqual([])
  })

  it('name a chain cut short, a forged signature and an unsigned last entry', () => {
    const entries = chain(3)
    const heads = entries.map((e) => headOf(e))
    expect(compareHeads(entries.slice(0, 2), heads, genuine, 'saved')).toEqual([
      { sequence: 3, reason: 'a saved head exists for entry 3 but the ledger has 2 entries: cut short' },
    ])
    expect(compareHeads(entries, [heads[0]!, headOf(entries[1]!, 'forged')], genuine, 'stored')).toEqual([
      {
        sequence: 2,
        reason:
          "the signed head's signature does not check out against the instance's ledger key (altered, or signed by key k)",
      },
      { sequence: 3, reason: "the ledger's last entry (3) has no genuine signed head" },
    ])
  })

  it('read saved heads from the API answer, its array or one head, and say what a bad one lacks', () => {
    const [e] = chain(1)
    const head = headOf(e!)
    expect(readSavedHeads({ caseId, caseNumber: 'LS-2026-0001', keyId: 'k', heads: [head] })).toEqual([head])
    expect(readSavedHeads([head])).toEqual([head])
    expect(readSavedHeads({ ...head, extra: 1 })).toEqual([head])
    expect(() => readSavedHeads({ heads: [head, { ...head, hash: 7 }] })).toThrow('saved head 2 has no hash (a string)')
    expect(() => readSavedHeads('nonsense')).toThrow('saved head 1 is not an object')
  })
})
