// Ecosystems publish affected ranges in their own syntax ("^1.2.3", ">=2.0,!=2.1.*", "~> 2.0.8",
// "[1.0,2.0)"); Lockstep stores and matches vers. This turns a native range into canonical vers
// text: the ecosystem's converter (native/<scheme>.ts) translates the syntax, and here every
// version is checked against the scheme and the constraints are put in canonical order, so that
// a range that could not be read is refused with the reason rather than stored half-understood.
// Alternatives joined by "||" (npm's own syntax, and GitLab's advisory database writes every
// ecosystem's `affected_range` so: ">=2.2,<2.2.28||>=3.2,<3.2.13") are converted one by one and
// their union written (versUnion.ts), so that overlapping alternatives stay one valid range.

import { formatVers, sortVersConstraints, type VersConstraint } from '../vers.js'
import { conanRange } from './native/conan.js'
import { gemRange } from './native/gem.js'
import { nginxRange } from './native/nginx.js'
import { npmRange } from './native/npm.js'
import { nugetRange } from './native/nuget.js'
import { opensslRange } from './native/openssl.js'
import { pypiRange } from './native/pypi.js'
import type { NativeConverter } from './native/shared.js'
import { resolveScheme } from './registry.js'
import { unstorableText } from '../storableText.js'
import { unionOfAlternatives } from './versUnion.js'

export type VersFromNativeResult = { ok: true; vers: string } | { ok: false; reason: string }

const converters = new Map<string, NativeConverter>(
  Object.entries({
    npm: npmRange,
    pypi: pypiRange,
    gem: gemRange,
    nuget: nugetRange,
    conan: conanRange,
    openssl: opensslRange,
    nginx: nginxRange,
  }),
)

/** The vers schemes whose native range syntax Lockstep can convert. */
export const nativeRangeSchemes: readonly string[] = [...converters.keys()]

export function versFromNative(scheme: string, native: string): VersFromNativeResult {
  const convert = converters.get(scheme)
  if (!convert)
    return {
      ok: false,
      reason: `Native ranges of scheme "${scheme}" cannot be converted (only ${nativeRangeSchemes.join(', ')}).`,
    }
  if (native.trim() === '') return { ok: false, reason: `The ${scheme} range is empty.` }
  const unreadable = unstorableText(native)
  if (unreadable) return { ok: false, reason: `The ${scheme} range ${unreadable}.` }
  // Conan's "||" sits inside its brackets beside options; its converter reads it itself.
  const alternatives = scheme === 'conan' ? [native] : native.split('||').map((a) => a.trim())
  if (alternatives.includes(''))
    return {
      ok: false,
      reason: `The ${scheme} range "${native}" cannot be read: an alternative between "||" is empty.`,
    }
  // nginx has no ordering of its own here; its plain dotted numbers sort correctly under the generic one.
  const { scheme: order } = resolveScheme(scheme)
  const converted: VersConstraint[][] = []
  for (const alternative of alternatives) {
    const result = convert(alternative)
    if (!result.ok) {
      const which = alternatives.length > 1 ? ` (in the alternative "${alternative}")` : ''
      return { ok: false, reason: `The ${scheme} range "${native}" cannot be read${which}: ${result.reason}.` }
    }
    for (const { comparator, version } of result.constraints) {
      const valid = comparator === '*' ? true : order.valid(version)
      if (valid !== true)
        return { ok: false, reason: `The ${scheme} range "${native}" has the version "${version}", which ${valid}.` }
    }
    converted.push(result.constraints)
  }
  const constraints = converted.length === 1 ? converted[0]! : unionOfAlternatives(converted, order)
  if (constraints === null)
    return { ok: false, reason: `The ${scheme} range "${native}" has an alternative whose bounds do not alternate.` }
  if (constraints.length === 0) return { ok: false, reason: `The ${scheme} range "${native}" matches no version.` }
  return { ok: true, vers: formatVers({ scheme, constraints: sortVersConstraints(constraints, order) }) }
}

/**
 * A range as someone typed it for a product: vers text as it is, or the native syntax of the
 * purl's ecosystem ("^1.2.3" for pkg:npm/..., "~> 2.0.8" for pkg:gem/...) converted to vers.
 */
export function rangeAsVers(range: string, purl: string | null): VersFromNativeResult {
  const text = range.trim()
  if (text.toLowerCase().startsWith('vers:')) return { ok: true, vers: text }
  const type = purl ? /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\//.exec(purl.trim())?.[1]?.toLowerCase() : undefined
  if (!type || !converters.has(type)) {
    const readable = nativeRangeSchemes
      .filter((s) => s !== 'openssl' && s !== 'nginx')
      .map((s) => `pkg:${s}`)
      .join(', ')
    return {
      ok: false,
      reason: `must start with "vers:" (vers:<scheme>/<constraints>, e.g. vers:generic/>=5.2|<8.12.8); the ecosystem's own range syntax is read only for ${readable}`,
    }
  }
  return versFromNative(type, text)
}
