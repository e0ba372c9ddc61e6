// What makes the instance a CSAF 2.0 trusted provider (§7.1, §7.2) beside the documents the release
// writes: the provider metadata (served from the first day, naming the instance key and the
// distributions), security.txt, the ROLIE service and category documents, the white/ folder's
// index.txt, changes.csv and directory listings, and beside every published document its SHA-256
// and SHA-512 files and a detached OpenPGP signature with the instance key. All are derived from
// what is published when asked, so they never disagree with it; signatures are kept in memory by
// the hash of what they sign (mail/documentSignatures.ts). The same files exist for the CSAF 2.1 documents under v2.1/ (its
// own metadata, ROLIE documents and clear/ folder), as the 2.1 draft's transition plan asks.
import { createHash } from 'node:crypto'
import type { AdvisoryPublisher } from '../../../domain/advisory/snapshot.js'
import {
  csafDistributions,
  toProviderMetadata,
  toRolieCategoryDocument,
  toRolieServiceDocument,
} from '../../../domain/advisory/rolie.js'
import { csafWhiteFolder, securityTxtPath } from '../../../domain/advisory/links.js'
import {
  companionSuffixes,
  securityTxtExpiry,
  toChangesCsv,
  toDirectoryListing,
  toHashFile,
  toIndexTxt,
  toSecurityTxt,
  type FolderDocument,
} from '../../../domain/advisory/distribution.js'
import { instanceKeyPath } from '../../../domain/advisory/publicFrame.js'
import { ensureInstanceKey } from '../../../mail/instanceKey.js'
import { signatureOf } from '../../../mail/documentSignatures.js'
import { addressOf } from '../../mail/transport.js'
import { listPublishedUnder, newestPublisher } from '../../../store/published.js'
import type { HttpContext } from '../context.js'

export interface ServedDocument {
  body: Buffer
  content_type: string
  etag: string
  updated_at: Date
}

