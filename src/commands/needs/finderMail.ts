// The finder is kept informed, by mail to the address given with the report (encrypted to the key
// given with it, when there is one) and in the app when they reported signed in: the receipt with
// the private link, the coordinator's replies, each change of the report's state in plain words,
// and the advisory's publication. The staff are told in the app of new reports and the finder's
// messages. Everything is written in the event's transaction.
import { can } from '../../domain/policy/index.js'
import { finderStatusWords } from '../../domain/finderStatus.js'
import type { TlpLabel } from '../../domain/tlp.js'
import type { Db } from '../../store/db.js'
import type { ReportRow } from '../../store/schema.js'
import { enqueueMail } from '../../mail/outbox.js'
import type { TemplateData } from '../../mail/templates.js'
import { deliveryOf, tell } from './inApp.js'
import { usersWithDelivery } from '../../store/notifications.js'

type Report = Pick<ReportRow, 'id' | 'tracking_id' | 'title' | 'reporter_email' | 'reporter_name' | 'reporter_user_id'>

/** Who the finder is as a recipient: the account's delivery choices apply to the mail it gets. */
const finder = (r: Report) => ({
  email: r.reporter_email!,
  name: r.reporter_name,
  userId: r.reporter_user_id,
  organizationId: null,
  reportId: r.id,
})

async function toFinder(
  trx: Db,
  r: Report,
  data: TemplateData,
  what: { title: string; confidential: boolean; tlp: TlpLabel },
): Promise<void> {
  if (!r.reporter_email) {
    await tell(trx, 'report', [{ userId: r.reporter_user_id }], { reportId: r.id, title: what.title, link: '/' })
    return
  }
  // The finder's own mail comes at once whatever the account chose for others' reports.
  await tell(trx, 'report', [{ userId: r.reporter_user_id }], { reportId: r.id, title: what.title, link: '/' })
  await enqueueMail(trx, [finder(r)], {
    caseId: null,
    thread: null,
    data,
    confidential: what.confidential,
    tlp: what.tlp,
  })
}

/** The receipt, with the private link that opens the follow-up page. */
export async function mailReceipt(trx: Db, r: Report, followUpUrl: string): Promise<void> {
  if (r.reporter_email)
    await enqueueMail(trx, [finder(r)], {
      caseId: null,
      thread: null,
      data: { template: 'report.received', trackingId: r.tracking_id, followUpUrl, title: r.title, signature: '' },
      confidential: false,
      tlp: 'AMBER',
    })
  await tellStaff(trx, r, `New report ${r.tracking_id}: ${r.title}`)
}

export async function mailFinderReply(trx: Db, r: Report, body: string, tlp: TlpLabel, at: Date): Promise<void> {
  await toFinder(
    trx,
    r,
    { template: 'report.reply', trackingId: r.tracking_id, body, tlp, at: at.toISOString() },
    { title: `The coordinator wrote about your report ${r.tracking_id}`, confidential: true, tlp },
  )
}

export async function mailFinderStatus(trx: Db, r: Report & Pick<ReportRow, 'state'>): Promise<void> {
  const words = finderStatusWords[r.state]
  await toFinder(
    trx,
    r,
    { template: 'report.status', trackingId: r.tracking_id, ...words },
    { title: `Your report ${r.tracking_id}: ${words.headline}`, confidential: false, tlp: 'GREEN' },
  )
}

/** The case's advisory is out: every finder of a report in the case is told, with its public page. */
export async function mailFindersPublished(
  trx: Db,
  caseId: string,
  advisory: { id: string; title: string; url: string },
): Promise<void> {
  const reports = await trx
    .selectFrom('reports')
    .select(['id', 'tracking_id', 'title', 'reporter_email', 'reporter_name', 'reporter_user_id'])
    .where('case_id', '=', caseId)
    .execute()
  for (const r of reports)
    await toFinder(
      trx,
      r,
      { template: 'report.published', trackingId: r.tracking_id, advisoryId: advisory.id, ...advisory },
      { title: `The advisory about your report ${r.tracking_id} is published`, confidential: false, tlp: 'CLEAR' },
    )
}

/** The staff learn of a report in the app: its assignee, or every coordinator while it has none. */
export async function tellStaff(
  trx: Db,
  r: Pick<ReportRow, 'id'> & { assigned_to?: string | null },
  title: string,
): Promise<void> {
  // Each person with their address and mail choice in one read: a report arrives in bursts.
  const people = r.assigned_to ? await usersWithDelivery(trx, 'report', { userId: r.assigned_to }) : await triagers(trx)
  const link = `/reports/${r.id}`
  await tell(
    trx,
    'report',
    people.map((u) => ({ userId: u.id })),
    { reportId: r.id, title, link },
  )
  await enqueueMail(
    trx,
    people
      .filter((u) => deliveryOf('report', u.delivery) === 'now')
      .map((u) => ({ email: u.email, name: u.name, userId: u.id, organizationId: null })),
    {
      caseId: null,
      thread: null,
      data: { template: 'needs.item', title, link, caseNumber: null },
      confidential: true,
      tlp: 'AMBER',
    },
  )
}

/** Everyone the policy lets triage reports (who sees the queue). */
async function triagers(trx: Db) {
  const users = await usersWithDelivery(trx, 'report', 'enabled')
  return users.filter((u) =>
    can(
      { kind: 'user', userId: u.id, instanceRole: u.instance_role, memberships: new Map(), via: 'session' },
      'list_reports',
      { type: 'instance' },
    ),
  )
}
