// PGP/MIME (RFC 3156) on the way out and on the way in: the inner entity that gets encrypted, the
// multipart/encrypted message that carries it, and finding the encrypted part in mail people send.
// Everything is built as text with CRLF line endings, ready to hand to SMTP as it is.
import { randomBytes } from 'node:crypto'
import { domainToASCII } from 'node:url'
import addressparser from 'nodemailer/lib/addressparser'

const CRLF = '\r\n'

/**
 * The whole RFC 5322 message around an armored OpenPGP message. Header values are plain text
 * (not already encoded); they are encoded and folded here, in the order given. The MIME headers
 * are this function's to write.
 */
export function buildEncryptedMime(outerHeaders: Record<string, string>, armoredEncrypted: string): string {
  const armored = armoredEncrypted.trim().replace(/\r\n|\r|\n/g, CRLF)
  if (!armored.startsWith('-----BEGIN PGP MESSAGE-----') || !armored.endsWith('-----END PGP MESSAGE-----'))
    throw new Error('buildEncryptedMime takes one ASCII-armored OpenPGP message')
  const boundary = newBoundary()
  return [
    ...Object.entries(outerHeaders).map(([name, value]) => formatHeader(name, value)),
    'MIME-Version: 1.0',
    `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted";${CRLF} boundary="${boundary}"`,
    '',
    'This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)',
    `--${boundary}`,
    'Content-Type: application/pgp-encrypted',
    'Content-Description: PGP/MIME version identification',
    '',
    'Version: 1',
    '',
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    'Content-Description: OpenPGP encrypted message',
    'Content-Disposition: inline; filename="encrypted.asc"',
    '',
    armored,
    '',
    `--${boundary}--`,
    '',
  ].join(CRLF)
}

/** The MIME entity to encrypt: text alone, or text and HTML as alternatives. UTF-8, quoted-printable. */
export function buildInnerEntity(text: string, html: string | null): string {
  const textPart = leafPart('text/plain', text)
  if (html === null) return textPart
  const boundary = newBoundary()
  return [
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    textPart,
    `--${boundary}`,
    leafPart('text/html', html),
    `--${boundary}--`,
    '',
  ].join(CRLF)
}

const leafPart = (type: string, content: string): string =>
  [
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(content),
  ].join(CRLF)

// "=_" can occur in neither quoted-printable nor base64, so no encoded body can contain the boundary.
const newBoundary = (): string => `=_lockstep_${randomBytes(16).toString('hex')}`

// --- Headers -------------------------------------------------------------------------------------

const reservedHeaders = new Set(['mime-version', 'content-type', 'content-transfer-encoding'])
const addressHeaders = new Set([
  'from',
  'sender',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'resent-from',
  'resent-sender',
  'resent-to',
  'resent-cc',
  'resent-bcc',
])
// Structured headers with no phrase in them: an encoded-word there would be taken literally.
const asciiOnlyHeaders = new Set([
  'date',
  'message-id',
  'in-reply-to',
  'references',
  'resent-date',
  'resent-message-id',
  'return-path',
  'auto-submitted',
])

function formatHeader(name: string, rawValue: string): string {
  if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) throw new Error(`Not a header name: ${JSON.stringify(name)}`)
  const lower = name.toLowerCase()
  if (reservedHeaders.has(lower)) throw new Error(`${name} is written by buildEncryptedMime; do not pass it`)
  // Values may come from people (a case title in a Subject): line breaks in them would start new
  // headers, or end the header section early.
  const value = rawValue
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/[\r\n]+/g, ' ')
    // Matching control characters is the point.
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
    .trim()
  if (addressHeaders.has(lower)) return fold(name, encodeAddressList(name, value))
  if (asciiOnlyHeaders.has(lower) || lower.startsWith('list-')) {
    if (!isAscii(value)) throw new Error(`${name} must be ASCII: ${JSON.stringify(value)}`)
    return fold(name, value)
  }
  return fold(name, encodeUnstructured(value))
}

const isAscii = (text: string): boolean => !/[\u0080-\uffff]/.test(text)
// A word that merely looks like an encoded-word would be decoded by the reader, so it is encoded too.
const needsEncoding = (word: string): boolean => !isAscii(word) || word.includes('=?')

/** Encodes the stretch from the first to the last word that needs it; ASCII around it stays readable. */
function encodeUnstructured(value: string): string {
  const words = value.split(' ')
  const first = words.findIndex(needsEncoding)
  if (first < 0) return value
  const last = words.findLastIndex(needsEncoding)
  return [
    ...words.slice(0, first),
    ...encodedWords(words.slice(first, last + 1).join(' ')),
    ...words.slice(last + 1),
  ].join(' ')
}

function encodeAddressList(header: string, value: string): string {
  const mailbox = ({ name, address }: { name: string; address: string }): string => {
    if (!address) throw new Error(`${header} has an entry with no address: ${JSON.stringify(value)}`)
    const ascii = asciiAddress(address)
    return name ? `${phrase(name)} <${ascii}>` : ascii
  }
  const entries = addressparser(value)
  if (entries.length === 0) throw new Error(`${header} has no address`)
  return entries
    .map((entry) =>
      entry.group
        ? `${phrase(entry.name)}:${entry.group.length ? ` ${entry.group.map((member) => mailbox({ name: member.name, address: member.address ?? '' })).join(', ')}` : ''};`
        : mailbox(entry),
    )
    .join(', ')
}

