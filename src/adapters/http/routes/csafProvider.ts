// What makes the instance a CSAF 2.0 trusted provider (§7.1, §7.2) beside the documents the release
// writes: the provider metadata (served from the first day, naming the instance key and the
// distributions), security.txt, the ROLIE service and category documents, the white/ folder's
// index.txt, changes.csv and directory listings, and beside every published document its SHA-256
// and SHA-512 files and a detached OpenPGP signature with the instance key. All are derived from
// what is published when asked, so they never disagree with it; signatures are kept in memory by
// the hash of what they sign.
import { createHash } from 'node:crypto'
import type { AdvisoryPublisher } from '../../../domain/advisory/snapshot.js'
import { toProviderMetadata, toRolieCategoryDocument, toRolieServiceDocument } from '../../../domain/advisory/rolie.js'
import {
  csafProviderMetadataPath,
  csafWhiteFolder,
  rolieCategoryPath,
  rolieServicePath,
  securityTxtPath,
} from '../../../domain/advisory/links.js'
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
import { signDetached } from '../../../mail/pgp.js'
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

/** Signatures kept, by the SHA-256 of what they sign; a document signed once is not signed again. */
const SIGNATURES_KEPT = 10_000

export function csafProvider(ctx: HttpContext) {
  const base = ctx.config.publicUrl
  const instanceKey = () => ensureInstanceKey(ctx.db, 'Lockstep', addressOf(ctx.config.mail.from))
  const signatures = new Map<string, string>()

  async function folderDocuments(): Promise<FolderDocument[]> {
    const rows = await listPublishedUnder(ctx.db, csafWhiteFolder)
    return rows.map((r) => ({
      name: r.path.slice(csafWhiteFolder.length),
      currentReleaseDate: new Date(r.updated_at).toISOString(),
    }))
  }

  async function providerMetadata(): Promise<ServedDocument> {
    const [docs, stored, key] = await Promise.all([folderDocuments(), newestPublisher(ctx.db), instanceKey()])
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
        embargoedFeeds: true,
      }),
    )
    return served(body, 'application/json', lastUpdated ? new Date(lastUpdated) : EPOCH)
  }

  /** The documents made here, by path; undefined for any other path. */
  async function document(path: string): Promise<ServedDocument | undefined> {
    switch (path) {
      case csafProviderMetadataPath:
        return providerMetadata()
      case rolieServicePath:
        return served(
          json(toRolieServiceDocument(base, ctx.config.release.publisherName ?? 'Lockstep', true)),
          'application/json',
          EPOCH,
        )
      case rolieCategoryPath:
        return served(json(toRolieCategoryDocument()), 'application/json', EPOCH)
      case `${csafWhiteFolder}index.txt`:
        return served(Buffer.from(toIndexTxt(await folderDocuments())), 'text/plain; charset=utf-8', EPOCH)
      case `${csafWhiteFolder}changes.csv`:
        return served(Buffer.from(toChangesCsv(await folderDocuments())), 'text/csv; charset=utf-8', EPOCH)
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
      const hash = createHash('sha256').update(of.body).digest('hex')
      let signature = signatures.get(hash)
      if (!signature) {
        signature = await signDetached(of.body, (await instanceKey()).armoredPrivateKey)
        if (signatures.size >= SIGNATURES_KEPT) signatures.delete(signatures.keys().next().value!)
        signatures.set(hash, signature)
      }
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
    if (folder === root)
      return toDirectoryListing(folder, [
        'white/',
        ...[csafProviderMetadataPath, rolieServicePath, rolieCategoryPath, '/.well-known/csaf/feed-tlp-white.json'].map(
          (p) => p.slice(root.length),
        ),
      ])
    if (!folder.startsWith(csafWhiteFolder)) return undefined
    const docs = await folderDocuments()
    if (folder === csafWhiteFolder)
      return toDirectoryListing(folder, [
        'index.txt',
        'changes.csv',
        ...new Set(docs.map((d) => `${d.name.split('/')[0]}/`)),
      ])
    const year = folder.slice(csafWhiteFolder.length)
    const files = docs.filter((d) => d.name.startsWith(year)).map((d) => d.name.slice(year.length))
    if (!/^\d{4}\/$/.test(year) || files.length === 0) return undefined
    return toDirectoryListing(
      folder,
      files.flatMap((f) => [f, ...companionSuffixes.map((s) => `${f}${s}`)]),
    )
  }

  return { document, companion, listing, served }
}
