// How CSAF tools find Lockstep's CSAF documents (CSAF 2.0 §7.1): the provider metadata at
// /.well-known/csaf/provider-metadata.json points to one ROLIE feed (RFC 8322) of the TLP:WHITE
// documents, with its service and category documents, and to the white/ folder (index.txt,
// changes.csv, one folder per year); the feed lists each document at its §5.1 file name under
// white/<year>/ with the links to its hashes and signature. Every published advisory is public,
// so there is one public feed, WHITE; the metadata also lists the AMBER and RED feeds of drafts
// under embargo, which answer only their cases' parties (embargoedFeed.ts). These documents depend only on their arguments: the feed's
// `updated` is its newest entry's unless the caller says otherwise.
import {
  baseUrlOf,
  csafProviderMetadataPath,
  csafWhiteFeedPath,
  csafPath,
  csafWhiteFolder,
  embargoedFeedPath,
  rolieCategoryPath,
  rolieServicePath,
} from './links.js'
import type { AdvisoryPublisher, AdvisorySnapshot } from './snapshot.js'

export interface RolieFeedOptions {
  /** The instance's public URL (https://lockstep.example). */
  baseUrl: string
  tlp: 'WHITE'
  /** The feed's update time; by default the newest advisory's current release date. */
  updated?: string
}

/** Newest first: the latest revision, then the first release, then the id so ties keep an order. */
export function newestFirst(snapshots: readonly AdvisorySnapshot[]): AdvisorySnapshot[] {
  return [...snapshots].sort(
    (a, b) =>
      b.currentReleaseDate.localeCompare(a.currentReleaseDate) ||
      b.initialReleaseDate.localeCompare(a.initialReleaseDate) ||
      a.id.localeCompare(b.id),
  )
}

export const csafFeedCategories = [
  { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' },
  { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'vulnerability' },
]

export const csafJsonSchema = 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json'
// For a feed without entries, which has no newest date of its own.
const EPOCH = '1970-01-01T00:00:00.000Z'

export function toRolieFeed(snapshots: AdvisorySnapshot[], options: RolieFeedOptions): object {
  const base = baseUrlOf(options.baseUrl)
  const entries = newestFirst(snapshots)
  return {
    feed: {
      id: `${new URL(base).hostname}-csaf-feed-tlp-${options.tlp.toLowerCase()}`,
      title: `CSAF advisories (TLP:${options.tlp})`,
      link: [
        { rel: 'self', href: `${base}${csafWhiteFeedPath}` },
        { rel: 'service', href: `${base}${rolieServicePath}` },
      ],
      category: csafFeedCategories,
      updated: options.updated ?? entries[0]?.currentReleaseDate ?? EPOCH,
      entry: entries.map((snapshot) => {
        const url = `${base}${csafPath(snapshot.id, snapshot.initialReleaseDate)}`
        return {
          id: snapshot.id,
          title: snapshot.title,
          // §7.1.15: the document, its hashes (§7.1.18) and its signature (§7.1.19).
          link: [
            { rel: 'self', href: url },
            { rel: 'hash', href: `${url}.sha256` },
            { rel: 'hash', href: `${url}.sha512` },
            { rel: 'signature', href: `${url}.asc` },
          ],
          published: snapshot.initialReleaseDate,
          updated: snapshot.currentReleaseDate,
          ...(snapshot.overview.trim() ? { summary: { content: snapshot.overview } } : {}),
          content: { type: 'application/json', src: url },
          format: { schema: csafJsonSchema, version: '2.0' },
        }
      }),
    },
  }
}

export interface ProviderMetadataOptions {
  baseUrl: string
  publisher: AdvisoryPublisher
  /** When the metadata last changed: the newest advisory's release, typically. */
  lastUpdated: string
  /** The OpenPGP keys that sign the documents; with one, the role is csaf_trusted_provider. */
  publicOpenpgpKeys?: { fingerprint: string; url: string }[]
  /**
   * Whether aggregators may list and mirror the provider: only when every requirement of the
   * role holds (the caller knows: TLS, the key, a configured public URL). False by default.
   */
  listOnAggregators?: boolean
  /** Whether the feeds of the drafts under embargo (TLP:AMBER and RED, for the cases' parties) are listed. */
  embargoedFeeds?: boolean
}

export function toProviderMetadata(options: ProviderMetadataOptions): object {
  const base = baseUrlOf(options.baseUrl)
  const { publisher } = options
  const keys = options.publicOpenpgpKeys ?? []
  const listed = options.listOnAggregators ?? false
  return {
    canonical_url: `${base}${csafProviderMetadataPath}`,
    distributions: [
      {
        directory_url: `${base}${csafWhiteFolder}`,
        rolie: {
          categories: [`${base}${rolieCategoryPath}`],
          feeds: [
            {
              summary: `All TLP:WHITE advisories of ${publisher.name}.`,
              tlp_label: 'WHITE',
              url: `${base}${csafWhiteFeedPath}`,
            },
            // §7.1.5: the drafts under embargo, to the cases' parties only (API token or session).
            ...(options.embargoedFeeds
              ? (['AMBER', 'RED'] as const).map((tlp) => ({
                  summary: `The TLP:${tlp} drafts under embargo of ${publisher.name}, for the parties of each case (API token).`,
                  tlp_label: tlp,
                  url: `${base}${embargoedFeedPath(tlp)}`,
                }))
              : []),
          ],
          services: [`${base}${rolieServicePath}`],
        },
      },
    ],
    last_updated: options.lastUpdated,
    list_on_CSAF_aggregators: listed,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: listed,
    ...(keys.length > 0 ? { public_openpgp_keys: keys } : {}),
    publisher: {
      category: 'coordinator',
      ...(publisher.contactDetails ? { contact_details: publisher.contactDetails } : {}),
      name: publisher.name,
      namespace: publisher.namespace,
    },
    // CSAF 2.0 §7.2: a trusted provider also hashes (§7.1.18) and signs (§7.1.19) every document
    // with a key it lists (§7.1.20); without a key it is a provider (§7.1.1–17).
    role: keys.length > 0 ? 'csaf_trusted_provider' : 'csaf_provider',
  }
}

/**
 * §7.1.16: the ROLIE service document, naming every feed (one collection per TLP feed): the
 * public one and, when listed, those of the drafts under embargo.
 */
export function toRolieServiceDocument(baseUrl: string, publisherName: string, embargoedFeeds = false): object {
  const base = baseUrlOf(baseUrl)
  const collection = (tlp: string, href: string) => ({
    title: `CSAF advisories of ${publisherName} (TLP:${tlp})`,
    href,
    categories: { category: csafFeedCategories },
  })
  return {
    service: {
      workspace: [
        {
          title: `CSAF advisories of ${publisherName}`,
          collection: [
            collection('WHITE', `${base}${csafWhiteFeedPath}`),
            ...(embargoedFeeds
              ? (['AMBER', 'RED'] as const).map((tlp) => collection(tlp, `${base}${embargoedFeedPath(tlp)}`))
              : []),
          ],
        },
      ],
    },
  }
}

/**
 * §7.1.17: the category document of the feed. Its entries are all CSAF advisories about
 * vulnerabilities; readers that filter by category find both terms here and on the feed.
 */
export function toRolieCategoryDocument(): object {
  return { categories: { category: csafFeedCategories } }
}
