// Where outbound mail goes: a configured SMTP relay (nodemailer), or, with none configured, the
// built-in catcher: the message is kept in the outbox as it would have been sent, for the admins
// to read in the UI (the demo shows every message this way).
import nodemailer from 'nodemailer'

export interface Envelope {
  from: string
  to: string
}

export interface MailTransport {
  kind: 'relay' | 'catcher'
  send(envelope: Envelope, raw: Buffer): Promise<void>
  close(): void
}

/** An SMTP answer that will not change on retry (5xx): the address is failing. */
export class PermanentMailError extends Error {}

export function createMailTransport(relayUrl: string | undefined): MailTransport {
  if (!relayUrl) return { kind: 'catcher', send: async () => undefined, close: () => undefined }
  // Pooled connections: a notification to a thousand vendors must not open a thousand sessions.
  const url = new URL(relayUrl)
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true')
  const transporter = nodemailer.createTransport(url.toString())
  return {
    kind: 'relay',
    async send(envelope, raw) {
      try {
        await transporter.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw })
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode
        if (code !== undefined && code >= 500 && code < 600) throw new PermanentMailError((error as Error).message)
        throw error
      }
    },
    close: () => transporter.close(),
  }
}

/** "Lockstep <lockstep@example.org>" → "lockstep@example.org" for the envelope. */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim()
}
