// What the finder's follow-up page says once the report's case is released: the advisory it led
// to, public now (nothing before the release: a draft is not the finder's to see through the link).
import type { Db } from '../../store/db.js'

export interface Publication {
  advisoryId: string
  releasedAt: Date
}

export async function publicationOfCase(db: Db, caseId: string | null): Promise<Publication | null> {
  if (!caseId) return null
  const row = await db
    .selectFrom('advisories')
    .select(['public_id', 'released_at'])
    .where('case_id', '=', caseId)
    .where('state', '=', 'published')
    .executeTakeFirst()
  return row?.released_at ? { advisoryId: row.public_id, releasedAt: row.released_at } : null
}
