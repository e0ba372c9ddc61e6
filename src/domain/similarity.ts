// Likely-duplicate hints for triage: two reports about the same product whose words overlap.
// Plain word overlap (Jaccard over distinctive words) is enough to put a candidate in front of a
// coordinator, who decides; it needs no database extension.

const STOP_WORDS = new Set(
  'a an and are as at be by can could for from has have in into is it its may of on or that the this to was when which with without'.split(
    ' ',
  ),
)

export function distinctiveWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .normalize('NFKD')
      .split(/[^\p{L}\p{N}_.()-]+/u)
      .map((w) => w.replace(/^[.()-]+|[.()-]+$/g, ''))
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
  )
}

/** Jaccard similarity of two texts' distinctive words, 0 (nothing shared) to 1 (the same words). */
export function textSimilarity(a: string, b: string): number {
  const x = distinctiveWords(a)
  const y = distinctiveWords(b)
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const w of x) if (y.has(w)) shared++
  return shared / (x.size + y.size - shared)
}

export interface ProductRef {
  vendor: string
  product: string
  purl: string | null
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
/** pkg:type/namespace/name without version, qualifiers or subpath. */
const purlBase = (purl: string) => purl.split(/[@?#]/)[0]!.toLowerCase()

export function sameProduct(a: ProductRef, b: ProductRef): boolean {
  if (a.purl && b.purl) return purlBase(a.purl) === purlBase(b.purl)
  return (
    norm(a.product) === norm(b.product) &&
    (norm(a.vendor) === norm(b.vendor) ||
      norm(a.vendor).includes(norm(b.vendor)) ||
      norm(b.vendor).includes(norm(a.vendor)))
  )
}

export const LIKELY_DUPLICATE = 0.2