const EPOCH = new Date(0)
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`)
const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
const served = (body: Buffer, contentType: string, updatedAt: Date): ServedDocument => ({
  body,
  content_type: contentType,
  etag: etagOf(body),
  updated_at: updatedAt,
})

export function csafProvider(ctx: HttpContext) {
  const base = ctx.config.publicUrl
  const instanceKey = () => ensureInstanceKey(ctx.db, 'Lockstep', addressOf(ctx.config.mail.from))

  // CSAF 2.0 (white/) and, beside it, CSAF 2.1 (v2.1/clear/): the same files for each.
  type Version = keyof typeof csafDistributions
  const versions = Object.keys(csafDistributions) as Version[]

  async function folderDocuments(version: Version = '2.0'): Promise<FolderDocument[]> {
    const folder = csafDistributions[version].folder
    const rows = await listPublishedUnder(ctx.db, folder)
    return rows.map((r) => ({
      name: r.path.slice(folder.length),
      currentReleaseDate: new Date(r.updated_at).toISOString(),
    }))
  }

  async function providerMetadata(version: Version): Promise<ServedDocument> {
    const [docs, stored, key] = await Promise.all([folderDocuments(version), newestPublisher(ctx.db), instanceKey()])
    const lastUpdated = docs.reduce((max, d) => (d.currentReleaseDate > max ? d.currentReleaseDate : max), '')
    const publisher: AdvisoryPublisher = (stored as AdvisoryPublisher | undefined) ?? {
      name: ctx.config.release.publisherName ?? 'Lockstep',
      namespace: base,
      contactDetails: ctx.config.release.contact,
    }
    const body = json(
      toProviderMetadata({
        baseUrl: base,
        publisher,
        lastUpdated: lastUpdated || EPOCH.toISOString(),
        publicOpenpgpKeys: [{ fingerprint: key.fingerprint, url: `${base}${instanceKeyPath}` }],
        // §7.1.3: aggregators list only providers behind TLS; the key is there (made at first
        // use), and every other requirement is met by this code, so TLS is what is left to check.
        listOnAggregators: base.startsWith('https://'),
        csafVersion: version,
        // The drafts' feeds (AMBER, RED) list CSAF 2.0 drafts: named in the 2.0 metadata only.
        embargoedFeeds: version === '2.0',
      }),
    )
    return served(body, 'application/json', lastUpdated ? new Date(lastUpdated) : EPOCH)
  }

  /** The documents made here, by path; undefined for any other path. */
  async function document(path: string): Promise<ServedDocument | undefined> {
    for (const version of versions) {
      const where = csafDistributions[version]
      switch (path) {
        case where.metadata:
          return providerMetadata(version)
        case where.service:
          return served(
            json(toRolieServiceDocument(base, ctx.config.release.publisherName ?? 'Lockstep', version, true)),
            'application/json',
            EPOCH,
          )
        case where.category:
          return served(json(toRolieCategoryDocument()), 'application/json', EPOCH)
        case `${where.folder}index.txt`:
          return served(Buffer.from(toIndexTxt(await folderDocuments(version))), 'text/plain; charset=utf-8', EPOCH)
        case `${where.folder}changes.csv`:
          return served(Buffer.from(toChangesCsv(await folderDocuments(version))), 'text/csv; charset=utf-8', EPOCH)
      }
    }
    switch (path) {
      case securityTxtPath:
        return served(
          Buffer.from(
            toSecurityTxt({
              baseUrl: base,
              contact: ctx.config.release.contact,
              keyPath: instanceKeyPath,
              reportPath: '/report',
              expires: securityTxtExpiry(new Date()),
            }),
          ),
          'text/plain; charset=utf-8',
          EPOCH,
        )
      default:
        return undefined
    }
  }

  /** `<document>.sha256`, `.sha512` or `.asc` of a document found by `find`; undefined for any other path. */
  async function companion(
    path: string,
    find: (path: string) => Promise<ServedDocument | undefined>,
  ): Promise<ServedDocument | undefined> {
    const suffix = companionSuffixes.find((s) => path.endsWith(s))
    if (!suffix) return undefined
    const of = await find(path.slice(0, -suffix.length))
    if (!of) return undefined
    const fileName = path.slice(0, -suffix.length).split('/').pop()!
    if (suffix === '.asc') {
      const signature = await signatureOf(of.body, (await instanceKey()).armoredPrivateKey)
      return served(Buffer.from(signature), 'application/pgp-signature', of.updated_at)
    }
    const digest = createHash(suffix === '.sha256' ? 'sha256' : 'sha512')
      .update(of.body)
      .digest('hex')
    return served(Buffer.from(toHashFile(digest, fileName)), 'text/plain; charset=utf-8', of.updated_at)
  }

  /** §7.1.14: the listing of /.well-known/csaf/, of white/ and of each year; undefined elsewhere. */
  async function listing(path: string): Promise<string | undefined> {
    const folder = path.endsWith('/') ? path : `${path}/`
    const root = csafWhiteFolder.replace(/white\/$/, '')
    // The root and v2.1/: each version's metadata, ROLIE documents and TLP folder.
    for (const version of versions) {
      const where = csafDistributions[version]
      const home = version === '2.0' ? root : `${root}v2.1/`
      if (folder === home)
        return toDirectoryListing(folder, [
          ...(version === '2.0' ? ['v2.1/'] : []),
          where.folder.slice(home.length),
          ...[where.metadata, where.service, where.category, where.feed].map((p) => p.slice(home.length)),
        ])
    }
    const version = versions.find((v) => folder.startsWith(csafDistributions[v].folder))
    if (!version) return undefined
    const tlpFolder = csafDistributions[version].folder
    const docs = await folderDocuments(version)
    if (folder === tlpFolder)
      return toDirectoryListing(folder, [
        'index.txt',
        'changes.csv',
        ...new Set(docs.map((d) => `${d.name.split('/')[0]}/`)),
      ])
    const year = folder.slice(tlpFolder.length)
    const files = docs.filter((d) => d.name.startsWith(year)).map((d) => d.name.slice(year.length))
    if (!/^\d{4}\/$/.test(year) || files.length === 0) return undefined
    return toDirectoryListing(
      folder,
      files.flatMap((f) => [f, ...companionSuffixes.map((s) => `${f}${s}`)]),
    )
  }

  return { document, companion, listing, served }
}
