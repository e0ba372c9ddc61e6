// Runtime configuration, read once from the environment. Every knob a self-hoster may turn is
// here, with the default that makes `npm start` work on a laptop.
import path from 'node:path'

export interface Config {
  host: string
  port: number
  /** The URL people use to reach this instance; links in invitations and resets start with it. */
  publicUrl: string
  /** A real PostgreSQL server; when absent, the embedded database in `dataDir` is used. */
  databaseUrl: string | undefined
  dataDir: string
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies behind TLS termination). */
  trustProxy: boolean
  sessionTtlHours: number
  sessionIdleHours: number
  logLevel: string
  bodyLimitBytes: number
  /** Difficulty of the report form's proof of work, in leading zero bits (16: well under a second in a browser). */
  reportProofBits: number
  /** Largest file a report, a reply or a thread accepts (bytes); larger uploads get 413. */
  attachmentLimitBytes: number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? env.LOCKSTEP_PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT ?? env.LOCKSTEP_PORT}"`)
  }
  return {
    host: env.LOCKSTEP_HOST ?? '127.0.0.1',
    port,
    publicUrl: (env.LOCKSTEP_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.LOCKSTEP_DATA ?? 'data'),
    trustProxy: env.LOCKSTEP_TRUST_PROXY === '1' || env.LOCKSTEP_TRUST_PROXY === 'true',
    sessionTtlHours: Number(env.LOCKSTEP_SESSION_TTL_HOURS ?? 24 * 14),
    sessionIdleHours: Number(env.LOCKSTEP_SESSION_IDLE_HOURS ?? 24),
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: Number(env.LOCKSTEP_BODY_LIMIT ?? 1024 * 1024),
    reportProofBits: Number(env.LOCKSTEP_REPORT_PROOF_BITS ?? 16),
    attachmentLimitBytes: Number(env.LOCKSTEP_ATTACHMENT_LIMIT ?? 10 * 1024 * 1024),
  }
}
