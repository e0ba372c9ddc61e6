// A vendor opens a case about its own product and asks the instance to coordinate it: its report
// is taken as valid (a vendor knows its product), the case is opened by Lockstep, and the vendor
// takes part as vendor and reporter, already aware. The coordinators take it from there.
import type { Actor } from '../../domain/actor.js'
import { actorUserId } from '../../domain/actor.js'
import { system } from '../../domain/actor.js'
import { ConflictError } from '../../domain/errors.js'
import type { TlpLabel } from '../../domain/tlp.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import { nextReportNumber } from '../../store/counters.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import type { AffectedProduct } from '../../store/schema.js'
import { openCase } from '../cases/openCase.js'
import { loadOrganization } from '../organizations/organizations.js'

export interface VendorCaseInput {
  title: string
  description: string
  affected: AffectedProduct[]
  tlp?: TlpLabel | undefined
}

export async function openCaseAsVendor(
  db: Db,
  actor: Actor,
  organizationId: string,
  input: VendorCaseInput,
  now = new Date(),
) {
  const org = await loadOrganization(db, actor, organizationId, 'open_case')
  if (org.kind !== 'vendor')
    throw new ConflictError(`${org.name} is not a vendor: only a vendor opens a case about its own products.`)
  const user =
    actor.kind === 'user'
      ? await db.selectFrom('users').select(['name', 'email']).where('id', '=', actor.userId).executeTakeFirst()
      : undefined
  return inTransaction(db, async (trx) => {
    const report = await trx
      .insertInto('reports')
      .values({
        tracking_id: `LSR-${now.getUTCFullYear()}-${String(await nextReportNumber(trx)).padStart(4, '0')}`,
        follow_up_token_hash: hashSecret(newSecret()),
        anonymous: false,
        reporter_name: user?.name ?? null,
        reporter_organization: org.name,
        reporter_email: user?.email ?? `unknown@${org.slug}.invalid`,
        title: input.title.trim(),
        affected: JSON.stringify(input.affected),
        description: input.description,
        public_already: false,
        exploited_already: false,
        credit: JSON.stringify({ preference: 'organization', text: org.name }),
        state: 'valid',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('report_events')
      .values({
        report_id: report.id,
        actor_id: actorUserId(actor),
        kind: 'rm.transition',
        payload: JSON.stringify({
          event: 'validate',
          from: 'received',
          to: 'valid',
          reason: `Opened by the vendor ${org.name}`,
        }),
      })
      .execute()
    const c = await openCase({
      db: trx,
      actor: system,
      reportIds: [report.id],
      title: input.title,
      tlp: input.tlp,
      now,
    })
    const participant = await trx
      .insertInto('participants')
      .values({
        case_id: c.id,
        organization_id: org.id,
        roles: ['vendor', 'reporter'],
        rm_state: 'accepted',
        vendor_aware_at: now,
        notified_at: now,
        seen_at: now,
        responded_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await appendLedger(
      trx,
      c.id,
      await ledgerActorOf(trx, actor),
      'participant.added',
      { participant: org.name, participantId: participant.id, roles: ['vendor', 'reporter'], openedTheCase: true },
      now,
    )
    return c
  })
}
