// Who a notification goes to. A participant is a person (one user) or an organization (its
// members with accounts and its contacts, who may have none). The coordinator's side is the
// coordinating participant. Addresses are deduplicated; disabled users get nothing.
import { sql } from 'kysely'
import type { Db } from '../store/db.js'

export interface Recipient {
  email: string
  name: string | null
  userId: string | null
  organizationId: string | null
  participantId: string
}

export async function recipientsOfParticipants(db: Db, participantIds: readonly string[]): Promise<Recipient[]> {
  if (participantIds.length === 0) return []
  const { rows } = await sql<{
    email: string
    name: string | null
    user_id: string | null
    organization_id: string | null
    participant_id: string
  }>`
    SELECT u.email, u.name, u.id AS user_id, NULL::uuid AS organization_id, p.id AS participant_id
      FROM participants p JOIN users u ON u.id = p.user_id
     WHERE p.id = ANY(${participantIds}::uuid[]) AND u.disabled_at IS NULL
    UNION ALL
    SELECT u.email, u.name, u.id, p.organization_id, p.id
      FROM participants p JOIN memberships m ON m.organization_id = p.organization_id JOIN users u ON u.id = m.user_id
     WHERE p.id = ANY(${participantIds}::uuid[]) AND u.disabled_at IS NULL
    UNION ALL
    SELECT c.email, c.name, NULL, p.organization_id, p.id
      FROM participants p JOIN organization_contacts c ON c.organization_id = p.organization_id
     WHERE p.id = ANY(${participantIds}::uuid[])`.execute(db)
  const seen = new Set<string>()
  const out: Recipient[] = []
  // Someone with an account is named by it, before the same address as a bare contact.
  for (const r of [...rows].sort((a, b) => Number(b.user_id !== null) - Number(a.user_id !== null))) {
    if (seen.has(r.email)) continue
    seen.add(r.email)
    out.push({
      email: r.email,
      name: r.name,
      userId: r.user_id,
      organizationId: r.organization_id,
      participantId: r.participant_id,
    })
  }
  return out
}

/** The participants who read a thread: everyone active ('case'), or the coordinator and one participant. */
export async function threadAudience(db: Db, caseId: string, thread: string): Promise<string[]> {
  let q = db.selectFrom('participants').select('id').where('case_id', '=', caseId).where('removed_at', 'is', null)
  if (thread !== 'case')
    q = q.where((eb) => eb.or([eb('id', '=', thread), eb(sql<string>`'coordinator'`, '=', eb.fn.any('roles'))]))
  return (await q.execute()).map((r) => r.id)
}
