// A vendor the directory does not know yet, added from the case that needs it (staff): it is
// created in the directory with its contact address (and OpenPGP key, when given) and takes part
// in the case as a vendor not yet notified, so that the next "Notify" reaches it with the others.
// One transaction: a refused key or a name already in the directory leaves nothing behind.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import type { LedgerActor } from '../../domain/ledger.js'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import { authorize } from '../../domain/policy/index.js'
import { initialRmState } from '../../domain/reportManagement.js'
import { inspectPublicKey } from '../../mail/pgp.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { insertParticipant } from '../transitions/participantRm.js'
import { freeSlug } from './importExport.js'

export interface NewVendor {
  name: string
  email: string
  key?: string | null | undefined
}

export async function addNewVendorToCase(db: Db, actor: Actor, caseIdOrNumber: string, v: NewVendor) {
  return inTransaction(db, async (trx) => {
    // The case first: who may not see it learns nothing more than that it is not there.
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    authorize(actor, 'create_organization', { type: 'instance' })
    const key = v.key?.trim() ? await inspectPublicKey(v.key) : null
    if (key && !key.ok) throw new ValidationError({ field: 'key', message: `The key ${key.reason}` })
    const known = await vendorNamed(trx, v.name)
    if (known) throw new ConflictError(`${known.name} is in the directory already: find it by its name and add it.`)
    const org = await createVendor(trx, v)
    if (key?.ok)
      await trx
        .insertInto('pgp_keys')
        .values({
          organization_id: org.id,
          fingerprint: key.key.fingerprint,
          armored: v.key!.trim(),
          emails: key.key.emails,
          algorithm: key.key.algorithm,
          key_created_at: key.key.createdAt,
          expires_at: key.key.expiresAt,
        })
        .execute()
    const participant = await seatVendor(trx, caseId, org, await ledgerActorOf(trx, actor))
    return { id: org.id, name: org.name, participantId: participant.id, contacts: 1, keys: key?.ok ? 1 : 0 }
  })
}

/** A vendor added to the directory with its primary contact address (none when not known). */
export async function createVendor(trx: Db, v: { name: string; email: string | null }) {
  const org = await trx
    .insertInto('organizations')
    .values({ name: v.name, slug: await freeSlug(trx, v.name), kind: 'vendor' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
  if (v.email)
    await trx
      .insertInto('organization_contacts')
      .values({ organization_id: org.id, email: v.email.toLowerCase(), kind: 'primary' })
      .execute()
  return org
}

/** A vendor taking part in a case, not yet notified, so that the next "Notify" reaches it. */
export function seatVendor(trx: Db, caseId: string, org: { id: string; name: string }, who: LedgerActor) {
  return insertParticipant(
    trx,
    { case_id: caseId, organization_id: org.id, user_id: null, roles: ['vendor'] },
    initialRmState(['vendor']),
    {
      who,
      kind: 'participant.added',
      payload: (p) => ({ participant: org.name, participantId: p.id, roles: ['vendor'] }),
    },
  )
}

/** The directory's vendor of that name, whatever its case. */
export const vendorNamed = (trx: Db, name: string) =>
  trx
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .where('kind', '=', 'vendor')
    .executeTakeFirst()
