// The public documents of a release: every form of one advisory at the paths its links name, the
// feeds over every published advisory, and their writing. Shared by the release, its preparation
// before the instant (preparedRelease.ts), revisions and the end of an advisory's life.
import { createHash } from 'node:crypto'
import { ConflictError } from '../../domain/errors.js'
import { toHtmlPage } from '../../domain/advisory/html.js'
import {
  advisoryLinks,
  toAtomFeed,
  toCsaf,
  toCveRecords,
  toOsv,
  toPublicJson,
  toRolieFeed,
  type AdvisorySnapshot,
} from '../../domain/advisory/index.js'
import { atomFeedPath, csaf21ClearFeedPath, csaf21Url, csafWhiteFeedPath } from '../../domain/advisory/links.js'
import { toCsaf21 } from '../../domain/advisory/csaf21.js'
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'

export interface ReleaseOptions {
  config: Pick<Config, 'publicUrl' | 'release'>
  /** Checks the CSAF document before anything is written; messages name the path and the problem. */
  validateCsaf?: (doc: unknown) => Promise<string[]>
}

/** Refuses (409) a snapshot whose CSAF document the options' validator finds problems in. */
export async function checkCsaf(
  opts: ReleaseOptions,
  snapshot: AdvisorySnapshot,
  refusal: string,
  csaf: object = toCsaf(snapshot),
): Promise<void> {
  refuseInvalidCsaf(opts.validateCsaf ? await opts.validateCsaf(csaf) : [], refusal)
}

/** The 409 for a CSAF document with problems, naming the first five. */
export function refuseInvalidCsaf(problems: string[], refusal: string): void {
  if (problems.length) throw new ConflictError(`${refusal}: ${problems.slice(0, 5).join('; ')}`)
}

export interface PublishedDocument {
  path: string
  contentType: string
  body: Buffer
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`)
const pathOf = (url: string) => decodeURIComponent(new URL(url).pathname)

/** Every public form of one advisory, at the paths the links name. */
export function documentsOf(
  s: AdvisorySnapshot,
  cna: Config['release']['cna'],
  keyFingerprint: string | null = null,
  csaf: object = toCsaf(s),
): PublishedDocument[] {
  const links = advisoryLinks(s)
  const docs: PublishedDocument[] = [
    {
      path: pathOf(links.page),
      contentType: 'text/html; charset=utf-8',
      // The page names the key that signs the files, so a reader can check gpg's answer against it.
      body: Buffer.from(toHtmlPage(s, { keyFingerprint })),
    },
    { path: pathOf(links.json), contentType: 'application/json', body: json(toPublicJson(s)) },
    { path: pathOf(links.csaf), contentType: 'application/json', body: json(csaf) },
    // CSAF 2.1 beside 2.0, in its own folder (the 2.1 draft's transition plan).
    { path: pathOf(csaf21Url(s)), contentType: 'application/json', body: json(toCsaf21(s)) },
  ]
  const osv = toOsv(s) as { id: string }[]
  s.vulnerabilities.forEach((v, i) =>
    docs.push({ path: pathOf(links.osv[v.key]!), contentType: 'application/json', body: json(osv[i]) }),
  )
  const cves = toCveRecords(s, cna) as { cveMetadata: { cveId: string } }[]
  for (const record of cves) {
    const v = s.vulnerabilities.find((x) => x.cve === record.cveMetadata.cveId)
    if (v && links.cve[v.key])
      docs.push({ path: pathOf(links.cve[v.key]!), contentType: 'application/json', body: json(record) })
  }
  return docs
}

/** The feeds over every published advisory, newest first (the provider metadata is served as things are: csafProvider.ts). */
export function feedsOf(
  all: AdvisorySnapshot[],
  publicUrl: string,
  publisherName: string,
  now: Date,
): PublishedDocument[] {
  const updated = all.reduce((max, s) => (s.currentReleaseDate > max ? s.currentReleaseDate : max), now.toISOString())
  return [
    {
      path: atomFeedPath,
      contentType: 'application/atom+xml; charset=utf-8',
      body: Buffer.from(
        toAtomFeed(all, {
          url: `${publicUrl}${atomFeedPath}`,
          title: `${publisherName}: security advisories`,
          updated,
        }),
      ),
    },
    {
      path: csafWhiteFeedPath,
      contentType: 'application/json',
      body: json(toRolieFeed(all, { baseUrl: publicUrl, tlp: 'WHITE', updated })),
    },
    {
      path: csaf21ClearFeedPath,
      contentType: 'application/json',
      body: json(toRolieFeed(all, { baseUrl: publicUrl, tlp: 'WHITE', updated, csafVersion: '2.1' })),
    },
  ]
}

/** Writes documents at their paths, replacing what was there: one statement per 50 (a release writes about 30). */
export async function writeDocuments(
  trx: Db,
  advisoryId: string | null,
  given: PublishedDocument[],
  now: Date,
): Promise<void> {
  // One path once per statement (the database refuses a row changed twice by one statement): the last wins.
  const docs = [...new Map(given.map((d) => [d.path, d])).values()]
  for (let i = 0; i < docs.length; i += 50) {
    await trx
      .insertInto('published_documents')
      .values(
        docs.slice(i, i + 50).map((d) => ({
          path: d.path,
          advisory_id: advisoryId,
          content_type: d.contentType,
          body: d.body,
          etag: `"${createHash('sha256').update(d.body).digest('base64url').slice(0, 27)}"`,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.column('path').doUpdateSet((eb) => ({
          advisory_id: eb.ref('excluded.advisory_id'),
          content_type: eb.ref('excluded.content_type'),
          body: eb.ref('excluded.body'),
          etag: eb.ref('excluded.etag'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
}
