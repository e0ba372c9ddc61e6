// The report form's writes, each a single statement: intake is the one public write that arrives
// in bursts, and every round trip to the database inside its transaction counts (one per
// statement, a whole transaction's worth per report). Spending the challenge reads the sender's
// counts in the same statement; the report is stored and recorded as what the challenge became in
// another, its tracking number drawn from the sequence inside that insert.
import { sql, type Insertable } from 'kysely'
import { reportColumns } from './columns.js'
import { compiledOnce } from './compiledOnce.js'
import type { Db } from './db.js'
import type { ReportRow, ReportsTable } from './schema.js'

export interface SpentChallenge {
  /** False: the challenge was spent before (the same request again, or another using its form). */
  fresh: boolean
  /** Reports from the same IP address, and from the same e-mail address (0 without one), since `since`. */
  fromIp: number
  fromEmail: number
}

const spendQuery = compiledOnce(
  (
    db: Db,
    challenge: string,
    expiresAt: Date,
    digest: string,
    ...[ip, ipSince, email, emailSince]: [string, Date, string | null, Date]
  ) =>
    db
      .with('spent', (q) =>
        q
          .insertInto('spent_challenges')
          .values({ challenge, expires_at: expiresAt, request_digest: digest })
          .onConflict((oc) => oc.doNothing())
          .returning('challenge'),
      )
      .selectNoFrom((eb) => {
        // No address (null) counts nothing: `reporter_email = NULL` is never true.
        const countSince = (column: 'submitted_ip' | 'reporter_email', value: string | null, since: Date) =>
          eb
            .selectFrom('reports')
            .select((c) => c.fn.countAll<string>().as('n'))
            .where(column, '=', value)
            .where('created_at', '>', since)
        return [
          eb.exists(eb.selectFrom('spent').select('challenge')).as('fresh'),
          countSince('submitted_ip', ip, ipSince).as('from_ip'),
          countSince('reporter_email', email, emailSince).as('from_email'),
        ]
      }),
  ['', new Date(0), '', '', new Date(0), '', new Date(0)],
)

/** Spends a challenge once, and counts what the sender reported since `since`. */
export async function spendChallenge(
  trx: Db,
  spend: { challenge: string; expiresAt: Date; requestDigest: string },
  sender: { ip: string; email: string | undefined; since: Date },
): Promise<SpentChallenge> {
  const [row] = await spendQuery(
    trx,
    spend.challenge,
    spend.expiresAt,
    spend.requestDigest,
    sender.ip,
    sender.since,
    sender.email ?? null,
    sender.since,
  )
  return { fresh: Boolean(row!.fresh), fromIp: Number(row!.from_ip), fromEmail: Number(row!.from_email) }
}

/** A report's tracking ID (LSR-2026-0042), its number the sequence's next, at least four digits. */
function nextTrackingId(prefix: string) {
  return sql<string>`(SELECT ${prefix}::text || lpad(n::text, greatest(4, length(n::text)), '0') FROM nextval('report_number_seq') AS n)`
}

/** What the form writes of a report, in the order of the insert's parameters. */
const submittedColumns = [
  'follow_up_token_hash',
  'anonymous',
  'reporter_name',
  'reporter_organization',
  'reporter_email',
  'reporter_pgp_key',
  'reporter_user_id',
  'title',
  'affected',
  'description',
  'impact',
  'reproduction',
  'public_already',
  'public_references',
  'exploited_already',
  'exploited_references',
  'vendor_contact',
  'disclosure_plans',
  'disclosure_deadline',
  'credit',
  'submitted_ip',
] as const satisfies readonly (keyof ReportsTable)[]

export type SubmittedReport = { [C in (typeof submittedColumns)[number]]-?: Insertable<ReportsTable>[C] }

// Parameters: the columns above in their order, then the tracking ID's prefix, then the challenge.
const insertQuery = compiledOnce(
  (db: Db, ...params: unknown[]) =>
    db
      .with('report', (q) =>
        q
          .insertInto('reports')
          .values({
            ...(Object.fromEntries(submittedColumns.map((c, i) => [c, params[i]])) as SubmittedReport),
            tracking_id: nextTrackingId(params[submittedColumns.length] as string),
          })
          .returning(reportColumns),
      )
      .with('spent', (q) =>
        q
          .updateTable('spent_challenges')
          .set((eb) => ({ report_id: eb.selectFrom('report').select('report.id') }))
          .where('challenge', '=', params[submittedColumns.length + 1] as string)
          .returning('spent_challenges.challenge'),
      )
      .selectFrom('report')
      .selectAll(),
  Array<unknown>(submittedColumns.length + 2).fill(''),
)

/** Stores a report sent through the form and records it as what `challenge` became. */
export async function insertSubmittedReport(
  trx: Db,
  report: SubmittedReport,
  { year, challenge }: { year: number; challenge: string },
): Promise<ReportRow> {
  const [row] = await insertQuery(trx, ...submittedColumns.map((c) => report[c]), `LSR-${year}-`, challenge)
  return row as ReportRow
}
