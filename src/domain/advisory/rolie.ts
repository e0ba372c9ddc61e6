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
  csaf21ClearFeedPath,
  csaf21ClearFolder,
  csaf21Path,
  csaf21ProviderMetadataPath,
  rolie21CategoryPath,
  rolie21ServicePath,
} from './links.js'
import type { AdvisoryPublisher, AdvisorySnapshot } from './snapshot.js'

export interface RolieFeedOptions {
  /** The instance's public URL (https://lockstep.example). */
  baseUrl: string
  /** TLP:WHITE, every published advisory being public (the 2.1 feed says CLEAR, TLP 2.0's name for it). */
  tlp: 'WHITE'
  /** The feed's update time; by default the newest advisory's current release date. */
  updated?: string
  /** Which documents it lists: the CSAF 2.0 ones (by default) or the 2.1 ones under v2.1/ (TLP:CLEAR). */
  csafVersion?: '2.0' | '2.1'
}

/** Where each CSAF version's distribution lives: its feed, service and category documents, folder. */
export const csafDistributions = {
  '2.0': {
    tlp: 'WHITE',
    metadata: csafProviderMetadataPath,
    feed: csafWhiteFeedPath,
    service: rolieServicePath,
    category: rolieCategoryPath,
    folder: csafWhiteFolder,
    documentPath: csafPath,
    schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json',
  },
  '2.1': {
    tlp: 'CLEAR',
    metadata: csaf21ProviderMetadataPath,
    feed: csaf21ClearFeedPath,
    service: rolie21ServicePath,
    category: rolie21CategoryPath,
    folder: csaf21ClearFolder,
    documentPath: csaf21Path,
    schema: 'https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json',
  },
} as const

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

export const csafJsonSchema = csafDistributions['2.0'].schema
// For a feed without entries, which has no newest date of its own.
const EPOCH = '1970-01-01T00:00:00.000Z'

export function toRolieFeed(snapshots: AdvisorySnapshot[], options: RolieFeedOptions): object {
  const base = baseUrlOf(options.baseUrl)
  const entries = newestFirst(snapshots)
  const version = options.csafVersion ?? '2.0'
  const where = csafDistributions[version]
  return {
    feed: {
      id: `${new URL(base).hostname}-csaf-${version === '2.0' ? '' : 'v2.1-'}feed-tlp-${where.tlp.toLowerCase()}`,
      title: `CSAF ${version === '2.0' ? '' : '2.1 '}advisories (TLP:${where.tlp})`,
      link: [
        { rel: 'self', href: `${base}${where.feed}` },
        { rel: 'service', href: `${base}${where.service}` },
      ],
      category: csafFeedCategories,
      updated: options.updated ?? entries[0]?.currentReleaseDate ?? EPOCH,
      entry: entries.map((snapshot) => {
        const url = `${base}${where.documentPath(snapshot.id, snapshot.initialReleaseDate)}`
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
          format: { schema: where.schema, version },
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
  /** The 2.0 metadata (by default) or the 2.1 one at v2.1/provider-metadata.json (transition plan). */
  csafVersion?: '2.0' | '2.1'
  /** Whether the feeds of the drafts under embargo (TLP:AMBER and RED, for the cases' parties) are listed. */
  embargoedFeeds?: boolean
}

export function toProviderMetadata(options: ProviderMetadataOptions): object {
  const base = baseUrlOf(options.baseUrl)
  const { publisher } = options
  const keys = options.publicOpenpgpKeys ?? []
  const listed = options.listOnAggregators ?? false
  const version = options.csafVersion ?? '2.0'
  const where = csafDistributions[version]
  return {
    ...(version === '2.1' ? { $schema: 'https://docs.oasis-open.org/csaf/csaf/v2.1/schema/provider.json' } : {}),
    canonical_url: `${base}${where.metadata}`,
    distributions: [
      {
        directory_url: `${base}${where.folder}`,
        rolie: {
          categories: [`${base}${where.category}`],
          feeds: [
            {
              summary: `All TLP:${where.tlp} advisories of ${publisher.name}${version === '2.0' ? '' : ' in CSAF 2.1'}.`,
              tlp_label: where.tlp,
              url: `${base}${where.feed}`,
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
          services: [`${base}${where.service}`],
        },
      },
    ],
    last_updated: options.lastUpdated,
    list_on_CSAF_aggregators: listed,
    metadata_version: version,
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
 * public one and, when listed, those of the drafts under embargo (CSAF 2.0 drafts, so only in the
 * 2.0 service document).
 */
export function toRolieServiceDocument(
  baseUrl: string,
  publisherName: string,
  csafVersion: '2.0' | '2.1' = '2.0',
  embargoedFeeds = false,
): object {
  const base = baseUrlOf(baseUrl)
  const where = csafDistributions[csafVersion]
  const advisories = `CSAF ${csafVersion === '2.0' ? '' : '2.1 '}advisories of ${publisherName}`
  const collection = (tlp: string, href: string) => ({
    title: `${advisories} (TLP:${tlp})`,
    href,
    categories: { category: csafFeedCategories },
  })
  return {
    service: {
      workspace: [
        {
          title: advisories,
          collection: [
            collection(where.tlp, `${base}${where.feed}`),
            ...(embargoedFeeds && csafVersion === '2.0'
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
