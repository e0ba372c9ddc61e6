// A finder's report arrives: checked against spam (honeypot, proof of work, per-address limits),
// stored with a tracking ID and a private follow-up link, in one transaction. The 201 is sent only
// after the commit, so an acknowledged report is never lost. A form that got no answer (the server
// died after the commit, the connection broke) is sent again as it was: the same request finds
// the report its challenge became, so it is stored once and the finder still learns its tracking ID.
import { createHash } from 'node:crypto'
import { ConflictError, RateLimitedError, ValidationError } from '../../domain/errors.js'
import { checkProof } from '../../security/proofOfWork.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { insertSubmittedReport, spendChallenge } from '../../store/reportIntake.js'
import { mailReceipt } from '../needs/finderMail.js'
import type { AffectedProduct, CreditPreference, ReportRow, UserRow, VendorContact } from '../../store/schema.js'
import { reportColumns } from '../../store/columns.js'

export interface ReportInput {
  anonymous: boolean
  reporter?:
    | {
        name?: string | undefined
        organization?: string | undefined
        email?: string | undefined
        pgpKey?: string | undefined
      }
    | undefined
  title: string
  affected: AffectedProduct[]
  description: string
  impact?: string | undefined
  reproduction?: string | undefined
  publicAlready: boolean
  publicReferences: string[]
  exploitedAlready: boolean
  exploitedReferences: string[]
  vendorContact?: VendorContact | undefined
  disclosurePlans?: string | undefined
  disclosureDeadline?: string | undefined
  credit: CreditPreference
  /** The honeypot: a field people never see; bots fill it. */
  website?: string | undefined
  proof: { challenge: string; nonce: string }
}

export interface SubmitReportProps {
  db: Db
  input: ReportInput
  /** The signed-in reporter, if any: their account is linked and fills the contact fields. */
  user: UserRow | null
  ip: string
  challengeSecret: string
  /** Where the follow-up link in the finder's receipt points. */
  publicUrl: string
  now?: Date
}

// Per e-mail address, and (higher, since a whole organization may share one) per IP address.
export const REPORTS_PER_EMAIL_PER_HOUR = 10
export const REPORTS_PER_IP_PER_HOUR = 60

export async function submitReport(p: SubmitReportProps): Promise<{ report: ReportRow; followUpToken: string }> {
  const now = p.now ?? new Date()
  const { input } = p
  if (input.website) throw new ValidationError({ field: 'website', message: 'must be left empty' })
  const proof = checkProof(p.challengeSecret, input.proof.challenge, input.proof.nonce, now)
  if (!proof.ok) {
    const why = {
      malformed: 'is malformed',
      forged: 'was not issued by this server',
      expired: 'has expired: reload the form',
      insufficient: 'is not solved',
    }[proof.problem]
    throw new ValidationError({ field: 'proof', message: why })
  }
  const email = (input.anonymous ? undefined : (input.reporter?.email ?? p.user?.email))?.trim().toLowerCase()
  if (!input.anonymous && !email)
    throw new ValidationError({ field: 'reporter.email', message: 'is required unless you report anonymously' })

  // The whole request (the challenge and its nonce included) and who sent it: only the very same
  // request, which only its sender has seen, is answered with the report again.
  const digest = createHash('sha256')
    .update(JSON.stringify([p.user?.id ?? null, input]))
    .digest('base64url')
  return inTransaction(p.db, async (trx) => {
    const spent = await spendChallenge(
      trx,
      { challenge: input.proof.challenge, expiresAt: proof.expiresAt, requestDigest: digest },
      { ip: p.ip, email, since: new Date(now.getTime() - 3_600_000) },
    )
    if (!spent.fresh) {
      const again = await sentAgain(trx, input.proof.challenge, digest)
      if (again) return again
      throw new ConflictError('This form was already used to send a report; reload it to send another.')
    }
    if (spent.fromEmail >= REPORTS_PER_EMAIL_PER_HOUR || spent.fromIp >= REPORTS_PER_IP_PER_HOUR) {
      throw new RateLimitedError(
        'Too many reports from this address in the last hour; try again later or write to the coordinator.',
        3600,
      )
    }

    const followUpToken = newSecret()
    const report = await insertSubmittedReport(
      trx,
      {
        follow_up_token_hash: hashSecret(followUpToken),
        anonymous: input.anonymous,
        reporter_name: input.anonymous ? null : input.reporter?.name?.trim() || p.user?.name || null,
        reporter_organization: input.anonymous ? null : input.reporter?.organization?.trim() || null,
        reporter_email: email ?? null,
        reporter_pgp_key: input.anonymous ? null : input.reporter?.pgpKey?.trim() || null,
        reporter_user_id: input.anonymous ? null : (p.user?.id ?? null),
        title: input.title.trim(),
        affected: JSON.stringify(input.affected),
        description: input.description,
        impact: input.impact ?? null,
        reproduction: input.reproduction ?? null,
        public_already: input.publicAlready,
        public_references: input.publicReferences,
        exploited_already: input.exploitedAlready,
        exploited_references: input.exploitedReferences,
        vendor_contact: input.vendorContact ? JSON.stringify(input.vendorContact) : null,
        disclosure_plans: input.disclosurePlans ?? null,
        disclosure_deadline: input.disclosureDeadline ?? null,
        credit: JSON.stringify(input.credit),
        submitted_ip: p.ip,
      },
      { year: now.getUTCFullYear(), challenge: input.proof.challenge },
    )
    await mailReceipt(trx, report, `${p.publicUrl}/follow-up/${followUpToken}`)
    return { report, followUpToken }
  })
}

/**
 * The report an identical earlier request made, with a new follow-up link (only the link's hash
 * is kept, so the first cannot be given again; the request that got no answer never showed it).
 */
async function sentAgain(
  trx: Db,
  challenge: string,
  digest: string,
): Promise<{ report: ReportRow; followUpToken: string } | null> {
  const spent = await trx
    .selectFrom('spent_challenges')
    .select(['report_id', 'request_digest'])
    .where('challenge', '=', challenge)
    .executeTakeFirst()
  if (!spent?.report_id || spent.request_digest !== digest) return null
  const followUpToken = newSecret()
  const report = await trx
    .updateTable('reports')
    .set({ follow_up_token_hash: hashSecret(followUpToken) })
    .where('id', '=', spent.report_id)
    .returning(reportColumns)
    .executeTakeFirst()
  return report ? { report, followUpToken } : null
}

export function findReportByFollowUpToken(db: Db, token: string): Promise<ReportRow | undefined> {
  return db
    .selectFrom('reports')
    .select(reportColumns)
    .where('follow_up_token_hash', '=', hashSecret(token))
    .executeTakeFirst()
}
