// Vendors that stay silent: one reminder after `remindAfterDays` without an answer, one
// escalation (to the vendor's alternate contacts, and to the coordinator) after
// `escalateAfterDays`. Run hourly by a scheduled job; `now` is a parameter so tests can move the
// clock. Each follow-up is in the ledger, and happens once.
import { followUpDue } from '../../domain/vendorTracking.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { appendLedger } from '../../store/ledger.js'
import { enqueueMail } from '../../mail/outbox.js'
import { recipientsOfParticipants } from '../../mail/recipients.js'

export interface FollowUpPolicy {
  remindAfterDays: number
  escalateAfterDays: number
}

const LOCKSTEP = { id: 'system', displayName: 'Lockstep (follow-up)' }

export async function followUpSilentVendors(
  db: Db,
  now: Date,
  policy: FollowUpPolicy,
): Promise<{ reminded: number; escalated: number }> {
  return inTransaction(db, async (trx) => {
    const silent = await trx
      .selectFrom('participants as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .leftJoin('organizations as o', 'o.id', 'p.organization_id')
      .leftJoin('users as u', 'u.id', 'p.user_id')
      .select([
        'p.id',
        'p.case_id',
        'p.organization_id',
        'p.notified_at',
        'p.seen_at',
        'p.responded_at',
        'p.statement_at',
        'p.reminded_at',
        'p.escalated_at',
        'c.case_number',
        'c.title',
        'c.tlp',
      ])
      .select((eb) => eb.fn.coalesce('o.name', 'u.name').as('name'))
      .where('p.notified_at', 'is not', null)
      .where('p.notified_at', '<=', new Date(now.getTime() - policy.remindAfterDays * 86_400_000))
      .where('p.responded_at', 'is', null)
      .where('p.statement_at', 'is', null)
      .where('p.removed_at', 'is', null)
      .where((eb) => eb.or([eb('p.reminded_at', 'is', null), eb('p.escalated_at', 'is', null)]))
      .forUpdate('p')
      .skipLocked()
      .execute()
    let reminded = 0
    let escalated = 0
    for (const p of silent) {
      const due = followUpDue(
        {
          notifiedAt: p.notified_at,
          seenAt: p.seen_at,
          respondedAt: p.responded_at,
          statementAt: p.statement_at,
          remindedAt: p.reminded_at,
          escalatedAt: p.escalated_at,
        },
        now,
        policy,
      )
      if (!due) continue
      const people = await recipientsOfParticipants(trx, [p.id])
      const alternates = p.organization_id
        ? new Set(
            (
              await trx
                .selectFrom('organization_contacts')
                .select('email')
                .where('organization_id', '=', p.organization_id)
                .where('kind', '=', 'alternate')
                .execute()
            ).map((c) => c.email),
          )
        : new Set<string>()
      const data = {
        template: 'vendor.reminder' as const,
        caseNumber: p.case_number,
        caseId: p.case_id,
        caseTitle: p.title,
        tlp: p.tlp,
        notifiedAt: p.notified_at!.toISOString(),
        vendorName: p.name ?? 'The vendor',
      }
      if (due === 'remind') {
        await enqueueMail(
          trx,
          people.filter((r) => !alternates.has(r.email)),
          { caseId: p.case_id, thread: p.id, data: { ...data, escalation: false }, confidential: true, tlp: p.tlp },
        )
        await trx.updateTable('participants').set({ reminded_at: now }).where('id', '=', p.id).execute()
        await appendLedger(
          trx,
          p.case_id,
          LOCKSTEP,
          'vendor.reminded',
          { participant: p.name ?? 'vendor', participantId: p.id, silentDays: policy.remindAfterDays },
          now,
        )
        reminded++
      } else {
        const coordinators = await trx
          .selectFrom('participants')
          .select('id')
          .where('case_id', '=', p.case_id)
          .where(({ eb, fn }) => eb(eb.val('coordinator'), '=', fn.any('roles')))
          .execute()
        const staff = await recipientsOfParticipants(
          trx,
          coordinators.map((c) => c.id),
        )
        await enqueueMail(trx, [...people.filter((r) => alternates.has(r.email)), ...staff], {
          caseId: p.case_id,
          thread: p.id,
          data: { ...data, escalation: true },
          confidential: true,
          tlp: p.tlp,
        })
        await trx
          .updateTable('participants')
          .set({ escalated_at: now, reminded_at: p.reminded_at ?? now })
          .where('id', '=', p.id)
          .execute()
        await appendLedger(
          trx,
          p.case_id,
          LOCKSTEP,
          'vendor.escalated',
          { participant: p.name ?? 'vendor', participantId: p.id, silentDays: policy.escalateAfterDays },
          now,
        )
        escalated++
      }
    }
    return { reminded, escalated }
  })
}
