import { describe, expect, it } from 'vitest'
import { LIKELY_DUPLICATE, sameProduct, textSimilarity } from './similarity.js'

describe('likely duplicates', () => {
  it('scores two descriptions of the crackaddr() flaw as alike and an unrelated one as not', () => {
    const iss = 'Remote root in sendmail: crackaddr() in headers.c overflows a static buffer on crafted From: headers.'
    const again = 'sendmail crackaddr() buffer overflow via crafted address headers gives remote root'
    const other = 'OpenSSH challenge-response authentication integer overflow'
    expect(textSimilarity(iss, again)).toBeGreaterThanOrEqual(LIKELY_DUPLICATE)
    expect(textSimilarity(iss, other)).toBeLessThan(0.05)
    expect(textSimilarity(iss, iss)).toBe(1)
    expect(textSimilarity('', iss)).toBe(0)
  })

  it('matches products by package URL without version, or by vendor and product names', () => {
    expect(
      sameProduct(
        { vendor: 'x', product: 'y', purl: 'pkg:deb/debian/sendmail@8.12.3' },
        { vendor: 'z', product: 'w', purl: 'pkg:deb/debian/sendmail@8.12.8?arch=i386' },
      ),
    ).toBe(true)
    expect(
      sameProduct(
        { vendor: 'x', product: 'y', purl: 'pkg:deb/debian/sendmail' },
        { vendor: 'x', product: 'y', purl: 'pkg:rpm/redhat/sendmail' },
      ),
    ).toBe(false)
    expect(
      sameProduct(
        { vendor: 'Sendmail Consortium', product: 'sendmail', purl: null },
        { vendor: 'sendmail', product: 'Sendmail', purl: null },
      ),
    ).toBe(true)
    expect(
      sameProduct(
        { vendor: 'Red Hat', product: 'sendmail', purl: null },
        { vendor: 'SGI', product: 'sendmail', purl: null },
      ),
    ).toBe(false)
  })
})
