import { describe, expect, it } from 'vitest'
import { formatVers, parseVers } from './vers.js'

describe('vers syntax', () => {
  it('reads the sendmail range', () => {
    expect(parseVers('vers:generic/>=8.12.0|<8.12.8')).toEqual({
      ok: true,
      range: {
        scheme: 'generic',
        constraints: [
          { comparator: '>=', version: '8.12.0' },
          { comparator: '<', version: '8.12.8' },
        ],
      },
    })
  })

  it('treats a bare version as "=" and ignores spaces', () => {
    const result = parseVers('vers:deb/ 8.12.3-4 | >= 8.12.8-1 ')
    expect(result.ok && result.range.constraints).toEqual([
      { comparator: '=', version: '8.12.3-4' },
      { comparator: '>=', version: '8.12.8-1' },
    ])
  })

  it('decodes percent-encoded versions and writes them back canonically', () => {
    const result = parseVers('vers:npm/>=1.0.0%7C2|!=1.2.3')
    expect(result.ok && result.range.constraints[0]!.version).toBe('1.0.0|2')
    expect(result.ok && formatVers(result.range)).toBe('vers:npm/>=1.0.0%7C2|!=1.2.3')
    expect(formatVers({ scheme: 'rpm', constraints: [{ comparator: '<', version: '1:8.12.8-4' }] })).toBe(
      'vers:rpm/<1:8.12.8-4',
    )
  })

  it('accepts the star alone', () => {
    expect(parseVers('vers:generic/*')).toEqual({
      ok: true,
      range: { scheme: 'generic', constraints: [{ comparator: '*', version: '' }] },
    })
  })

  it.each([
    ['8.12.7', 'must start with "vers:"'],
    ['vers:generic', 'must name its versioning scheme'],
    ['vers:Generic/1.0', 'invalid versioning scheme'],
    ['vers:generic/', 'no constraints'],
    ['vers:generic/>=1.0||<2.0', 'empty constraint'],
    ['vers:generic/>=', 'without a version'],
    ['vers:generic/*|1.0', '"*" only alone'],
    ['vers:generic/1.0|<=1.0', 'twice'],
    ['vers:generic/%E0%A4%A', 'badly percent-encoded'],
  ])('refuses %j, saying it %s', (text, reason) => {
    const result = parseVers(text)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(reason)
  })
})
