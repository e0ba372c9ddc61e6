// A party (or the staff) reports that the case is public now, with a reference: the case event is
// recorded and the embargo ends at once. Reported in a party's name, like any embargo move.
import type { Actor } from '../../domain/actor.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { recordCaseFact } from '../cases/caseStatus.js'
import { speakerFor } from './embargoParties.js'

export async function reportCasePublic(
  db: Db,
  actor: Actor,
  caseRef: string,
  input: { reference: string; participantId?: string | undefined },
  embargo: { keepOnAttacks: boolean },
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row, resource } = await loadCaseFor(trx, actor, caseRef, 'read')
    await speakerFor(trx, actor, row.id, resource, input.participantId)
    await recordCaseFact(trx, actor, row.id, 'publicAware', now, input.reference, embargo)
  })
}
