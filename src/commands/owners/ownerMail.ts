// Telling an owner organization: its members with accounts and its contacts (who may have none),
// each address once, disabled users left out. Alert mail is confidential (the systems an owner
// runs are its own business): encrypted to those with a key, a notice to the others.
import { sql } from 'kysely'
import type { OwnerAlertLine } from '../../mail/templates.js'
import { enqueueMail } from '../../mail/outbox.js'
import { tellAndPick } from '../needs/inApp.js'
import type { Recipient } from '../../mail/recipients.js'
import type { Db } from '../../store/db.js'
import type { AffectedAsset } from './matching.js'
import { componentLabel } from './recordAlerts.js'
import { highestSeverity, severityWords, type Severity } from '../../domain/cvss.js'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'

type OwnerRecipient = Pick<Recipient, 'email' | 'name' | 'userId' | 'organizationId'>

export async function recipientsOfOrganization(db: Db, organizationId: string): Promise<OwnerRecipient[]> {
  const { rows } = await sql<{ email: string; name: string | null; user_id: string | null }>`
    SELECT u.email, u.name, u.id AS user_id FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.organization_id = ${organizationId} AND u.disabled_at IS NULL
    UNION ALL
    SELECT c.email, c.name, NULL FROM organization_contacts c WHERE c.organization_id = ${organizationId}`.execute(db)
  const seen = new Set<string>()
  const out: OwnerRecipient[] = []
  for (const r of rows) {
    if (seen.has(r.email.toLowerCase())) continue
    seen.add(r.email.toLowerCase())
    out.push({ email: r.email, name: r.name, userId: r.user_id, organizationId })
  }
  return out
}

export function alertLines(items: readonly AffectedAsset[]): OwnerAlertLine[] {
  return items.map((i) => ({ asset: i.asset, component: componentLabel(i), fixedVersions: i.fixedVersions }))
}

/** Where an imported advisory is read: its page on osv.dev. */
export const osvPageUrl = (id: string) => `https://osv.dev/vulnerability/${encodeURIComponent(id)}`

/** An imported advisory's page: its publisher's (a CSAF self reference) when known, else osv.dev's. */
export const externalPageUrl = (id: string, url: string | null | undefined) => url ?? osvPageUrl(id)

export const alertsPath = (organizationId: string) => `/organizations/${organizationId}/alerts`
export const alertPath = (organizationId: string, alertId: string) => `${alertsPath(organizationId)}/${alertId}`

/** The pre-notice, or (with `movedFrom`) the news that its release instant has moved. */
export async function mailPreNotice(
  trx: Db,
  organizationId: string,
  alertId: string,
  notice: {
    releaseAt: Date
    severity: Severity | null
    items: readonly AffectedAsset[] | readonly OwnerAlertLine[]
    movedFrom?: Date | null
  },
): Promise<number> {
  const { releaseAt, severity, items, movedFrom } = notice
  const lines = items.map((i) => ('assetId' in i ? alertLines([i])[0]! : i))
  const recipients = await tellAndPick(trx, 'alert', await recipientsOfOrganization(trx, organizationId), {
    title: movedFrom
      ? 'Advance notice: the publication date has moved'
      : 'Advance notice: a vulnerability affecting your systems will be published',
    link: alertPath(organizationId, alertId),
  })
  return enqueueMail(trx, recipients, {
    caseId: null,
    thread: null,
    data: {
      template: 'owner.prenotice',
      alertPath: alertPath(organizationId, alertId),
      releaseAt: releaseAt.toISOString(),
      items: lines,
      severity: severity ? severityWords(severity) : null,
      ...(movedFrom ? { movedFrom: movedFrom.toISOString() } : {}),
    },
    confidential: true,
    tlp: 'AMBER',
  })
}

export interface AlertedAdvisory {
  id: string
  title: string
  url: string | null
  severity: Severity | null
  items: readonly AffectedAsset[]
}

/** The highest CVSS base score among a snapshot's vulnerabilities. */
export const snapshotSeverity = (s: Pick<AdvisorySnapshot, 'vulnerabilities'>) =>
  highestSeverity(s.vulnerabilities.flatMap((v) => v.cvss.map((c) => c.baseScore)))

/** One mail per owner however many advisories an event (a release, an upload, an import) found. */
export async function mailAlerts(
  trx: Db,
  organizationId: string,
  advisories: readonly AlertedAdvisory[],
): Promise<number> {
  if (advisories.length === 0) return 0
  const recipients = await tellAndPick(trx, 'alert', await recipientsOfOrganization(trx, organizationId), {
    title:
      advisories.length === 1
        ? `${advisories[0]!.id} affects your systems`
        : `${advisories.length} advisories affect your systems`,
    link: alertsPath(organizationId),
  })
  return enqueueMail(trx, recipients, {
    caseId: null,
    thread: null,
    data: {
      template: 'owner.alert',
      alertsPath: alertsPath(organizationId),
      advisories: advisories.map((a) => ({
        id: a.id,
        title: a.title,
        url: a.url,
        severity: a.severity ? severityWords(a.severity) : null,
        items: alertLines(a.items),
      })),
    },
    confidential: true,
    tlp: 'GREEN',
  })
}
