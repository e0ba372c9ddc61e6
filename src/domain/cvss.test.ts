import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { highestSeverity, scoreCvss, severityOf, severityOfVector, severityWords } from './cvss.js'

// Red Hat's CVSS test vectors, read where they are shared, never copied into the project. Lines are
// "vector - (base, temporal, environmental)", "vector - (score,)" or "vector - score"; the first
// number is the one compared: the 3.1 base score, or the one CVSS 4.0 score of the whole vector.
const tests = path.resolve(process.cwd(), '../shared/conformance/cvss/tests')

function officialVectors(file: string): { vector: string; expected: number }[] {
  return readFileSync(path.join(tests, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^(\S+) - \(?(\d+\.\d)/.exec(line)
      if (!match) throw new Error(`${file}: cannot read line "${line}"`)
      return { vector: match[1] ?? '', expected: Number(match[2]) }
    })
}

const files = [
  { file: 'vectors_simple31', version: '3.1', count: 2592 },
  { file: 'vectors_simple4', version: '4.0', count: 1058 },
  { file: 'vectors_security4', version: '4.0', count: 54 },
  { file: 'vectors_threat4', version: '4.0', count: 6 },
  { file: 'vectors_supplemental4', version: '4.0', count: 576 },
] as const

describe('CVSS scoring against the official test vectors', () => {
  for (const { file, version, count } of files) {
    it(`scores every vector of ${file} (${count}) as expected`, () => {
      const vectors = officialVectors(file)
      expect(vectors).toHaveLength(count)
      const wrong = vectors.flatMap(
        ({ vector, expected }): { vector: string; expected: number; got: number | string }[] => {
          const result = scoreCvss(vector)
          if (!result.ok) return [{ vector, expected, got: result.error.message }]
          if (result.version !== version || result.baseScore !== expected || result.severity !== severityOf(expected)) {
            return [{ vector, expected, got: result.baseScore }]
          }
          return []
        },
      )
      expect(wrong).toEqual([])
    })
  }
})

describe('scoring one vector', () => {
  it('returns version, score, severity and the vector in canonical order without X values', () => {
    expect(scoreCvss(' CVSS:3.1/S:U/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H/E:X ')).toEqual({
      ok: true,
      version: '3.1',
      baseScore: 9.8,
      severity: 'Critical',
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    })
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({
      ok: true,
      baseScore: 0,
      severity: 'None',
    })
  })

  it('keeps temporal and environmental metrics out of the 3.1 base score', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/MAV:P')).toMatchObject({
      ok: true,
      baseScore: 9.8,
    })
  })

  it('rates the bands as the specification does', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOf)).toEqual([
      'None',
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
      'Critical',
      'Critical',
    ])
  })
})

describe('refusing a bad vector with a reason', () => {
  const base31 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'
  const cases: [string, string, string][] = [
    ['an empty string', '', 'is empty'],
    ['blank', '   ', 'is empty'],
    [
      'no prefix',
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'must start with CVSS:3.1/ or CVSS:4.0/ (other versions are not scored)',
    ],
    [
      'an unsupported version',
      base31.replace('3.1', '3.0'),
      'must start with CVSS:3.1/ or CVSS:4.0/ (other versions are not scored)',
    ],
    ['an unknown metric', `${base31}/XX:N`, 'XX is not a CVSS 3.1 metric'],
    ['a 4.0 metric in a 3.1 vector', `${base31}/AT:N`, 'AT is not a CVSS 3.1 metric'],
    [
      'a value the metric does not have',
      base31.replace('AV:N', 'AV:Q'),
      'AV:Q is not a CVSS 3.1 value for AV (allowed: N, A, L, P)',
    ],
    [
      'values are case-sensitive',
      base31.replace('AV:N', 'AV:n'),
      'AV:n is not a CVSS 3.1 value for AV (allowed: N, A, L, P)',
    ],
    ['a duplicate metric', `${base31}/AV:N`, 'AV is given more than once'],
    ['a missing base metric', base31.replace('/AC:L', ''), 'lacks the base metric AC'],
    ['missing base metrics', 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H', 'lacks the base metrics SC, SI, SA'],
    ['a trailing slash', `${base31}/`, '"" is not a metric:value pair'],
    ['a part without a value', `${base31}/E`, '"E" is not a metric:value pair'],
    [
      'an unknown 4.0 value',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'UI:R is not a CVSS 4.0 value for UI (allowed: N, P, A)',
    ],
  ]
  for (const [what, vector, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(scoreCvss(vector)).toEqual({ ok: false, error: { field: 'cvss', message } })
    })
  }
})

describe('the severity owners are shown', () => {
  it('is the highest score of an advisory’s vulnerabilities, in words', () => {
    expect(highestSeverity([5.3, 9.8, 7.5])).toEqual({ score: 9.8, rating: 'Critical' })
    expect(highestSeverity([])).toBeNull()
    expect(severityWords({ score: 7, rating: 'High' })).toBe('High (CVSS 7.0)')
  })
  it('is scored from an imported advisory’s vector, or unknown when the vector cannot be read', () => {
    expect(severityOfVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toEqual({ score: 7.5, rating: 'High' })
    expect(severityOfVector('CVSS:2.0/AV:N')).toBeNull()
    expect(severityOfVector(null)).toBeNull()
  })
})
