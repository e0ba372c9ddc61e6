// NuGet version ranges as vers constraints. NuGet writes ranges in interval notation: "[1.0,2.0)"
// is >=1.0 and <2.0, a missing end is open ("(,1.0]", "[1.0,)"), "[1.0]" is exactly 1.0, and a
// bare "1.0" means "1.0 or later". Floating versions ("1.*") choose what to install rather than
// bound a range, so they are refused rather than guessed at.
// Source: https://learn.microsoft.com/nuget/concepts/package-versioning#version-ranges

import type { VersConstraint } from '../../vers.js'
import { nuget } from '../nuget.js'
import { constraint, converted, refused, type Conversion } from './shared.js'

const INTERVAL = /^([[(])([^,]*)(?:(,)([^,]*))?([\])])$/

export function nugetRange(native: string): Conversion {
  const text = native.trim()
  if (text.includes('*'))
    return refused(`"${text}" is a floating version, which picks a version to install rather than bounding a range`)
  const m = INTERVAL.exec(text)
  if (!m) {
    if (/[[\](),]/.test(text)) return refused(`"${text}" is not an interval like [1.0,2.0), (,1.0] or [1.0]`)
    return converted([constraint('>=', text)])
  }
  const [, open = '', rawLow = '', comma, rawHigh = '', close = ''] = m
  const low = rawLow.trim()
  const high = rawHigh.trim()
  if (comma === undefined) {
    if (open !== '[' || close !== ']' || !low)
      return refused(`"${text}" names one version, which must be written [1.0]`)
    return converted([constraint('=', low)])
  }
  if (!low && !high) return refused(`"${text}" has neither a lower nor an upper bound`)
  const constraints: VersConstraint[] = []
  if (low) constraints.push(constraint(open === '[' ? '>=' : '>', low))
  if (high) constraints.push(constraint(close === ']' ? '<=' : '<', high))
  if (low && high && nuget.valid(low) === true && nuget.valid(high) === true && nuget.compare(low, high) > 0) {
    return refused(`"${text}" has its lower bound ${low} above its upper bound ${high}`)
  }
  return converted(constraints)
}
