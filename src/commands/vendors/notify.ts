// Notifying vendors of a case in one action: each becomes a vendor participant (if not yet), is
// marked notified (RM received, CS vendor aware), and its contacts get the case by mail (encrypted
// where they have a key). All or nothing: a vendor without anyone to write to refuses the whole
// action, naming each such vendor, and nothing is recorded.
import type { Actor } from '../../domain/actor.js'
import { ValidationError } from '../../domain/errors.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import { enqueueMail } from '../../mail/outbox.js'
import { tellAndPick } from '../needs/inApp.js'
import { recipientsOfParticipants } from '../../mail/recipients.js'
import { insertParticipant, moveParticipantRm } from '../transitions/participantRm.js'
import { recordVendorFactRow } from '../transitions/caseStatus.js'

export interface NotifyResult {
  notified: { organizationId: string; participantId: string; name: string; recipients: number; again: boolean }[]
}

/** Who may update the case notifies its vendors. */
export async function notifyVendors(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  organizationIds: readonly string[],
  now = new Date(),
): Promise<NotifyResult> {
  const ids = [...new Set(organizationIds)]
  return inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const orgs = await trx
      .selectFrom('organizations')
      .select((eb) => [
        'organizations.id',
        'organizations.name',
        eb
          .selectFrom('organization_contacts')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('organization_contacts.organization_id', '=', 'organizations.id')
          .as('contacts'),
        eb
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('memberships.organization_id', '=', 'organizations.id')
          .where('users.disabled_at', 'is', null)
          .as('members'),
      ])
      .where(
        'organizations.id',
        'in',
        ids.filter(isUuid).length ? ids.filter(isUuid) : ['00000000-0000-0000-0000-000000000000'],
      )
      .execute()
    const byId = new Map(orgs.map((o) => [o.id, o]))
    const problems = ids.flatMap((id, i) => {
      const o = byId.get(id)
      if (!o) return [{ field: `organizationIds.${i}`, message: 'is not an organization' }]
      if (Number(o.contacts) + Number(o.members) === 0)
        return [
          {
            field: `organizationIds.${i}`,
            message: `${o.name} has no contact address and no members: add a contact before notifying it`,
          },
        ]
      return []
    })
    if (problems.length) throw new ValidationError(problems)

    const c = await trx
      .selectFrom('cases')
      .select(['id', 'case_number', 'title', 'tlp'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
    const vulnerabilities = await trx
      .selectFrom('vulnerabilities')
      .select(['title', 'cwe', 'cvss_vector', 'cvss_score'])
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute()
    const who = await ledgerActorOf(trx, actor)
    const coordinator = await trx
      .selectFrom('participants')
      .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
      .leftJoin('users', 'users.id', 'participants.user_id')
      .select((eb) => eb.fn.coalesce('organizations.name', 'users.name').as('name'))
      .where('participants.case_id', '=', caseId)
      .where(({ eb, fn }) => eb(eb.val('coordinator'), '=', fn.any('participants.roles')))
      .executeTakeFirst()

    const notified: NotifyResult['notified'] = []
    for (const id of ids) {
      const o = byId.get(id)!
      const existing = await trx
        .selectFrom('participants')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('organization_id', '=', id)
        .forUpdate()
        .executeTakeFirst()
      const roles = existing ? [...new Set([...existing.roles, 'vendor' as const])] : ['vendor' as const]
      const again = existing?.notified_at != null
      let recipients: Awaited<ReturnType<typeof recipientsOfParticipants>> = []
      const notifiedEntry = {
        who,
        kind: 'vendor.notified' as const,
        payload: async (p: { id: string }) => {
          recipients = await recipientsOfParticipants(trx, [p.id])
          return { participant: o.name, participantId: p.id, recipients: recipients.length, again }
        },
        at: now,
      }
      let participant: { id: string }
      if (existing) {
        await trx
          .updateTable('participants')
          .set({ roles, removed_at: null, notified_at: existing.notified_at ?? now })
          .where('id', '=', existing.id)
          .execute()
        // Notified, it has the report (Start → Received) and is aware, each move with its entry.
        if (existing.rm_state === 'start') await moveParticipantRm(trx, existing, 'receive', who, now)
        if (!existing.vendor_aware_at)
          await recordVendorFactRow(trx, { ...existing, rm_state: 'received' }, 'vendorAware', now, who, now)
        participant = existing
        await appendLedger(
          trx,
          caseId,
          notifiedEntry.who,
          notifiedEntry.kind,
          await notifiedEntry.payload(existing),
          now,
        )
      } else {
        participant = await insertParticipant(
          trx,
          { case_id: caseId, organization_id: id, roles, notified_at: now, vendor_aware_at: now },
          'received',
          notifiedEntry,
        )
      }
      const mailed = await tellAndPick(trx, 'case', recipients, {
        caseId,
        title: `Is ${o.name} affected? ${c.case_number}: ${c.title}`,
        link: `/cases/${c.case_number}`,
      })
      await enqueueMail(trx, mailed, {
        caseId,
        thread: participant.id,
        data: {
          template: 'vendor.notified',
          caseNumber: c.case_number,
          caseId: c.id,
          caseTitle: c.title,
          tlp: c.tlp,
          coordinator: coordinator?.name ?? who.displayName,
          vulnerabilities: vulnerabilities.map((v) => ({
            title: v.title,
            cwe: v.cwe,
            cvss: v.cvss_vector ? `CVSS ${v.cvss_score} (${v.cvss_vector})` : null,
          })),
        },
        confidential: true,
        tlp: c.tlp,
      })
      notified.push({
        organizationId: id,
        participantId: participant.id,
        name: o.name,
        recipients: recipients.length,
        again,
      })
    }
    return { notified }
  })
}
