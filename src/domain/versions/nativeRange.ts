// Ecosystems publish affected ranges in their own syntax ("^1.2.3", ">=2.0,!=2.1.*", "~> 2.0.8",
// "[1.0,2.0)"); Lockstep stores and matches vers. This turns a native range into canonical vers
// text: the ecosystem's converter (native/<scheme>.ts) translates the syntax, and here every
// version is checked against the scheme and the constraints are put in canonical order, so that
// a range that could not be read is refused with the reason rather than stored half-understood.

import { formatVers, sortVersConstraints } from '../vers.js'
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
  const result = convert(native)
  if (!result.ok) return { ok: false, reason: `The ${scheme} range "${native}" cannot be read: ${result.reason}.` }
  // nginx has no ordering of its own here; its plain dotted numbers sort correctly under the generic one.
  const { scheme: order } = resolveScheme(scheme)
  for (const { comparator, version } of result.constraints) {
    const valid = comparator === '*' ? true : order.valid(version)
    if (valid !== true)
      return { ok: false, reason: `The ${scheme} range "${native}" has the version "${version}", which ${valid}.` }
  }
  return { ok: true, vers: formatVers({ scheme, constraints: sortVersConstraints(result.constraints, order) }) }
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
