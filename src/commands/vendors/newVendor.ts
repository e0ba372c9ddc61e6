// A vendor the directory does not know yet, added from the case that needs it (staff): it is
// created in the directory with its contact address (and OpenPGP key, when given) and takes part
// in the case as a vendor not yet notified, so that the next "Notify" reaches it with the others.
// One transaction: a refused key or a name already in the directory leaves nothing behind.
import { sql } from 'kysely'
import type { Actor } from '../../domain/actor.js'
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
    const known = await trx
      .selectFrom('organizations')
      .select('name')
      .where(sql<string>`lower(name)`, '=', v.name.toLowerCase())
      .where('kind', '=', 'vendor')
      .executeTakeFirst()
    if (known) throw new ConflictError(`${known.name} is in the directory already: find it by its name and add it.`)
    const org = await trx
      .insertInto('organizations')
      .values({ name: v.name, slug: await freeSlug(trx, v.name), kind: 'vendor' })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('organization_contacts')
      .values({ organization_id: org.id, email: v.email.toLowerCase(), kind: 'primary' })
      .execute()
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
    const by = await ledgerActorOf(trx, actor)
    const participant = await insertParticipant(
      trx,
      { case_id: caseId, organization_id: org.id, user_id: null, roles: ['vendor'] },
      initialRmState(['vendor']),
      {
        who: by,
        kind: 'participant.added',
        payload: (p) => ({ participant: org.name, participantId: p.id, roles: ['vendor'] }),
      },
    )
    return { id: org.id, name: org.name, participantId: participant.id, contacts: 1, keys: key?.ok ? 1 : 0 }
  })
}
