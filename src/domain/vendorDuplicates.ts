// Likely duplicates in the vendor directory: the same company under two spellings of its name,
// one website, or one security contact's domain (shared free-mail domains aside). Apart from the
// CSV and JSON reading and writing in vendorCsv.ts, which only lends it the reading of a website.
import { websiteOf } from './vendorCsv.js'

// Legal-form words that say nothing about who the vendor is.
const COMPANY_SUFFIXES = new Set(
  'inc incorporated corp corporation co company cos ltd limited llc llp lp plc gmbh mbh ag kg kgaa se sa sas sarl srl spa bv nv oy oyj ab aps as asa pty pte kk gk sro zrt ulc and'.split(
    ' ',
  ),
)

/** 'Sendmail, Inc.' and 'SENDMAIL' both read 'sendmail'; 'Red Hat' and 'RedHat' both 'redhat'. */
function nameKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  if (words[0] === 'the' && words.length > 1) words.shift()
  while (words.length > 1 && COMPANY_SUFFIXES.has(words[words.length - 1]!)) words.pop()
  return words.join('')
}

function hostKey(website: string | null | undefined): string | null {
  if (!website?.trim()) return null
  const url = websiteOf(website.trim())
  return url ? new URL(url).hostname.replace(/^www\./, '').replace(/\.$/, '') : null
}

/** Free mail providers and disclosure platforms: many unrelated vendors share these. */
export const sharedMailDomains: ReadonlySet<string> = new Set(
  (
    'gmail.com googlemail.com outlook.com hotmail.com hotmail.co.uk live.com msn.com yahoo.com yahoo.co.uk yahoo.co.jp ymail.com ' +
    'rocketmail.com aol.com icloud.com me.com mac.com proton.me protonmail.com protonmail.ch pm.me tutanota.com tuta.io gmx.de gmx.net ' +
    'gmx.com web.de t-online.de freenet.de posteo.de mailbox.org mail.com zoho.com fastmail.com fastmail.fm hey.com hushmail.com ' +
    'yandex.ru yandex.com mail.ru qq.com 163.com 126.com naver.com seznam.cz orange.fr free.fr laposte.net libero.it comcast.net ' +
    'att.net verizon.net btinternet.com duck.com users.noreply.github.com ' +
    'hackerone.com wearehackerone.com bugcrowd.com bugcrowdninja.com intigriti.com intigriti.me yeswehack.com huntr.dev'
  ).split(' '),
)

export interface DuplicateSuggestion {
  a: string
  b: string
  /** In plain words; several reasons are joined with "; ". */
  why: string
}

/**
 * Pairs of vendors that are probably one: the same name once case, punctuation and legal-form
 * suffixes (Inc., Ltd., Corporation, GmbH, …) are set aside; the same website host (www. aside);
 * or contact addresses at the same domain, unless it is a shared mail provider. Websites compare
 * by exact host: telling that security.example.com belongs to example.com needs the public suffix
 * list, which this does not carry. Suggestions only: a person merges.
 */
export function vendorDuplicates(
  records: readonly { id: string; name: string; website?: string | null; contacts: readonly string[] }[],
  options: { sharedMailDomains?: Iterable<string> } = {},
): DuplicateSuggestion[] {
  const shared = new Set([...sharedMailDomains, ...[...(options.sharedMailDomains ?? [])].map((d) => d.toLowerCase())])
  const groups = new Map<string, { why: string; members: number[] }>()
  const join = (key: string, why: string, i: number) => {
    const group = groups.get(key) ?? { why, members: [] }
    if (!group.members.includes(i)) group.members.push(i)
    groups.set(key, group)
  }
  records.forEach((r, i) => {
    const name = nameKey(r.name)
    if (name) join(`name ${name}`, `same name once case, punctuation and company suffixes are set aside (${name})`, i)
    const host = hostKey(r.website)
    if (host) join(`host ${host}`, `same website (${host})`, i)
    for (const contact of r.contacts) {
      const domain = contact
        .slice(contact.lastIndexOf('@') + 1)
        .trim()
        .toLowerCase()
        .replace(/\.$/, '')
      if (contact.includes('@') && domain && !shared.has(domain))
        join(`domain ${domain}`, `contact addresses at the same domain (${domain})`, i)
    }
  })

  const pairs = new Map<string, { i: number; j: number; why: string[] }>()
  for (const { why, members } of groups.values())
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const [i, j] = [members[x]!, members[y]!].sort((p, q) => p - q) as [number, number]
        const key = `${i} ${j}`
        const pair = pairs.get(key) ?? { i, j, why: [] }
        pair.why.push(why)
        pairs.set(key, pair)
      }
  return [...pairs.values()]
    .sort((p, q) => p.i - q.i || p.j - q.j)
    .map((p) => ({ a: records[p.i]!.id, b: records[p.j]!.id, why: p.why.join('; ') }))
}
