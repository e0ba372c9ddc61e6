// The pure rules of federation: a peer's address and description read strictly, an activity read
// only from the instance that signed it, and the outbox's retry arithmetic.
import { describe, expect, it } from 'vitest'
import { pingActivity, readActivity } from './activities.js'
import { normalizeBaseUrl, readPeerDocument } from './peerDocument.js'
import { FederationRefusal } from './refusal.js'
import { isPermanentRefusal, retryDelaySeconds } from './rules.js'

const A = 'https://cert-a.example'
const ping = (o: Partial<Parameters<typeof pingActivity>[0]> = {}) =>
  pingActivity({
    id: `${A}/federation/activities/1`,
    from: `${A}/federation/actor`,
    to: 'https://b/federation/actor',
    text: 'hi',
    at: new Date(0),
    ...o,
  })

describe('peer addresses and descriptions', () => {
  it('normalizes an address and refuses what is not an instance address', () => {
    expect(normalizeBaseUrl(' https://CERT.example.org/ ')).toBe('https://cert.example.org')
    expect(normalizeBaseUrl('https://example.org/lockstep//')).toBe('https://example.org/lockstep')
    for (const bad of ['cert.example.org', 'ftp://x', 'https://x/?a=1', 'https://u:p@x', 'https://x/#f'])
      expect(() => normalizeBaseUrl(bad)).toThrow(/url/)
  })

  const doc = {
    type: 'LockstepPeer',
    version: 1,
    baseUrl: A,
    name: 'CERT-A',
    inbox: `${A}/federation/inbox`,
    actor: `${A}/federation/actor`,
    algorithm: 'ed25519',
    keyId: 'ab',
    publicKeyPem: 'pem',
  }

  it('reads a description of the instance asked', () => {
    expect(readPeerDocument(doc, A)).toMatchObject({ baseUrl: A, inbox: `${A}/federation/inbox` })
  })

  it('refuses one that describes another instance, sends elsewhere, or is not one', () => {
    expect(() => readPeerDocument(doc, 'https://other.example')).toThrow(/baseUrl/)
    expect(() => readPeerDocument({ ...doc, inbox: 'https://evil.example/inbox' }, A)).toThrow(/inbox/)
    expect(() => readPeerDocument({ ...doc, algorithm: 'rsa' }, A)).toThrow(/algorithm/)
    expect(() => readPeerDocument('nope', A)).toThrow(/type/)
    expect(() => readPeerDocument({ ...doc, name: 'CERT\u0000A' }, A)).toThrow(/name/)
  })
})

describe('reading an activity', () => {
  const actor = `${A}/federation/actor`
  const refusal = (json: unknown) => {
    try {
      readActivity(json, actor, A)
    } catch (e) {
      return e instanceof FederationRefusal ? `${e.reason} ${e.status}` : 'other'
    }
    return 'taken'
  }

  it('takes a ping from the instance that signed it', () => {
    expect(readActivity(ping(), actor, A)).toEqual({
      id: `${A}/federation/activities/1`,
      type: 'Create/Note',
      actor,
      summary: 'hi',
    })
  })

  it('refuses an activity claimed by another actor, an id of another instance, and what it does not handle', () => {
    expect(refusal(ping({ from: 'https://cert-b.example/federation/actor' }))).toBe('wrong-actor 403')
    expect(refusal(ping({ id: 'https://cert-b.example/federation/activities/1' }))).toBe('bad-activity 422')
    expect(refusal({ ...ping(), type: 'Delete' })).toBe('bad-activity 422')
    expect(refusal({ ...ping(), '@context': 'https://example.org/other' })).toBe('bad-activity 422')
    expect(refusal([ping()])).toBe('bad-activity 422')
  })
})

describe('retries', () => {
  it('doubles the delay from the base, capped at an hour, with at most a tenth of jitter', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 15, 0))).toEqual([15, 30, 60, 120])
    expect(retryDelaySeconds(20, 15, 0)).toBe(3600)
    expect(retryDelaySeconds(1, 15, 1)).toBeCloseTo(16.5)
  })

  it('gives up at once only on a body the peer can never take', () => {
    expect([400, 413, 415, 422].every(isPermanentRefusal)).toBe(true)
    expect([401, 403, 409, 429, 500, 503].some(isPermanentRefusal)).toBe(false)
  })
})
