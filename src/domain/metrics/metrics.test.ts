import { describe, expect, it } from 'vitest'
import { desiderata, historyScore, verdict } from './desiderata.js'
import { adherence, quantile, toCsv } from './figures.js'

const d = (s: string) => new Date(s)

describe('desirable histories', () => {
  it('has the twelve orderings', () => {
    expect(desiderata).toHaveLength(12)
    expect(new Set(desiderata.map(([a, b]) => a + b)).size).toBe(12)
  })

  it('judges one ordering: before, after, tie, not yet', () => {
    expect(verdict(d('2003-01-01'), d('2003-02-01'))).toBe('satisfied')
    expect(verdict(d('2003-01-01'), null)).toBe('satisfied')
    expect(verdict(d('2003-02-01'), d('2003-01-01'))).toBe('violated')
    expect(verdict(null, d('2003-01-01'))).toBe('violated')
    expect(verdict(d('2003-01-01'), d('2003-01-01'))).toBe('violated')
    expect(verdict(null, null)).toBe('open')
  })

  it('scores the perfect history 1 and a case public before anyone knew 0', () => {
    const t = (n: number) => new Date(Date.UTC(2003, 0, n))
    expect(historyScore({ V: t(1), F: t(2), D: t(3), P: t(4), X: t(5), A: t(6) })).toBe(1)
    expect(historyScore({ P: t(1), X: t(2), A: t(3) })).toBe(3 / 12)
    expect(historyScore({})).toBeNull()
    // Vendor aware, then public: V<P, V<X, V<A, P<X, P<A satisfied; F<P, D<P violated.
    expect(historyScore({ V: t(1), P: t(4) })).toBe(5 / 7)
  })
})

describe('figures', () => {
  it('interpolates quantiles as PostgreSQL does', () => {
    expect(quantile([1, 2, 10], 0.5)).toBe(2)
    expect(quantile([1, 2, 10], 0.9)).toBeCloseTo(8.4)
    expect(quantile([], 0.5)).toBeNull()
  })

  it('tells how an embargo ended', () => {
    const agreedEnd = d('2026-03-01T12:00:00Z')
    expect(adherence({ agreedEnd, publicAt: agreedEnd, endedAt: agreedEnd, extended: false })).toBe('on_time')
    expect(adherence({ agreedEnd, publicAt: d('2026-03-01T12:00:30Z'), endedAt: null, extended: true })).toBe(
      'extended',
    )
    expect(adherence({ agreedEnd, publicAt: d('2026-02-27T00:00:00Z'), endedAt: null, extended: false })).toBe('broken')
    expect(adherence({ agreedEnd, publicAt: null, endedAt: null, extended: false })).toBeNull()
  })

  it('writes CSV that spreadsheets do not run', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['=HYPERLINK("x")', 1.23456],
          ['x,y', null],
        ],
      ),
    ).toBe('a,b\r\n"\'=HYPERLINK(""x"")",1.235\r\n"x,y",\r\n')
  })
})
