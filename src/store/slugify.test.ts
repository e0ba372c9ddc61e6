import { describe, expect, it } from 'vitest'
import { slugify } from './organizations.js'

describe('organization short names', () => {
  it('are lowercase ASCII with dashes', () => {
    expect(slugify('Sendmail, Inc.')).toBe('sendmail-inc')
    expect(slugify('Société Générale')).toBe('societe-generale')
    expect(slugify('  Example Power & Light  ')).toBe('example-power-light')
    expect(slugify('!!!')).toBe('organization')
    expect(slugify('x'.repeat(100))).toHaveLength(63)
  })
})
