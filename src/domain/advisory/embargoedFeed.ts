// The ROLIE feeds of the drafts under embargo (CSAF 2.0 §7.1.5 and §7.1.15): one per TLP label,
// AMBER and RED, each listing the drafts its caller may read, so that a party's tooling polls one
// URL with its API token instead of asking case by case. Each entry links the draft, its hashes
// and its signature, as the public feed's entries do; the feed itself is as public-feed shaped as
// the public one (same categories and format), only its audience differs.
import { baseUrlOf, embargoedCsafPath, embargoedFeedPath, type EmbargoedTlp } from './links.js'
import { csafFeedCategories, csafJsonSchema } from './rolie.js'

export interface EmbargoedDraft {
  caseId: string
  /** The advisory id the draft carries ("LSA-2026-0001"). */
  id: string
  title: string
  overview: string
  /** ISO instant the draft last changed: the document's dates. */
  updated: string
}

export function toEmbargoedRolieFeed(drafts: readonly EmbargoedDraft[], baseUrl: string, tlp: EmbargoedTlp): object {
  const base = baseUrlOf(baseUrl)
  const entries = [...drafts].sort((a, b) => b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id))
  return {
    feed: {
      id: `${new URL(base).hostname}-csaf-feed-tlp-${tlp.toLowerCase()}`,
      title: `CSAF drafts under embargo (TLP:${tlp})`,
      link: [{ rel: 'self', href: `${base}${embargoedFeedPath(tlp)}` }],
      category: csafFeedCategories,
      updated: entries[0]?.updated ?? new Date(0).toISOString(),
      entry: entries.map((draft) => {
        const url = `${base}${embargoedCsafPath(draft.caseId)}`
        return {
          id: draft.id,
          title: draft.title,
          link: [
            { rel: 'self', href: url },
            { rel: 'hash', href: `${url}.sha256` },
            { rel: 'hash', href: `${url}.sha512` },
            { rel: 'signature', href: `${url}.asc` },
          ],
          published: draft.updated,
          updated: draft.updated,
          ...(draft.overview.trim() ? { summary: { content: draft.overview } } : {}),
          content: { type: 'application/json', src: url },
          format: { schema: csafJsonSchema, version: '2.0' },
        }
      }),
    },
  }
}
