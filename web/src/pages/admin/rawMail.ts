// Reading a message as it went on the wire (RFC 5322, with MIME) well enough to show it to an
// administrator: the headers unfolded and decoded, and the first text/plain part of the body
// decoded from quoted-printable or base64. Anything it does not understand is shown raw instead.

export interface MailHeader {
  name: string
  value: string
}

export interface ReadableMail {
  headers: MailHeader[]
  /** The text a person would read, or null when there is no text part to show. */
  text: string | null
  /** An OpenPGP message in the body, armored, exactly as sent. */
  armored: string | null
}

/** Splits at the first blank line: the headers above, the body below. */
function splitEntity(entity: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(entity)
  if (!match) return { head: entity, body: '' }
  return { head: entity.slice(0, match.index), body: entity.slice(match.index + match[0].length) }
}

/** Header lines, with continuation lines (starting with a space or tab) joined to theirs. */
function readHeaders(head: string): MailHeader[] {
  const headers: MailHeader[] = []
  for (const line of head.split(/\r?\n/)) {
    const last = headers.at(-1)
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`
    else {
      const colon = line.indexOf(':')
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() })
    }
  }
  return headers
}

const utf8 = (bytes: Uint8Array, charset = 'utf-8') => {
  try {
    return new TextDecoder(charset).decode(bytes)
  } catch {
    return new TextDecoder('utf-8').decode(bytes)
  }
}

const encoder = new TextEncoder()

function quotedPrintableBytes(text: string, underscoreIsSpace = false): Uint8Array {
  const soft = text.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16))
      i += 2
    } else if (underscoreIsSpace && c === '_') bytes.push(0x20)
    else bytes.push(...encoder.encode(c))
  }
  return new Uint8Array(bytes)
}

function base64Bytes(text: string): Uint8Array {
  try {
    return Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0))
  } catch {
    return encoder.encode(text)
  }
}

/** "=?utf-8?Q?Gr=C3=BC=C3=9Fe?=" → "Grüße" (RFC 2047 encoded words in header values). */
export function decodeHeaderValue(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g,
    (_all, charset: string, encoding: string, text: string) =>
      utf8(encoding.toUpperCase() === 'B' ? base64Bytes(text) : quotedPrintableBytes(text, true), charset),
  )
}

const headerOf = (headers: MailHeader[], name: string) =>
  headers.find((h) => h.name.toLowerCase() === name)?.value ?? ''
const parameterOf = (value: string, name: string) => new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value)?.[1] ?? null

/** The first text/plain part of an entity, decoded; null when there is none. */
function plainText(entity: string): string | null {
  const { head, body } = splitEntity(entity)
  const headers = readHeaders(head)
  const type = headerOf(headers, 'content-type') || 'text/plain'
  if (/^multipart\//i.test(type)) {
    const boundary = parameterOf(type, 'boundary')
    if (!boundary) return null
    const parts = body.split(`--${boundary}`).slice(1)
    for (const part of parts) {
      if (part.startsWith('--')) break
      const text = plainText(part.replace(/^\r?\n/, ''))
      if (text !== null) return text
    }
    return null
  }
  if (!/^text\/plain/i.test(type)) return null
  const encoding = headerOf(headers, 'content-transfer-encoding').toLowerCase()
  const charset = parameterOf(type, 'charset') ?? 'utf-8'
  if (encoding === 'quoted-printable') return utf8(quotedPrintableBytes(body), charset)
  if (encoding === 'base64') return utf8(base64Bytes(body), charset)
  return body
}

export function readMail(raw: string): ReadableMail {
  const { head } = splitEntity(raw)
  const armored = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/.exec(raw)?.[0] ?? null
  return {
    headers: readHeaders(head).map((h) => ({ name: h.name, value: decodeHeaderValue(h.value) })),
    text: plainText(raw)?.replace(/\s+$/, '') ?? null,
    armored,
  }
}
