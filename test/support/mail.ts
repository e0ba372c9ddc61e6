// Real mail peers for tests: an SMTP sink on loopback (smtp-server) that keeps what it is sent and
// refuses chosen recipients with 550, a client that sends into Lockstep's listener, GnuPG in a
// throwaway home, and waiting for something to happen.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'
import type { Kysely } from 'kysely'
import { startMailService, type MailService } from '../../src/adapters/mail/mailService.js'
import { createMailTransport } from '../../src/adapters/mail/transport.js'
import type { Config } from '../../src/config.js'
import type { Database } from '../../src/store/schema.js'

export interface SunkMessage {
  from: string
  to: string[]
  raw: string
}

export interface SmtpSink {
  port: number
  url: string
  messages: SunkMessage[]
  /** Recipients refused with 550 (a permanent failure). */
  refuse: Set<string>
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = []
  const refuse = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase()))
        return callback(Object.assign(new Error('5.1.1 user unknown'), { responseCode: 550 }))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.server.address() as { port: number }).port
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Sends a raw message (or parts nodemailer composes) into an SMTP server; resolves with its answer. */
export async function sendMail(
  port: number,
  message: {
    from: string
    to: string
    raw?: string | Buffer
    subject?: string
    text?: string
    headers?: Record<string, string>
    attachments?: { filename: string; content: Buffer | string }[]
  },
) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
  })
  try {
    return await transport.sendMail(
      message.raw ? { envelope: { from: message.from, to: [message.to] }, raw: message.raw } : message,
    )
  } finally {
    transport.close()
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** GnuPG with its own home holding one private key; decrypts what was encrypted to it. */
export function gnupgWith(armoredPrivateKey: string) {
  try {
    execFileSync('gpg', ['--version'], { stdio: 'ignore' })
  } catch {
    throw new Error('gpg (GnuPG) is not installed: apt-get install gnupg')
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-gpg-'))
  fs.chmodSync(home, 0o700)
  const gpg = (args: string[], input?: string) => {
    try {
      return execFileSync('gpg', ['--homedir', home, '--batch', '--no-tty', ...args], {
        input,
        encoding: 'utf8',
        stdio: ['pipe', 'pipe', 'pipe'],
      })
    } catch (error) {
      throw new Error(`gpg ${args.join(' ')} failed: ${String((error as { stderr?: string }).stderr ?? error)}`)
    }
  }
  gpg(['--import'], armoredPrivateKey)
  return {
    decrypt: (armored: string) => gpg(['--decrypt'], armored),
    importPublic: (armored: string) => gpg(['--import'], armored),
    /** The decrypted text and gpg's status lines (GOODSIG, VALIDSIG ...). */
    /** gpg's status lines for decrypting (GOODSIG, VALIDSIG ...). */
    decryptionStatus: (armored: string) => gpg(['--status-fd', '1', '--output', '/dev/null', '--decrypt'], armored),
    close() {
      try {
        execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' })
      } catch {
        // no agent was started
      }
      fs.rmSync(home, { recursive: true, force: true })
    },
  }
}

/** The armored PGP message inside a PGP/MIME mail. */
export function armoredPartOf(raw: string): string {
  const m = /-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/.exec(raw)
  if (!m) throw new Error('no PGP message in the mail')
  return m[0].replace(/\r\n/g, '\n')
}

/**
 * Lockstep's mail service as a test runs it: relaying to the sink (which has no TLS), quiet, and
 * pumping the outbox every `pumpIntervalMs` (the service's own pace when left out).
 */
export function startMailServiceToSink(
  db: Kysely<Database>,
  config: Config,
  sink: SmtpSink,
  pumpIntervalMs: number | undefined = 100,
): Promise<MailService> {
  return startMailService({
    db,
    config,
    transport: createMailTransport(`${sink.url}?ignoreTLS=true`),
    ...(pumpIntervalMs === undefined ? {} : { pumpIntervalMs }),
    log: () => undefined,
  })
}
