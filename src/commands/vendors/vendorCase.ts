// A vendor opens a case about its own product and asks the instance to coordinate it: its report
// is taken as valid (a vendor knows its product), the case is opened by Lockstep, and the vendor
// takes part as vendor and reporter, already aware. The coordinators take it from there.
import type { Actor } from '../../domain/actor.js'
import { system } from '../../domain/actor.js'
import { ConflictError } from '../../domain/errors.js'
import type { TlpLabel } from '../../domain/tlp.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import { nextReportNumber } from '../../store/counters.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { moveReportRm } from '../transitions/reportRm.js'
import { insertParticipant } from '../transitions/participantRm.js'
import type { AffectedProduct } from '../../store/schema.js'
import { openCase } from '../cases/openCase.js'
import { loadOrganization } from '../organizations/organizations.js'
import { reportColumns } from '../../store/columns.js'

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
      })
      .returning(reportColumns)
      .executeTakeFirstOrThrow()
    // A vendor knows its product: received, then valid at once.
    await moveReportRm(
      trx,
      report,
      'validate',
      { in: 'report', actor, reason: `Opened by the vendor ${org.name}` },
      now,
    )
    const c = await openCase({
      db: trx,
      actor: system,
      reportIds: [report.id],
      title: input.title,
      tlp: input.tlp,
      now,
    })
    await insertParticipant(
      trx,
      {
        case_id: c.id,
        organization_id: org.id,
        roles: ['vendor', 'reporter'],
        vendor_aware_at: now,
        notified_at: now,
        seen_at: now,
        responded_at: now,
      },
      'accepted',
      {
        who: await ledgerActorOf(trx, actor),
        kind: 'participant.added',
        payload: (p) => ({
          participant: org.name,
          participantId: p.id,
          roles: ['vendor', 'reporter'],
          openedTheCase: true,
        }),
        at: now,
      },
    )
    return c
  })
}