function asciiAddress(address: string): string {
  const at = address.lastIndexOf('@')
  if (at <= 0) throw new Error(`Not an email address: ${JSON.stringify(address)}`)
  const local = address.slice(0, at)
  // A non-ASCII local part needs SMTPUTF8 end to end; there is no encoding that stands in for it.
  if (!isAscii(local)) throw new Error(`${address} needs SMTPUTF8, which Lockstep does not send`)
  const domain = domainToASCII(address.slice(at + 1))
  if (!domain) throw new Error(`Not an email address: ${JSON.stringify(address)}`)
  return `${local}@${domain}`
}

function phrase(name: string): string {
  if (needsEncoding(name)) return encodedWords(name).join(' ')
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?: [A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/.test(name)) return name
  return `"${name.replace(/[\\"]/g, '\\$&')}"`
}

// Short enough that a header name, a space and one encoded-word stay within 78 characters.
const maxEncodedText = 45
// The characters RFC 2047 allows unencoded in a 'Q' word anywhere, phrases included.
const qSafe = /[A-Za-z0-9!*+\-/]/

/**
 * RFC 2047 encoded-words for `text`, each holding whole characters. 'Q' when the text is mostly
 * ASCII (still readable in the raw message), 'B' when it is not (shorter).
 */
function encodedWords(text: string): string[] {
  const characters = [...text].map((character) => encoder.encode(character))
  const qLength = (parts: Uint8Array[]): number => parts.reduce((sum, part) => sum + qEncode(part).length, 0)
  const bLength = (parts: Uint8Array[]): number => Math.ceil(parts.reduce((sum, part) => sum + part.length, 0) / 3) * 4
  const useQ = qLength(characters) <= bLength(characters) * 1.2
  const length = useQ ? qLength : bLength
  const words: string[] = []
  let pending: Uint8Array[] = []
  const flush = (): void => {
    const encoded = useQ ? pending.map(qEncode).join('') : Buffer.concat(pending).toString('base64')
    words.push(`=?UTF-8?${useQ ? 'Q' : 'B'}?${encoded}?=`)
    pending = []
  }
  for (const character of characters) {
    if (pending.length > 0 && length([...pending, character]) > maxEncodedText) flush()
    pending.push(character)
  }
  if (pending.length > 0) flush()
  return words
}

const qEncode = (bytes: Uint8Array): string =>
  [...bytes]
    .map((byte) =>
      byte === 0x20 ? '_' : qSafe.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `=${hex(byte)}`,
    )
    .join('')

/** Folds at spaces so lines stay within 78 characters where the value allows it. */
function fold(name: string, value: string): string {
  const lines: string[] = []
  let line = `${name}:`
  let hasWord = false
  for (const word of value.split(' ')) {
    if (hasWord && word !== '' && line.length + 1 + word.length > 78) {
      lines.push(line)
      line = ''
    }
    line += ` ${word}`
    hasWord ||= word !== ''
  }
  lines.push(line)
  return lines.join(CRLF)
}

// --- Bodies --------------------------------------------------------------------------------------

/**
 * Quoted-printable (RFC 2045) of the UTF-8 text, with CRLF as hard line breaks and lines of at most
 * 76 characters. A leading "From " or a lone "." is encoded too, so the entity comes through mbox
 * files and careless relays unchanged.
 */
function quotedPrintable(text: string): string {
  return text
    .replace(/\r\n|\r/g, '\n')
    .split('\n')
    .map((line) => {
      const bytes = encoder.encode(line)
      const out: string[] = []
      let current = ''
      bytes.forEach((byte, i) => {
        const last = i === bytes.length - 1
        const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last)
        const guarded = i === 0 && ((byte === 0x46 && line.startsWith('From ')) || (byte === 0x2e && line === '.'))
        const piece = plain && !guarded ? String.fromCharCode(byte) : `=${hex(byte)}`
        if (current.length + piece.length > 75) {
          out.push(`${current}=`)
          current = ''
        }
        current += piece
      })
      out.push(current)
      return out.join(CRLF)
    })
    .join(CRLF)
}

const hex = (byte: number): string => byte.toString(16).toUpperCase().padStart(2, '0')

const encoder = new TextEncoder()

// --- Incoming ------------------------------------------------------------------------------------

export type EncryptedPart =
  { kind: 'pgp-mime'; armored: string } | { kind: 'inline'; armored: string } | { kind: 'none' }

type Entity = {
  type: string
  params: Map<string, string>
  headers: Map<string, string>
  body: string
  children: Entity[]
}

// Mail from strangers: bounds on nesting and part count keep a crafted message from costing more
// than a look.
const maxDepth = 12
const maxEntities = 500

