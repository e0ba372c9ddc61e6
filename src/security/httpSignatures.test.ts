// HTTP Message Signatures against RFC 9421's own Ed25519 test vector (appendix B.2.6, key B.1.4),
// and the digest of RFC 9530: a signature that verifies must fail with any covered part changed.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  contentDigest,
  contentDigestHolds,
  readSignatures,
  signatureBase,
  signatureHolds,
  signRequest,
  type SignedRequest,
} from './httpSignatures.js'

// RFC 9421 B.1.4 "test-key-ed25519" (a published test key, for tests only).
const jwk = { kty: 'OKP', crv: 'Ed25519', x: 'JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs' }
const testPrivate = createPrivateKey({
  key: { ...jwk, d: 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU' },
  format: 'jwk',
})
const testPublic = createPublicKey({ key: jwk, format: 'jwk' })

// RFC 9421 B.2 test-request (its body is {"hello": "world"}).
const testRequest: SignedRequest = {
  method: 'POST',
  targetUri: 'https://example.com/foo?param=Value&Pet=dog',
  headers: {
    host: 'example.com',
    date: 'Tue, 20 Apr 2021 02:07:55 GMT',
    'content-type': 'application/json',
    'content-digest':
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    'content-length': '18',
  },
}
const b26Input =
  '("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"'
const b26Signature = 'wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw=='

describe('RFC 9421 appendix B.2.6 (Ed25519)', () => {
  it('builds the signature base the RFC prints', () => {
    const [received] = readSignatures(`sig-b26=${b26Input}`, `sig-b26=:${b26Signature}:`)
    expect(signatureBase(testRequest, received!.input)).toBe(
      [
        '"date": Tue, 20 Apr 2021 02:07:55 GMT',
        '"@method": POST',
        '"@path": /foo',
        '"@authority": example.com',
        '"content-type": application/json',
        '"content-length": 18',
        `"@signature-params": ${b26Input}`,
      ].join('\n'),
    )
  })

  it('signs to the very bytes the RFC prints (Ed25519 is deterministic)', () => {
    const [received] = readSignatures(`sig-b26=${b26Input}`, `sig-b26=:${b26Signature}:`)
    const signed = signRequest(testRequest, received!.input, testPrivate, 'sig-b26')
    expect(signed['signature-input']).toBe(`sig-b26=${b26Input}`)
    expect(signed.signature).toBe(`sig-b26=:${b26Signature}:`)
  })

  it("verifies the RFC's signature with the test key's public half", () => {
    const [received] = readSignatures(`sig-b26=${b26Input}`, `sig-b26=:${b26Signature}:`)
    expect(signatureHolds(testRequest, received!, testPublic)).toBe(true)
  })

  it('refuses it once any covered part changes', () => {
    const [received] = readSignatures(`sig-b26=${b26Input}`, `sig-b26=:${b26Signature}:`)
    const changed = (o: Partial<SignedRequest> & { header?: [string, string] }): SignedRequest => ({
      ...testRequest,
      ...o,
      headers: { ...testRequest.headers, ...(o.header ? { [o.header[0]]: o.header[1] } : {}) },
    })
    expect(signatureHolds(changed({ method: 'PUT' }), received!, testPublic)).toBe(false)
    expect(signatureHolds(changed({ targetUri: 'https://example.com/bar' }), received!, testPublic)).toBe(false)
    expect(signatureHolds(changed({ targetUri: 'https://example.org/foo' }), received!, testPublic)).toBe(false)
    expect(signatureHolds(changed({ header: ['date', 'Tue, 20 Apr 2021 02:07:56 GMT'] }), received!, testPublic)).toBe(
      false,
    )
    expect(signatureHolds(changed({ header: ['content-length', '19'] }), received!, testPublic)).toBe(false)
    // A header that is not covered may change.
    expect(signatureHolds(changed({ header: ['x-other', 'anything'] }), received!, testPublic)).toBe(true)
  })

  it('refuses the parameters changed (created moved, another keyid)', () => {
    for (const input of [b26Input.replace('1618884473', '1618884474'), b26Input.replace('test-key-ed25519', 'other')]) {
      const [received] = readSignatures(`sig-b26=${input}`, `sig-b26=:${b26Signature}:`)
      expect(signatureHolds(testRequest, received!, testPublic)).toBe(false)
    }
  })

  it('refuses another key and a missing covered header', () => {
    const [received] = readSignatures(`sig-b26=${b26Input}`, `sig-b26=:${b26Signature}:`)
    expect(signatureHolds(testRequest, received!, generateKeyPairSync('ed25519').publicKey)).toBe(false)
    const { date: _date, ...without } = testRequest.headers
    expect(signatureHolds({ ...testRequest, headers: without }, received!, testPublic)).toBe(false)
  })
})

describe('reading signature fields', () => {
  it('refuses fields that are not RFC 8941 dictionaries, or a signature without its input', () => {
    expect(() => readSignatures('sig=(unclosed', 'sig=:AAAA:')).toThrow(/cannot|closed|inner list/)
    expect(() => readSignatures(`sig=${b26Input}`, 'other=:AAAA:')).toThrow(/missing/)
    expect(() => readSignatures('sig="not a list"', 'sig=:AAAA:')).toThrow(/inner list/)
  })

  it('keeps the parameters in the order they were written, strings escaped', () => {
    const [r] = readSignatures('a=("@method");nonce="x\\"y";created=5;tag="t"', 'a=:AAAA:')
    expect(r!.input.params).toEqual([
      ['nonce', 'x"y'],
      ['created', 5],
      ['tag', 't'],
    ])
    expect(signatureBase(testRequest, r!.input)).toBe(
      '"@method": POST\n"@signature-params": ("@method");nonce="x\\"y";created=5;tag="t"',
    )
  })
})

describe('Content-Digest (RFC 9530)', () => {
  it("matches the RFC 9421 test request's sha-512 digest of its body", () => {
    expect(contentDigestHolds(String(testRequest.headers['content-digest']), Buffer.from('{"hello": "world"}'))).toBe(
      true,
    )
  })

  it('writes sha-256 as RFC 9530 section B.1 does for {"hello": "world"}', () => {
    expect(contentDigest('{"hello": "world"}\n')).toBe('sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:')
  })

  it('refuses a changed body, an unknown algorithm alone, and garbage', () => {
    const body = Buffer.from('{"a":1}')
    expect(contentDigestHolds(contentDigest(body), body)).toBe(true)
    expect(contentDigestHolds(contentDigest(body), Buffer.from('{"a":2}'))).toBe(false)
    expect(contentDigestHolds('md5=:AAAA:', body)).toBe(false)
    expect(contentDigestHolds('sha-256=nonsense', body)).toBe(false)
  })
})
