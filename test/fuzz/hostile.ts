// Hostile input for every fuzzer: text the database cannot hold (NUL, lone surrogates), text that
// looks like an attack or a path, huge strings, JSON nested thousands of levels deep, wrong types.
import fc from 'fast-check'

export const nastyStrings = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\ud83d',
  '\udc00\ud800',
  '%00',
  '%',
  '%E0%A4%A',
  '../../../etc/passwd',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '\u202egnp.exe',
  '\ufeff',
  '🔒🔓',
  '\r\nX-Injected: 1',
  'null',
  '-1',
  '1e400',
  'NaN',
  '__proto__',
  'constructor',
  'pkg:',
  'pkg:npm/@/@',
  'vers:npm/>=1.0.0|<',
  '>=',
  '\\',
]

/** A string someone might send to break things; sometimes a long one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 64_000 }).map((n) => 'x'.repeat(n)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.string({ maxLength: 10 }))
      .map((parts) => parts.join('')),
  },
)

/** An array (or object) nested `depth` levels deep around a leaf. */
export function nested(depth: number, leaf: unknown = 1, asObject = false): unknown {
  let value: unknown = leaf
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value]
  return value
}

/** Any value of the wrong kind: hostile text, numbers out of range, deep nesting, random JSON. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, true, false, null, [], {}) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 50, max: 2_000 }), fc.boolean())
      .map(([depth, asObject]) => nested(depth, 'x', asObject)),
  },
)

/** Bytes for a path or query part: UTF-8 percent-encoded, lone surrogates as the invalid UTF-8 they would be. */
export function percentEncode(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (code >= 0xd800 && code <= 0xdfff)
      out += Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)])
        .toString('hex')
        .replace(/../g, '%$&')
        .toUpperCase()
    else out += /[A-Za-z0-9\-_.~]/.test(ch) ? ch : Buffer.from(ch).toString('hex').replace(/../g, '%$&').toUpperCase()
  }
  return out
}

/** A URL segment: usually encoded text, sometimes raw bytes a client sends as they are (bad escapes). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: hostileString.filter((s) => s.length < 5_000).map(percentEncode) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ED%A0%80', '%C0%80', '%FF', '..', '.', '%2F', '%2e%2e') },
)
