// The inbound SMTP listener (smtp-server). It takes mail for the intake address and for reply
// addresses only (550 for anything else, 552 beyond the size limit), and answers 250 only after
// the raw message and the job that will process it are committed: a mail that got 250 is never
// lost, even if parsing it fails later.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server'
import type PgBoss from 'pg-boss'
import type { MailConfig } from '../../../config.js'
import type { Db } from '../../../store/db.js'
import { inTransaction } from '../../../store/db.js'
import { queues, sqlExecutor } from '../../../jobs/jobQueue.js'
import { findReplyAddress } from '../../../mail/replyAddresses.js'

export interface SmtpListener {
  port: number
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

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })
}

export async function startSmtpListener(o: {
  db: Db
  mail: MailConfig
  boss: PgBoss
  log?: (m: string) => void
}): Promise<SmtpListener> {
  const log = o.log ?? (() => undefined)
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
        if (!kind) return callback(smtpError(550, `5.1.1 <${address.address}>: no such recipient here`))
        callback()
      } catch (error) {
        log(`smtp: recipient check failed: ${(error as Error).message}`)
        callback(smtpError(451, '4.3.0 temporary failure, try again later'))
      }
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      readAll(stream)
        .then(async (raw) => {
          if (stream.sizeExceeded)
            return callback(smtpError(552, `5.3.4 message larger than ${o.mail.sizeLimitBytes} bytes`))
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
