// The instance's advisories as an Atom 1.0 feed (RFC 4287), newest first, for feed readers and
// mailing-list bridges. Built as text with every value escaped, and with characters XML 1.0 does
// not allow (control characters a vendor might paste) dropped, so the feed always parses. The
// CSAF ROLIE feed and provider metadata, the machine-readable discovery documents, are in
// rolie.ts and re-exported here.
import { advisoryLinks, vulnerabilityId } from './links.js'
import { newestFirst } from './rolie.js'
import type { AdvisorySnapshot } from './snapshot.js'
import { endedOf, endedSentence } from './ended.js'

export { toProviderMetadata, toRolieFeed, type ProviderMetadataOptions, type RolieFeedOptions } from './rolie.js'

export interface AtomFeedOptions {
  /** The feed's own URL: its id and its rel="self" link. */
  url: string
  title: string
  /** When the feed last changed (RFC 3339). */
  updated: string
  /** The feed's author; by default the publisher of its newest advisory (RFC 4287 wants one). */
  author?: string
}

// XML 1.0 §2.2: tab, newline, carriage return and everything from U+0020 on, except surrogates
// left unpaired and U+FFFE/U+FFFF.
const NOT_XML_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Escapes text for XML content and attribute values (both quote kinds, so either delimiter is safe). */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHARACTERS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

function entry(snapshot: AdvisorySnapshot): string {
  const links = advisoryLinks(snapshot)
  const categories = snapshot.vulnerabilities.map(
    (vuln) =>
      `    <category term="${escapeXml(vuln.cve ?? vulnerabilityId(snapshot, vuln))}" label="${escapeXml(vuln.title)}"/>`,
  )
  // A withdrawn or superseded advisory's entry says so in its title and first in its summary.
  const ended = endedOf(snapshot)
  const endedTitle = ended ? ` (${ended.kind === 'withdrawn' ? 'withdrawn' : `superseded by ${ended.by!.id}`})` : ''
  const summary = ended ? `${endedSentence(ended)}\n\n${snapshot.overview}` : snapshot.overview
  return [
    '  <entry>',
    `    <id>${escapeXml(links.page)}</id>`,
    `    <title>${escapeXml(`${snapshot.id}: ${snapshot.title}${endedTitle}`)}</title>`,
    `    <updated>${escapeXml(snapshot.currentReleaseDate)}</updated>`,
    `    <published>${escapeXml(snapshot.initialReleaseDate)}</published>`,
    `    <author><name>${escapeXml(snapshot.publisher.name)}</name></author>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(links.page)}"/>`,
    `    <link rel="alternate" type="application/json" href="${escapeXml(links.json)}"/>`,
    `    <link rel="related" type="application/json" title="CSAF 2.0" href="${escapeXml(links.csaf)}"/>`,
    ...categories,
    `    <summary type="text">${escapeXml(summary)}</summary>`,
    '  </entry>',
  ].join('\n')
}

export function toAtomFeed(snapshots: AdvisorySnapshot[], feed: AtomFeedOptions): string {
  const entries = newestFirst(snapshots)
  const author = feed.author ?? entries[0]?.publisher.name
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.url)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <updated>${escapeXml(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.url)}"/>`,
    ...(author ? [`  <author><name>${escapeXml(author)}</name></author>`] : []),
    '  <generator>Lockstep</generator>',
    ...entries.map(entry),
    '</feed>',
    '',
  ].join('\n')
}
