// The plain files around the CSAF documents that an aggregator reads (CSAF 2.0 §7.1): security.txt
// (RFC 9116, with the CSAF field of §7.1.8), index.txt (§7.1.12), changes.csv (§7.1.13), the
// directory listings (§7.1.14) and each document's hash files (§7.1.18). Pure text from their
// arguments: the HTTP routes feed them what is published.
import { escapeXml as e } from './atom.js'
import { baseUrlOf, csaf21ProviderMetadataPath, csafProviderMetadataPath, securityTxtPath } from './links.js'

/** A CSAF document of the TLP folder: its path below the folder ("2026/lsa-2026-0001.json") and its current release date. */
export interface FolderDocument {
  name: string
  currentReleaseDate: string
}

export interface SecurityTxtOptions {
  baseUrl: string
  /** An e-mail address or a URL to write to. */
  contact: string
  /** Where the OpenPGP key to encrypt to is published (a path on the instance). */
  keyPath: string
  /** Where to report a vulnerability (a path on the instance). */
  reportPath: string
  expires: Date
}

/** RFC 9116: Contact, Expires, Encryption, Canonical, Preferred-Languages, and CSAF (§7.1.8). */
export function toSecurityTxt(o: SecurityTxtOptions): string {
  const base = baseUrlOf(o.baseUrl)
  const contact = /^[a-z][a-z0-9+.-]*:/i.test(o.contact) ? o.contact : `mailto:${o.contact}`
  return [
    `Contact: ${contact}`,
    `Contact: ${base}${o.reportPath}`,
    `Expires: ${o.expires.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    `Encryption: ${base}${o.keyPath}`,
    `Canonical: ${base}${securityTxtPath}`,
    'Preferred-Languages: en',
    `CSAF: ${base}${csafProviderMetadataPath}`,
    // The CSAF 2.1 documents' own metadata, as the 2.1 draft's transition plan asks (§9.4.2).
    `CSAF: ${base}${csaf21ProviderMetadataPath}`,
    '',
  ].join('\n')
}

/** security.txt is good for this long from the day it is served (RFC 9116 advises less than a year). */
const SECURITY_TXT_DAYS = 90

/** The Expires of a security.txt served at `now`: midnight UTC, 90 days ahead, so it changes once a day. */
export function securityTxtExpiry(now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return new Date(day + SECURITY_TXT_DAYS * 86_400_000)
}

/** §7.1.12: every document of the folder, one path a line. */
export function toIndexTxt(docs: readonly FolderDocument[]): string {
  return docs.map((d) => `${d.name}\n`).join('')
}

/** §7.1.13: path and current release date, quoted, newest first. */
export function toChangesCsv(docs: readonly FolderDocument[]): string {
  return [...docs]
    .sort((a, b) => b.currentReleaseDate.localeCompare(a.currentReleaseDate) || a.name.localeCompare(b.name))
    .map((d) => `"${d.name}","${d.currentReleaseDate}"\n`)
    .join('')
}

/** §7.1.18: the hash, then the file name it is of, as sha256sum and sha512sum write them. */
export function toHashFile(hexDigest: string, fileName: string): string {
  return `${hexDigest}  ${fileName}\n`
}

/** The hash and signature files that go beside each document (§7.1.18, §7.1.19). */
export const companionSuffixes = ['.sha256', '.sha512', '.asc'] as const

/** §7.1.14: a folder's entries as links, folders first (their names end in "/"). */
export function toDirectoryListing(path: string, entries: readonly string[]): string {
  const folder = path.endsWith('/') ? path : `${path}/`
  const sorted = [...entries].sort((a, b) => Number(b.endsWith('/')) - Number(a.endsWith('/')) || a.localeCompare(b))
  const items = sorted.map((name) => `<li><a href="${e(folder + name)}">${e(name)}</a></li>`).join('\n')
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Index of ${e(folder)}</title></head>
<body><h1>Index of ${e(folder)}</h1>
<ul>
${items}
</ul>
</body>
</html>
`
}
