// Runtime configuration, read once from the environment. Every knob a self-hoster may turn is
// here, with the default that makes `npm start` work on a laptop.
import type { InboxLimits } from './domain/federation/inboxRateLimit.js'
import path from 'node:path'
import { defaultEmbargoPolicy, type EmbargoPolicy } from './domain/embargo.js'

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
  mail: MailConfig
  /** Silent vendors get a reminder after this many days, and an escalation after the second. */
  vendorFollowUp: { remindAfterDays: number; escalateAfterDays: number }
  /** Embargo defaults (45 days, at most 90, 7 days to answer, never under 72 hours) and whether attacks end an embargo. */
  embargo: EmbargoPolicy
  release: ReleaseConfig
  /** The demo's embargo ends this many minutes after the first start, so its release can be watched. */
  demoReleaseMinutes: number
  /** The federation inbox's allowance per sender (domain/federation/inboxRateLimit.ts); defaults when absent. */
  federationInbox?: InboxLimits
}

export interface ReleaseConfig {
  /** The publisher named in every advisory; default: the coordinating organization of the case. */
  publisherName: string | undefined
  /** How the public reaches the coordinators (CSAF publisher contact_details). */
  contact: string
  /** The instance as a CNA: its CVE Services org UUID and short name (CVE records' assigner). */
  cna: { orgId: string; shortName: string }
  /** CVE ID blocks the instance may assign, e.g. "CVE-2026-10000..CVE-2026-10099". */
  cveBlocks: string[]
  /** Critical-infrastructure owners whose inventories match are pre-notified this long before a release (hours). */
  ownerPreNoticeHours: number
  /** The coordinators get the release-readiness checklist by mail this long before an embargo ends (minutes; 0: never). */
  readinessNoticeMinutes: number
}

export interface MailConfig {
  /** smtp://user:pass@host:587 or smtps://host:465; unset: the built-in catcher keeps every message for the admins to read. */
  relayUrl: string | undefined
  /** The From of every notification. */
  from: string
  /** The domain of the intake and reply addresses. */
  domain: string
  intakeAddress: string
  /** The inbound SMTP listener: port (0: any free one) or null when switched off. */
  listenPort: number | null
  listenHost: string
  /** Largest inbound message (bytes): larger ones get 552. */
  sizeLimitBytes: number
  perDomainPerMinute: number
  /** Instance setting: may TLP:CLEAR and TLP:GREEN details go in plaintext to recipients without a key? */
  plaintextForClearAndGreen: boolean
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? env.LOCKSTEP_PORT ?? 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT ?? env.LOCKSTEP_PORT}"`)
  }
  const publicUrl = (env.LOCKSTEP_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '')
  const mailDomain = env.LOCKSTEP_MAIL_DOMAIN ?? new URL(publicUrl).hostname
  const smtpPort = env.LOCKSTEP_SMTP_PORT ?? '2525'
  if (smtpPort !== 'off' && !/^\d+$/.test(smtpPort))
    throw new Error(`LOCKSTEP_SMTP_PORT must be a port number or "off", got "${smtpPort}"`)
  return {
    host: env.LOCKSTEP_HOST ?? '127.0.0.1',
    port,
    publicUrl,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.LOCKSTEP_DATA ?? 'data'),
    trustProxy: env.LOCKSTEP_TRUST_PROXY === '1' || env.LOCKSTEP_TRUST_PROXY === 'true',
    sessionTtlHours: Number(env.LOCKSTEP_SESSION_TTL_HOURS ?? 24 * 14),
    sessionIdleHours: Number(env.LOCKSTEP_SESSION_IDLE_HOURS ?? 24),
    logLevel: env.LOG_LEVEL ?? 'info',
    bodyLimitBytes: Number(env.LOCKSTEP_BODY_LIMIT ?? 1024 * 1024),
    reportProofBits: Number(env.LOCKSTEP_REPORT_PROOF_BITS ?? 16),
    attachmentLimitBytes: Number(env.LOCKSTEP_ATTACHMENT_LIMIT ?? 10 * 1024 * 1024),
    vendorFollowUp: {
      remindAfterDays: Number(env.LOCKSTEP_VENDOR_REMIND_DAYS ?? 7),
      escalateAfterDays: Number(env.LOCKSTEP_VENDOR_ESCALATE_DAYS ?? 14),
    },
    embargo: {
      defaultDays: Number(env.LOCKSTEP_EMBARGO_DEFAULT_DAYS ?? defaultEmbargoPolicy.defaultDays),
      maxDays: Number(env.LOCKSTEP_EMBARGO_MAX_DAYS ?? defaultEmbargoPolicy.maxDays),
      answerDays: Number(env.LOCKSTEP_EMBARGO_ANSWER_DAYS ?? defaultEmbargoPolicy.answerDays),
      minAnswerHours: defaultEmbargoPolicy.minAnswerHours,
      keepOnAttacks: env.LOCKSTEP_EMBARGO_KEEP_ON_ATTACKS === '1' || env.LOCKSTEP_EMBARGO_KEEP_ON_ATTACKS === 'true',
    },
    demoReleaseMinutes: Number(env.LOCKSTEP_DEMO_RELEASE_MINUTES ?? 5),
    release: {
      publisherName: env.LOCKSTEP_PUBLISHER_NAME || undefined,
      contact: env.LOCKSTEP_SECURITY_CONTACT ?? `security@${mailDomain}`,
      // A UUID that names no real CNA until the instance configures its own.
      cna: {
        orgId: env.LOCKSTEP_CNA_ORG_ID ?? '00000000-0000-4000-8000-00000000c0de',
        shortName: env.LOCKSTEP_CNA_SHORT_NAME ?? 'lockstep',
      },
      cveBlocks: (env.LOCKSTEP_CVE_BLOCKS ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      ownerPreNoticeHours: Number(env.LOCKSTEP_OWNER_PRENOTICE_HOURS ?? 24),
      readinessNoticeMinutes: Number(env.LOCKSTEP_READINESS_NOTICE_MINUTES ?? 60),
    },
    mail: {
      relayUrl: env.LOCKSTEP_SMTP_RELAY || undefined,
      from: env.LOCKSTEP_MAIL_FROM ?? `Lockstep <lockstep@${mailDomain}>`,
      domain: mailDomain,
      intakeAddress: (env.LOCKSTEP_INTAKE_ADDRESS ?? `report@${mailDomain}`).toLowerCase(),
      listenPort: smtpPort === 'off' ? null : Number(smtpPort),
      listenHost: env.LOCKSTEP_SMTP_HOST ?? env.LOCKSTEP_HOST ?? '127.0.0.1',
      sizeLimitBytes: Number(env.LOCKSTEP_MAIL_SIZE_LIMIT ?? 25 * 1024 * 1024),
      perDomainPerMinute: Number(env.LOCKSTEP_MAIL_PER_DOMAIN_PER_MINUTE ?? 60),
      plaintextForClearAndGreen:
        env.LOCKSTEP_MAIL_PLAINTEXT_CLEAR_GREEN === '1' || env.LOCKSTEP_MAIL_PLAINTEXT_CLEAR_GREEN === 'true',
    },
  }
}
