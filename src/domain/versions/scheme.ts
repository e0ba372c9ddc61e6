// The common shape of a versioning scheme, so that range matching (versContains) and inventory
// matching can order versions without knowing the ecosystem. Each scheme lives in its own file
// because each follows a different upstream algorithm, cited in that file's header.

/** `true` when the text is a version of this scheme, else the reason it is not (for people). */
export type Validity = true | string

export interface VersionScheme {
  /** The vers scheme name (package-url/vers-spec), e.g. `npm`, `deb`. */
  readonly name: string
  valid(version: string): Validity
  /** Negative, zero or positive, like Array.prototype.sort expects. Callers check valid() first. */
  compare(a: string, b: string): number
}

/** Normalises any comparator result to -1, 0 or 1, so that callers and tests can compare signs. */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0
}

/** Compares two runs of decimal digits of any length without overflowing (leading zeros ignored). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '')
  const y = b.replace(/^0+/, '')
  if (x.length !== y.length) return x.length < y.length ? -1 : 1
  return x < y ? -1 : x > y ? 1 : 0
}

/** Plain code-unit order, which is what C's strcmp gives for ASCII text. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
