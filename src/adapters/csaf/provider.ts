// Reading a CSAF provider (CSAF 2.0 §7): its provider-metadata.json, then every advisory it lists
// through its ROLIE feeds (§7.1.20: each entry's content, hash and signature links) or its
// directory listings (§7.1.13: index.txt, with <file>.sha256/.sha512 and <file>.asc beside each
// file). Every advisory's hashes are compared and its detached OpenPGP signature checked against
// the provider's public_openpgp_keys (each key fetched and its fingerprint compared with the one
// listed). A file that fails a check is handed on as refused, with the reason, so the import
// reports it with the rest; the provider itself unreachable or unreadable fails the whole run.
import { createHash } from 'node:crypto'
import * as openpgp from 'openpgp'
import type { CsafFile } from '../../commands/owners/csafImport.js'

type Json = Record<string, unknown>
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {})
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

export class ProviderError extends Error {}

interface Listed {
  url: string
  hashes: string[]
  signature: string | null
}

export interface ProviderListing {
  metadataUrl: string
  documents: Listed[]
  keys: openpgp.PublicKey[]
  /** Keys listed that could not be used (unreachable, unreadable, fingerprint not as listed). */
  keyProblems: string[]
}

async function get(url: string): Promise<{ ok: true; text: string } | { ok: false; why: string }> {
  try {
    const res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(30_000) })
    if (!res.ok) return { ok: false, why: `${url} answered ${res.status}` }
    return { ok: true, text: await res.text() }
  } catch (error) {
    return { ok: false, why: `${url} could not be fetched (${(error as Error).message})` }
  }
}

async function getJson(url: string, what: string): Promise<Json> {
  const res = await get(url)
  if (!res.ok) throw new ProviderError(`the ${what} ${res.why}`)
  try {
    return obj(JSON.parse(res.text))
  } catch {
    throw new ProviderError(`the ${what} at ${url} is not JSON`)
  }
}

async function readKeys(metadata: Json, base: string): Promise<{ keys: openpgp.PublicKey[]; problems: string[] }> {
  const keys: openpgp.PublicKey[] = []
  const problems: string[] = []
  for (const entry of list(metadata.public_openpgp_keys).map(obj)) {
    const url = text(entry.url)
    const fingerprint = (text(entry.fingerprint) ?? '').replace(/\s/g, '').toLowerCase()
    if (!url) continue
    const res = await get(new URL(url, base).href)
    if (!res.ok) {
      problems.push(`key ${res.why}`)
      continue
    }
    try {
      const key = await openpgp.readKey({ armoredKey: res.text })
      if (fingerprint && key.getFingerprint().toLowerCase() !== fingerprint)
        problems.push(
          `the key at ${url} has fingerprint ${key.getFingerprint()}, not ${fingerprint} as listed: not used`,
        )
      else keys.push(key)
    } catch (error) {
      problems.push(`the key at ${url} is not an OpenPGP public key (${(error as Error).message})`)
    }
  }
  return { keys, problems }
}

/** The metadata, its keys and every advisory it lists (once each, ROLIE first). */
export async function listProvider(metadataUrl: string): Promise<ProviderListing> {
  const metadata = await getJson(metadataUrl, 'provider metadata')
  if (!Array.isArray(metadata.distributions) && !metadata.canonical_url)
    throw new ProviderError(`${metadataUrl} is not CSAF provider metadata (no canonical_url, no distributions)`)
  const documents = new Map<string, Listed>()
  for (const distribution of list(metadata.distributions).map(obj)) {
    for (const feed of list(obj(distribution.rolie).feeds).map(obj)) {
      const feedUrl = text(feed.url)
      // §7.1.5: AMBER and RED feeds are access-protected (Lockstep's own drafts under embargo among
      // them); a reader without the provider's credentials takes the public ones only.
      if (!feedUrl || feed.tlp_label === 'AMBER' || feed.tlp_label === 'RED') continue
      const absolute = new URL(feedUrl, metadataUrl).href
      const rolie = obj((await getJson(absolute, 'ROLIE feed')).feed)
      for (const entry of list(rolie.entry).map(obj)) {
        const links = list(entry.link).map(obj)
        const href = (rel: string) =>
          links.filter((l) => l.rel === rel && text(l.href)).map((l) => new URL(text(l.href)!, absolute).href)
        const src = text(obj(entry.content).src) ?? href('self')[0]
        if (!src) continue
        const url = new URL(src, absolute).href
        if (!documents.has(url))
          documents.set(url, { url, hashes: href('hash'), signature: href('signature')[0] ?? null })
      }
    }
    const directory = text(distribution.directory_url)
    if (directory) {
      const base = new URL(directory.endsWith('/') ? directory : `${directory}/`, metadataUrl).href
      const index = await get(new URL('index.txt', base).href)
      if (!index.ok) throw new ProviderError(`the directory listing ${index.why}`)
      for (const line of index.text.split(/\r?\n/)) {
        const name = line.trim()
        if (!name || !name.endsWith('.json')) continue
        const url = new URL(name, base).href
        if (!documents.has(url))
          documents.set(url, { url, hashes: [`${url}.sha256`, `${url}.sha512`], signature: `${url}.asc` })
      }
    }
  }
  const { keys, problems } = await readKeys(metadata, metadataUrl)
  return { metadataUrl, documents: [...documents.values()], keys, keyProblems: problems }
}

/** Why the file fails its checks, or null when its hashes and signature hold. */
async function checkFile(listed: Listed, content: string, keys: openpgp.PublicKey[]): Promise<string | null> {
  const bytes = Buffer.from(content, 'utf8')
  for (const hashUrl of listed.hashes) {
    const algorithm = hashUrl.endsWith('.sha512') ? 'sha512' : 'sha256'
    const res = await get(hashUrl)
    // A directory provider may publish one of the two; a missing one is not a mismatch.
    if (!res.ok) continue
    const expected = res.text.trim().split(/\s+/)[0]?.toLowerCase()
    const actual = createHash(algorithm).update(bytes).digest('hex')
    if (expected !== actual) return `its ${algorithm.toUpperCase()} hash does not match ${hashUrl}: refused`
  }
  if (keys.length === 0) return null
  if (!listed.signature) return 'it has no OpenPGP signature, though the provider publishes keys: refused'
  const signed = await get(listed.signature)
  if (!signed.ok) return `its OpenPGP signature ${signed.why}: refused`
  try {
    const { signatures } = await openpgp.verify({
      message: await openpgp.createMessage({ binary: bytes }),
      signature: await openpgp.readSignature({ armoredSignature: signed.text }),
      verificationKeys: keys,
    })
    await signatures[0]!.verified
    return null
  } catch (error) {
    return `its OpenPGP signature does not check out against the provider's keys (${(error as Error).message}): refused`
  }
}

/** The listed advisories, fetched and checked one at a time. */
export async function* providerFiles(listing: ProviderListing): AsyncGenerator<CsafFile> {
  for (const listed of listing.documents) {
    const res = await get(listed.url)
    if (!res.ok) {
      yield { file: listed.url, text: '', refused: res.why }
      continue
    }
    const refused = await checkFile(listed, res.text, listing.keys)
    yield refused ? { file: listed.url, text: res.text, refused } : { file: listed.url, text: res.text }
  }
}
