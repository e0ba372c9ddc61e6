import { describe, expect, it } from 'vitest'
import { parseVers } from '../vers.js'
import { versContains } from './versContains.js'

const contains = (range: string, version: string) => {
  const r = versContains(range, version)
  if (!r.ok) throw new Error(r.reason)
  return r.contains
}

describe('versContains', () => {
  it('follows the vers algorithm: equalities, exclusions, open and bounded intervals', () => {
    const range = 'vers:npm/<1.0.0|>=2.0.0|<2.5.0|3.0.0|>=4.0.0|!=4.1.0'
    expect(contains(range, '0.9.0')).toBe(true)
    expect(contains(range, '1.0.0')).toBe(false)
    expect(contains(range, '2.0.0')).toBe(true)
    expect(contains(range, '2.4.9')).toBe(true)
    expect(contains(range, '2.5.0')).toBe(false)
    expect(contains(range, '3.0.0')).toBe(true)
    expect(contains(range, '3.0.1')).toBe(false)
    expect(contains(range, '4.0.0')).toBe(true)
    expect(contains(range, '4.1.0')).toBe(false)
    expect(contains(range, '9.0.0')).toBe(true)
  })

  it('sorts constraints with the scheme, not as text', () => {
    // As text 10.0.0 < 9.0.0; as semver the interval is [9.0.0, 10.0.0).
    expect(contains('vers:npm/<10.0.0|>=9.0.0', '9.5.0')).toBe(true)
    expect(contains('vers:npm/<10.0.0|>=9.0.0', '10.0.0')).toBe(false)
    expect(contains('vers:deb/>=1.0~rc1|<1.0-2', '1.0')).toBe(true)
    expect(contains('vers:deb/>=1.0~rc1|<1.0-2', '1.0~beta')).toBe(false)
    expect(contains('vers:pypi/>=1.0a1|<1.0', '1.0rc1')).toBe(true)
    expect(contains('vers:maven/>=1.0-alpha|<1.0', '1.0-SNAPSHOT')).toBe(true)
  })

  it('honours <= and >= at the bounds and < and > strictly', () => {
    expect(contains('vers:npm/>=1.0.0|<=2.0.0', '2.0.0')).toBe(true)
    expect(contains('vers:npm/>1.0.0|<2.0.0', '1.0.0')).toBe(false)
    expect(contains('vers:npm/<=1.0.0', '1.0.0')).toBe(true)
    expect(contains('vers:npm/>1.0.0', '1.0.0')).toBe(false)
  })

  it('treats * as every version and a range of only != as every other version', () => {
    expect(contains('vers:npm/*', '0.0.1')).toBe(true)
    expect(contains('vers:npm/!=1.0.0|!=1.0.1', '1.0.2')).toBe(true)
    expect(contains('vers:npm/!=1.0.0|!=1.0.1', '1.0.1')).toBe(false)
    expect(contains('vers:npm/1.0.0|1.0.1', '1.0.2')).toBe(false)
  })

  it('accepts an already parsed range', () => {
    const parsed = parseVers('vers:golang/>=v0.0.0-20191109021931-daa7c04131f5|<v0.1.0')
    if (!parsed.ok) throw new Error(parsed.reason)
    expect(versContains(parsed.range, 'v0.0.0-20200101000000-0123456789ab')).toEqual({
      ok: true,
      contains: true,
      scheme: 'golang',
      fellBack: false,
    })
    expect(versContains(parsed.range, 'v0.0.0-20190101000000-0123456789ab')).toMatchObject({
      ok: true,
      contains: false,
    })
  })

  it('says when it fell back to the generic ordering for an unknown scheme', () => {
    expect(versContains('vers:mystery/>=1.2|<1.10', '1.9')).toEqual({
      ok: true,
      contains: true,
      scheme: 'generic',
      fellBack: true,
    })
  })

  it('explains instead of guessing on bad input', () => {
    expect(versContains('npm/>=1.0.0', '1.0.0')).toMatchObject({ ok: false, reason: expect.stringMatching(/vers:/) })
    expect(versContains('vers:npm/>=1.0.0', 'one')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/"one".*SemVer/),
    })
    expect(versContains('vers:npm/>=1.0', '1.0.0')).toMatchObject({ ok: false, reason: expect.stringMatching(/"1.0"/) })
    expect(versContains('vers:npm/>=1.0.0|>=2.0.0', '1.5.0')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/alternate/),
    })
    expect(
      versContains(
        {
          scheme: 'npm',
          constraints: [
            { comparator: '*', version: '' },
            { comparator: '=', version: '1.0.0' },
          ],
        },
        '1.0.0',
      ),
    ).toMatchObject({ ok: false })
  })
})
