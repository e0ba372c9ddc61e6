// The inbound SMTP listener (smtp-server). It takes mail for the intake address and for reply
// addresses only (550 for anything else), refuses what it can see it could not act on before
// answering (552 beyond the size limit, announced with SIZE and counted as the bytes arrive; 552 for
// a header section over its limit; 550 for a message without a sender in From), and answers 250
// only after the raw message and the job that will process it are committed: a mail that got 250
// is never lost, and processing makes something of it (see process.ts).
import { simpleParser } from 'mailparser'
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import type PgBoss from 'pg-boss'
import type { MailConfig } from '../../../config.js'
import type { Db } from '../../../store/db.js'
import { inTransaction } from '../../../store/db.js'
import { queues, sqlExecutor } from '../../../jobs/jobQueue.js'
import { findReplyAddress } from '../../../mail/replyAddresses.js'
import { collectMessage } from './collect.js'

export interface SmtpListener {
  port: number
  /** The most bytes of one message ever held in memory at once (never more than the size limit). */
  readonly peakHeldBytes: number
  stop(): Promise<void>
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code })

/** "reply+TOKEN@domain" → TOKEN, for our own domain only. */
export function replyTokenOf(address: string, domain: string): string | null {
  const m = /^reply\+([^@]+)@(.+)$/i.exec(address.trim())
  return m && m[2]!.toLowerCase() === domain.toLowerCase() ? m[1]! : null
}

export async function classifyRecipient(db: Db, mail: MailConfig, address: string): Promise<'intake' | 'reply' | null> {
  const lower = address.trim().toLowerCase()
  if (lower === mail.intakeAddress) return 'intake'
  const token = replyTokenOf(address, mail.domain)
  if (token && (await findReplyAddress(db, token))) return 'reply'
  return null
}

/** The From header's first address, as processing will read it (mailparser), or null. */
export async function headerSender(headerSection: Buffer): Promise<string | null> {
  const parsed = await simpleParser(headerSection, { skipTextToHtml: true, skipImageLinks: true }).catch(() => null)
  return parsed?.from?.value.find((a) => a.address)?.address ?? null
}

export async function startSmtpListener(o: {
  db: Db
  mail: MailConfig
  boss: PgBoss
  log?: (m: string) => void
}): Promise<SmtpListener> {
  const log = o.log ?? (() => undefined)
  let peakHeldBytes = 0
  const server = new SMTPServer({
    name: o.mail.domain,
    banner: 'Lockstep intake',
    size: o.mail.sizeLimitBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // A slow client may not hold a connection for ever.
    socketTimeout: 60_000,
    async onRcptTo(address, _session, callback) {
      try {
        const kind = await classifyRecipient(o.db, o.mail, address.address)
        if (!kind)
          return callback(
            smtpError(
              550,
              replyTokenOf(address.address, o.mail.domain)
                ? `5.1.1 <${address.address}>: this reply address is unknown, withdrawn or expired; answer from the case's page in Lockstep`
                : `5.1.1 <${address.address}>: no such recipient here`,
            ),
          )
        callback()
      } catch (error) {
        log(`smtp: recipient check failed: ${(error as Error).message}`)
        callback(smtpError(451, '4.3.0 temporary failure, try again later'))
      }
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      collectMessage(stream, {
        sizeLimitBytes: o.mail.sizeLimitBytes,
        onHeld: (bytes) => (peakHeldBytes = Math.max(peakHeldBytes, bytes)),
      })
        .then(async (collected) => {
          if (!collected.ok) return callback(smtpError(collected.code, collected.message))
          const raw = collected.raw
          if (!(await headerSender(raw.subarray(0, collected.headerEnd))))
            return callback(smtpError(550, '5.6.0 the message has no sender address in its From header'))
          const id = await inTransaction(o.db, async (trx) => {
            const row = await trx
              .insertInto('inbound_mail')
              .values({
                remote_address: session.remoteAddress ?? null,
                mail_from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                // Kept as given: a reply address's token is case-sensitive.
                rcpt_to: session.envelope.rcptTo.map((r) => r.address),
                raw,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
            await o.boss.send(
              queues.inboundProcess,
              { inboundId: row.id },
              { db: sqlExecutor(trx), singletonKey: row.id },
            )
            return row.id
          })
          callback(null, `2.0.0 stored as ${id}`)
        })
        .catch((error: Error) => {
          log(`smtp: could not store a message: ${error.message}`)
          callback(smtpError(451, '4.3.0 could not store the message, try again later'))
        })
    },
  })
  server.on('error', (error) => log(`smtp: ${error.message}`))
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `the inbound SMTP port ${o.mail.listenHost}:${o.mail.listenPort} is already in use: set LOCKSTEP_SMTP_PORT to another port, or to "off"`,
            )
          : error,
      ),
    )
    server.listen(o.mail.listenPort ?? 0, o.mail.listenHost, () => resolve())
  })
  const address = server.server.address()
  return {
    port: typeof address === 'object' && address ? address.port : (o.mail.listenPort ?? 0),
    get peakHeldBytes() {
      return peakHeldBytes
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
