// What a person typed into the search box, made safe for PostgreSQL's full-text search. Plain
// words are matched as prefixes of words ("Sendm" finds Sendmail), all of them required; typing
// the web-search syntax (a "quoted phrase", -excluded, or) asks for websearch_to_tsquery instead,
// which matches whole words. Only letters, digits and the marks found inside identifiers
// (LS-2026-0001, 8.12.8, CVE-2003-0161) are kept: nothing else can reach the query parser.
export type SearchTerms = { mode: 'prefix' | 'web'; text: string }

export const SEARCH_MAX_LENGTH = 200

/** The most matches of one kind a search counts; past it, it says "more than" this many. */
export const SEARCH_COUNT_CAP = 1000

export function searchTerms(typed: string): SearchTerms | null {
  const raw = typed.slice(0, SEARCH_MAX_LENGTH)
  const web = /"|(^|\s)-\S|\sor\s/i.test(raw)
  const text = raw
    .replace(web ? /[^\p{L}\p{N}.\-_@/+"\s]/gu : /[^\p{L}\p{N}.\-_@/+\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (!/[\p{L}\p{N}]/u.test(text)) return null
  return { mode: web ? 'web' : 'prefix', text }
}
