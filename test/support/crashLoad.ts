// Load for the crash tests: finders sending reports over HTTP (the public form, proof of work
// included) and by mail to the intake address, until the server dies; and a relay on loopback
// that can stop answering in the middle of a delivery, counting every message it accepted.
import { SMTPServer } from 'smtp-server'
import { solveChallenge } from '../../src/security/proofOfWork.js'
import { sendMail } from './mail.js'

export interface Submission {
  marker: string
  body: unknown
  /** The tracking ID of the 201, or null when no answer came (the server died first). */
  trackingId: string | null
}

export function reportBody(marker: string) {
  return {
    anonymous: true,
    title: `Crash report ${marker}`,
    affected: [{ vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null }],
    description: `A buffer overflow in crackaddr() lets a remote attacker run code as root (${marker}).`,
    publicAlready: false,
    exploitedAlready: false,
    credit: { preference: 'none', text: null },
  }
}

/** Posts one prepared submission; resolves with the tracking ID of a 201, throws on a dead server. */
export async function postReport(url: string, s: Submission, from: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify(s.body),
  })
  if (res.status === 201) s.trackingId = ((await res.json()) as { trackingId: string }).trackingId
  return res.status
}

/** HTTP finders in `workers` loops until the server stops answering: every submission is kept in `submissions`. */
export async function reportUntilDead(
  url: string,
  workers: number,
  prefix: string,
  submissions: Submission[] = [],
): Promise<Submission[]> {
  let n = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = n++
        let s: Submission | undefined
        try {
          const { challenge, bits } = (await (await fetch(`${url}/api/v1/reports/challenge`)).json()) as {
            challenge: string
            bits: number
          }
          const marker = `${prefix}-http-${i}`
          s = {
            marker,
            body: { ...reportBody(marker), proof: { challenge, nonce: solveChallenge(challenge, bits) } },
            trackingId: null,
          }
          submissions.push(s)
          await postReport(url, s, `10.0.${Math.floor(i / 250) % 250}.${i % 250}`)
        } catch {
          return // the server is gone
        }
      }
    }),
  )
  return submissions
}

/** Mail finders in `workers` loops until the server stops answering; the markers answered 250 go to `acknowledged`. */
export async function mailUntilDead(
  port: number,
  workers: number,
  prefix: string,
  acknowledged: string[] = [],
): Promise<string[]> {
  let n = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = n++
        const marker = `${prefix}-mail-${i}`
        try {
          const info = await sendMail(port, {
            from: `finder${i}@example.org`,
            to: 'report@localhost',
            subject: `Overflow report ${marker}`,
            text: `A buffer overflow in crackaddr(); marker ${marker}.`,
          })
          if (/^250/.test(info.response)) acknowledged.push(marker)
        } catch {
          return // the server is gone
        }
      }
    }),
  )
  return acknowledged
}

export interface GatedRelay {
  url: string
  /** Message-IDs in the order the relay accepted them (250), a repeat each time one came again. */
  accepted: string[]
  /** Messages whose data arrived while the gate was shut: never answered. */
  held: number
  /** Accept this many more, then hold every message after them (no answer at all). */
  shutAfter(count: number): void
  open(): void
  close(): Promise<void>
}

/** An SMTP relay on loopback that accepts until told to stop answering. */
export async function startGatedRelay(): Promise<GatedRelay> {
  let budget = Infinity
  const relay: Omit<GatedRelay, 'url' | 'close'> & { server?: SMTPServer } = {
    accepted: [],
    held: 0,
    shutAfter(count) {
      budget = count
    },
    open() {
      budget = Infinity
    },
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (budget <= 0) {
          relay.held++
          return // no answer: the sender waits, as for a relay that is slow to say 250
        }
        budget--
        const raw = Buffer.concat(chunks).toString('utf8')
        relay.accepted.push(/^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '(none)')
        callback()
      })
    },
  })
  // A held session is cut when the server dies; smtp-server reports that as an error to ignore.
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as { port: number }).port
  return Object.assign(relay, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
}
