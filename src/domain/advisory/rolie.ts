// How CSAF tools find Lockstep's CSAF documents (CSAF 2.0 §7.1): the provider metadata at
// /.well-known/csaf/provider-metadata.json points to one ROLIE feed (RFC 8322) of the TLP:WHITE
// documents, and the feed lists each document at its §5.1 file name under white/<year>/. Every
// published advisory is public, so there is only the WHITE feed. Both documents depend only on
// their arguments: the feed's `updated` is its newest entry's unless the caller says otherwise.
import { baseUrlOf, csafProviderMetadataPath, csafWhiteFeedPath, csafPath } from './links.js'
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

const csafJsonSchema = 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json'
// For a feed without entries, which has no newest date of its own.
const EPOCH = '1970-01-01T00:00:00.000Z'

export function toRolieFeed(snapshots: AdvisorySnapshot[], options: RolieFeedOptions): object {
  const base = baseUrlOf(options.baseUrl)
  const entries = newestFirst(snapshots)
  return {
    feed: {
      id: `${new URL(base).hostname}-csaf-feed-tlp-${options.tlp.toLowerCase()}`,
      title: `CSAF advisories (TLP:${options.tlp})`,
      link: [{ rel: 'self', href: `${base}${csafWhiteFeedPath}` }],
      category: [
        { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' },
        { scheme: 'urn:ietf:params:rolie:category:information-type', term: 'vulnerability' },
      ],
      updated: options.updated ?? entries[0]?.currentReleaseDate ?? EPOCH,
      entry: entries.map((snapshot) => {
        const url = `${base}${csafPath(snapshot.id, snapshot.initialReleaseDate)}`
        return {
          id: snapshot.id,
          title: snapshot.title,
          link: [{ rel: 'self', href: url }],
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
  /**
   * CSAF 2.0 §7.2: csaf_provider by default; csaf_trusted_provider only once the documents are
   * signed and hashed, which the metadata cannot check.
   */
  role?: 'csaf_publisher' | 'csaf_provider' | 'csaf_trusted_provider'
  /** The OpenPGP keys that sign the documents, when they are signed. */
  publicOpenpgpKeys?: { fingerprint: string; url: string }[]
}

export function toProviderMetadata(options: ProviderMetadataOptions): object {
  const base = baseUrlOf(options.baseUrl)
  const { publisher } = options
  return {
    canonical_url: `${base}${csafProviderMetadataPath}`,
    distributions: [
      {
        rolie: {
          feeds: [
            {
              summary: `All TLP:WHITE advisories of ${publisher.name}.`,
              tlp_label: 'WHITE',
              url: `${base}${csafWhiteFeedPath}`,
            },
          ],
        },
      },
    ],
    last_updated: options.lastUpdated,
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    ...(options.publicOpenpgpKeys && options.publicOpenpgpKeys.length > 0
      ? { public_openpgp_keys: options.publicOpenpgpKeys }
      : {}),
    publisher: {
      category: 'coordinator',
      ...(publisher.contactDetails ? { contact_details: publisher.contactDetails } : {}),
      name: publisher.name,
      namespace: publisher.namespace,
    },
    role: options.role ?? 'csaf_provider',
  }
}
