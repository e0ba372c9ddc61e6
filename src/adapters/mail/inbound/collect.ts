// Reading one SMTP DATA stream into memory, counting its bytes as they arrive: once the message is
// over the size limit, or its header section over the header limit, what was held is let go and the
// rest is only drained, so a 300 MB message against a 1 MB limit never costs more than 1 MB before
// its 552. The listener answers from the verdict once the client has sent the final dot.
import type { Readable } from 'node:stream'

/** Sendmail refuses a header section over 32 KB; Lockstep allows twice that, more than any real mail needs. */
export const HEADER_LIMIT_BYTES = 64 * 1024

export type Collected =
  { ok: true; raw: Buffer; headerEnd: number } | { ok: false; code: 552; message: string; bytes: number }

export interface CollectOptions {
  sizeLimitBytes: number
  headerLimitBytes?: number
  /** Told how many bytes are held after each chunk (for tests: the listener never holds more than the limit). */
  onHeld?: (bytes: number) => void
}

const BLANK_LINE = Buffer.from('\r\n\r\n')
const BARE_BLANK_LINE = Buffer.from('\n\n')

/** Where the header section ends (the index of the first body byte), or -1 if not yet seen. */
function headerEndOf(buffer: Buffer, from: number): number {
  const crlf = buffer.indexOf(BLANK_LINE, from)
  const lf = buffer.indexOf(BARE_BLANK_LINE, from)
  if (crlf < 0 && lf < 0) return -1
  if (crlf < 0) return lf + 2
  if (lf < 0) return crlf + 4
  return Math.min(crlf + 4, lf + 2)
}

export function collectMessage(stream: Readable, o: CollectOptions): Promise<Collected> {
  const headerLimit = o.headerLimitBytes ?? HEADER_LIMIT_BYTES
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = []
    let held = 0
    let total = 0
    let headerEnd = -1
    let refusal: string | null = null
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (refusal) return // draining: the client is still sending what will be refused
      if (total > o.sizeLimitBytes) refusal = `5.3.4 message larger than ${o.sizeLimitBytes} bytes`
      else if (headerEnd < 0) {
        // Until the header section ends it is held as one buffer, searched only where the new bytes are.
        const start = Math.max(0, held - 3)
        chunks = [Buffer.concat([...chunks, chunk])]
        held += chunk.length
        const end = headerEndOf(chunks[0]!, start)
        if (end >= 0) headerEnd = end
        if ((end < 0 && held > headerLimit) || end > headerLimit)
          refusal = `5.6.0 header section larger than ${headerLimit} bytes`
      } else {
        chunks.push(chunk)
        held += chunk.length
      }
      if (refusal) {
        chunks = []
        held = 0
      }
      o.onHeld?.(held)
    })
    stream.on('end', () => {
      if (refusal) return resolve({ ok: false, code: 552, message: refusal, bytes: total })
      const raw = Buffer.concat(chunks)
      // A message of headers alone (no blank line) is all header section.
      resolve({ ok: true, raw, headerEnd: headerEnd < 0 ? raw.length : headerEnd })
    })
    stream.on('error', reject)
  })
}
