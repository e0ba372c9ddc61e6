// What a received message says, made total: parsed when it parses (else its raw text), decrypted
// when it was encrypted to the instance key (else the encrypted block kept as a file, with why),
// and every text cleaned of what the database cannot store (NUL, lone UTF-16 surrogates), with a
// note saying what was removed. Whatever comes out of here can be stored as a report or a post.
import { simpleParser, type ParsedMail } from 'mailparser'
import type { Db } from '../../../store/db.js'
import { decryptAndVerify, type SignatureCheck } from '../../../mail/pgp.js'
import { findEncryptedPart } from '../../../mail/pgpMime.js'
import type { InstanceKey } from '../../../mail/instanceKey.js'

export interface Attachment {
  filename: string
  contentType: string
  content: Buffer
}

export interface Content {
  text: string
  attachments: Attachment[]
  /** In words, for the coordinator: "not encrypted", "encrypted to the instance key, unsigned". */
  security: string
  /** The signature inside an encrypted message, when there was one to check. */
  signature: SignatureCheck | null
  /** What could not be read or was removed, said on the report or the post. */
  notes: string[]
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Counts what `storable` took out of the texts it cleaned, to say so once. */
export class Cleaning {
  private readonly removed = new Map<string, number>()

  /** The text without NUL (PostgreSQL's text and jsonb refuse it) and with lone surrogates replaced. */
  storable(text: string, where: string): string {
    let n = 0
    const cleaned = text.replaceAll('\u0000', () => (n++, '')).replace(LONE_SURROGATE, () => (n++, '\uFFFD'))
    if (n) this.removed.set(where, (this.removed.get(where) ?? 0) + n)
    return cleaned
  }

  note(): string | null {
    if (this.removed.size === 0) return null
    const parts = [...this.removed].map(([where, n]) => `${n} from the ${where}`)
    return `Lockstep removed characters the database cannot store (NUL bytes, broken UTF-16): ${parts.join(', ')}.`
  }
}

/** The parsed message; if it does not parse, its raw text under its envelope sender, with a note. */
export async function parseMail(raw: Buffer): Promise<{ parsed: ParsedMail; notes: string[] }> {
  try {
    return {
      parsed: await simpleParser(raw, { skipHtmlToText: false, maxHtmlLengthToParse: 5 * 1024 * 1024 }),
      notes: [],
    }
  } catch (error) {
    const split = raw.indexOf('\r\n\r\n')
    const headers = split >= 0 ? raw.subarray(0, split + 4) : raw
    const parsed = await simpleParser(headers).catch(() => null)
    const body = split >= 0 ? raw.subarray(split + 4) : Buffer.alloc(0)
    return {
      parsed: {
        ...(parsed ?? { attachments: [], headers: new Map(), headerLines: [], html: false }),
        text: body.toString('utf8'),
      } as ParsedMail,
      notes: [`The message's structure could not be read (${(error as Error).message}); its raw text is shown.`],
    }
  }
}

function describeSignature(s: SignatureCheck): string {
  switch (s.state) {
    case 'valid':
      return `signed by the sender's known key ${s.fingerprint}`
    case 'unsigned':
      return 'unsigned'
    case 'unknown-key':
      return `signed by a key Lockstep does not know (${s.keyId})`
    case 'invalid':
      return `signature NOT valid: ${s.reason}`
  }
}

/**
 * The readable content: decrypted and its signature checked against `senderKeys` when it was
 * encrypted to us. Never throws for what the message holds: an encrypted part that cannot be
 * decrypted is kept as a file and said in a note.
 */
export async function contentOf(
  o: { instanceKey: InstanceKey; senderKeys: string[] },
  raw: Buffer,
  parsed: ParsedMail,
): Promise<Content> {
  const encrypted = await findEncryptedPart(raw)
  const plainAttachments = parsed.attachments
    .filter(
      (a) =>
        !(
          a.contentType === 'application/pgp-encrypted' ||
          (encrypted.kind === 'pgp-mime' &&
            a.contentType === 'application/octet-stream' &&
            /-----BEGIN PGP MESSAGE-----/.test(a.content.toString('latin1', 0, 200)))
        ),
    )
    .map((a) => ({ filename: a.filename ?? 'attachment', contentType: a.contentType, content: a.content }))
  if (encrypted.kind === 'none')
    return {
      text: parsed.text ?? '',
      attachments: plainAttachments,
      security: 'not encrypted',
      signature: null,
      notes: [],
    }

  let decrypted
  try {
    decrypted = await decryptAndVerify(encrypted.armored, o.instanceKey.armoredPrivateKey, o.senderKeys)
  } catch (error) {
    const reason = (error as Error).message
    return {
      text: encrypted.kind === 'inline' ? (parsed.text ?? '') : '',
      attachments: [
        ...plainAttachments,
        {
          filename: 'encrypted-message.asc',
          contentType: 'application/pgp-encrypted',
          content: Buffer.from(encrypted.armored),
        },
      ],
      security: `encrypted, and could not be decrypted (${reason})`,
      signature: null,
      notes: [`${reason}. The encrypted message is kept as the file encrypted-message.asc.`],
    }
  }
  const security = `encrypted to the instance key, ${describeSignature(decrypted.signature)}`
  if (encrypted.kind === 'inline')
    return {
      text: Buffer.from(decrypted.content).toString('utf8'),
      attachments: plainAttachments,
      security,
      signature: decrypted.signature,
      notes: [],
    }
  const { parsed: inner, notes } = await parseMail(Buffer.from(decrypted.content))
  return {
    text: inner.text ?? '',
    attachments: inner.attachments.map((a) => ({
      filename: a.filename ?? 'attachment',
      contentType: a.contentType,
      content: a.content,
    })),
    security,
    signature: decrypted.signature,
    notes,
  }
}

/** Keys of `pgp_keys` that name the address: whom a signature may be checked against. */
export async function keysNaming(db: Db, address: string): Promise<string[]> {
  return (
    await db
      .selectFrom('pgp_keys')
      .select('armored')
      .where((eb) => eb(eb.val(address), '=', eb.fn.any('emails')))
      .execute()
  ).map((k) => k.armored)
}