/**
 * Where the OpenPGP message is in a received mail: the encrypted part of an RFC 3156
 * multipart/encrypted (also when a list wrapped it in multipart/mixed), else the first
 * `-----BEGIN PGP MESSAGE-----` block at the start of a line in a text/plain body. Never throws:
 * anything unreadable is `none`. The armored text comes back with LF line endings.
 */
export async function findEncryptedPart(raw: Buffer | string): Promise<EncryptedPart> {
  try {
    // latin1 maps each byte to one character, so byte offsets and 8-bit bodies survive untouched.
    const root = parseEntity(typeof raw === 'string' ? raw : raw.toString('latin1'), 0, { count: 0 })
    const entities = flatten(root)
    for (const entity of entities) {
      if (
        entity.type !== 'multipart/encrypted' ||
        entity.params.get('protocol')?.toLowerCase() !== 'application/pgp-encrypted'
      )
        continue
      const payload = entity.children.find((child) => child.type === 'application/octet-stream')
      const armored = payload && armoredMessageIn(decodeBody(payload))
      if (armored) return { kind: 'pgp-mime', armored }
    }
    for (const entity of entities) {
      if (entity.type !== 'text/plain' || /^\s*attachment/i.test(entity.headers.get('content-disposition') ?? ''))
        continue
      const armored = armoredMessageIn(decodeBody(entity))
      if (armored) return { kind: 'inline', armored }
    }
  } catch {
    // Fall through: a message we cannot take apart has no encrypted part we could use.
  }
  return { kind: 'none' }
}

function parseEntity(raw: string, depth: number, budget: { count: number }): Entity {
  budget.count++
  const blank = /\r?\n\r?\n/.exec(raw)
  const startsBlank = /^\r?\n/.exec(raw)
  const headerText = startsBlank ? '' : blank ? raw.slice(0, blank.index) : raw
  const body = startsBlank ? raw.slice(startsBlank[0].length) : blank ? raw.slice(blank.index + blank[0].length) : ''

  const headers = new Map<string, string>()
  for (const line of headerText.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim())
  }
  const { type, params } = parseContentType(headers.get('content-type'))
  const entity: Entity = { type, params, headers, body, children: [] }
  const boundary = params.get('boundary')
  if (type.startsWith('multipart/') && boundary && depth < maxDepth) {
    for (const part of splitMultipart(body, boundary)) {
      if (budget.count >= maxEntities) break
      entity.children.push(parseEntity(part, depth + 1, budget))
    }
  }
  return entity
}

/** RFC 2045's default for a missing or unreadable Content-Type is text/plain. */
function parseContentType(value: string | undefined): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>()
  const semicolon = value?.indexOf(';') ?? -1
  const type = (value === undefined ? '' : semicolon < 0 ? value : value.slice(0, semicolon))
    .replace(/\([^()]*\)/g, '')
    .trim()
    .toLowerCase()
  if (value !== undefined && semicolon >= 0) {
    for (const match of value.slice(semicolon).matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g)) {
      const name = (match[1] ?? '').toLowerCase()
      if (!params.has(name))
        params.set(name, match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? ''))
    }
  }
  return { type: /^[a-z0-9!#$&.+^_-]+\/[a-z0-9!#$&.+^_-]+$/.test(type) ? type : 'text/plain', params }
}

/** The body parts between the delimiter lines; the line break before each delimiter belongs to it. */
function splitMultipart(body: string, boundary: string): string[] {
  const escaped = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escaped}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g')
  const parts: string[] = []
  let start = -1
  for (const match of body.matchAll(delimiter)) {
    if (start >= 0) parts.push(body.slice(start, match.index))
    if (match[1] || parts.length >= maxEntities) return parts
    start = match.index + match[0].length
    start += body.startsWith('\r\n', start) ? 2 : body.startsWith('\n', start) ? 1 : 0
  }
  // No closing delimiter: senders get this wrong often enough to be lenient.
  if (start >= 0) parts.push(body.slice(start))
  return parts
}

function decodeBody(entity: Entity): string {
  const encoding = entity.headers.get('content-transfer-encoding')?.toLowerCase().trim()
  if (encoding === 'base64')
    return Buffer.from(entity.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1')
  if (encoding === 'quoted-printable')
    return entity.body
      .replace(/=[ \t]*(?:\r?\n|$)/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
  return entity.body
}

function armoredMessageIn(text: string): string | null {
  const begin = /(?:^|\n)(-----BEGIN PGP MESSAGE-----)[ \t]*\r?\n/.exec(text)
  if (!begin) return null
  const start = begin.index + begin[0].indexOf('-----')
  // Searched once from the first BEGIN line: if no END follows it, none follows a later one either.
  const end = /\n-----END PGP MESSAGE-----[ \t]*(?=\r?\n|$)/g
  end.lastIndex = start
  const found = end.exec(text)
  if (!found) return null
  // Line by line rather than with /[ \t]+$/gm, which is quadratic on a long run of spaces.
  return text
    .slice(start, found.index + found[0].length)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
}

function flatten(entity: Entity): Entity[] {
  return [entity, ...entity.children.flatMap(flatten)]
}
