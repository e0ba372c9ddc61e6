// OpenSSL advisories' "affected versions" lists ("3.0.0, 1.0.1b") as vers constraints: OpenSSL
// names each affected release rather than a range, so every item is one "=" constraint (and
// nativeRange.ts puts them in release order and checks each is an OpenSSL version).
// Source: https://www.openssl.org/news/vulnerabilities.html

import { constraint, converted, listItems, refused, type Conversion } from './shared.js'

export function opensslRange(native: string): Conversion {
  const versions = listItems(native, ',')
  if (!versions.ok) return refused(versions.reason)
  const ranged = versions.items.find((item) => /[\s<>=!]/.test(item))
  if (ranged !== undefined)
    return refused(`"${ranged}" is not a single version; OpenSSL lists each affected release, separated by commas`)
  return converted(versions.items.map((version) => constraint('=', version)))
}
