// The union of a range's alternatives: on random alternatives (intervals open or closed at either
// end, single versions, single versions left out), the range written contains a version exactly
// when one of the alternatives does, as vers itself reads each (versContains), and is a range vers
// accepts (no version named twice, bounds alternating).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatVers, sortVersConstraints, type VersConstraint } from '../vers.js'
import { schemeFor } from './registry.js'
import { versContains } from './versContains.js'
import { unionOfAlternatives } from './versUnion.js'

const npm = schemeFor('npm')
const grid = [0, 1, 2, 3].flatMap((major) => [0, 1, 2].map((minor) => `${major}.${minor}.0`))
const probes = [...grid, ...grid.map((v) => v.replace(/\.0$/, '.5')), '0.0.0-alpha']
const version = fc.constantFrom(...grid)

/** One alternative as a native range's conjunction gives it: an interval, one version, or all but one. */
const alternative: fc.Arbitrary<VersConstraint[]> = fc.oneof(
  fc
    .record({
      lower: fc.option(fc.record({ version, inclusive: fc.boolean() }), { nil: undefined }),
      upper: fc.option(fc.record({ version, inclusive: fc.boolean() }), { nil: undefined }),
    })
    .filter(({ lower, upper }) =>
      lower || upper ? !lower || !upper || npm.compare(lower.version, upper.version) < 0 : false,
    )
    .map(({ lower, upper }) => [
      ...(lower ? [{ comparator: lower.inclusive ? '>=' : '>', version: lower.version } as VersConstraint] : []),
      ...(upper ? [{ comparator: upper.inclusive ? '<=' : '<', version: upper.version } as VersConstraint] : []),
    ]),
  version.map((v): VersConstraint[] => [{ comparator: '=', version: v }]),
  version.map((v): VersConstraint[] => [{ comparator: '!=', version: v }]),
)

const text = (constraints: VersConstraint[]) =>
  formatVers({ scheme: 'npm', constraints: sortVersConstraints(constraints, npm) })
const inside = (range: string, v: string) => {
  const result = versContains(range, v)
  if (!result.ok) throw new Error(`${range}: ${result.reason}`)
  return result.contains
}

describe('the union of alternatives', () => {
  it('contains a version exactly when one of the alternatives does', () => {
    fc.assert(
      fc.property(fc.array(alternative, { minLength: 2, maxLength: 5 }), (alternatives) => {
        const union = unionOfAlternatives(alternatives, npm)
        expect(union).not.toBeNull()
        const each = alternatives.map(text)
        for (const v of probes) {
          const expected = each.some((range) => inside(range, v))
          expect(union!.length ? inside(text(union!), v) : false, `${v} in ${each.join(' || ')}`).toBe(expected)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('writes what overlaps as one interval, and leaves one version out with !=', () => {
    const c = (comparator: VersConstraint['comparator'], version: string): VersConstraint => ({ comparator, version })
    expect(
      text(
        unionOfAlternatives(
          [
            [c('>=', '1.0.0'), c('<', '2.0.0')],
            [c('>=', '1.5.0'), c('<', '3.0.0')],
          ],
          npm,
        )!,
      ),
    ).toBe('vers:npm/>=1.0.0|<3.0.0')
    expect(text(unionOfAlternatives([[c('<', '1.2.0')], [c('>', '1.2.0')]], npm)!)).toBe('vers:npm/!=1.2.0')
    expect(unionOfAlternatives([[c('<', '1.2.0')], [c('>=', '1.2.0')]], npm)).toEqual([
      { comparator: '*', version: '' },
    ])
    // Bounds that do not alternate cannot be read as intervals.
    expect(unionOfAlternatives([[c('<', '1.0.0'), c('<', '2.0.0')], [c('=', '3.0.0')]], npm)).toBeNull()
  })
})
