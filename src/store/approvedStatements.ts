// The vendors' statements an advisory says: approved by the coordinator, of vendors still in the
// case, each with its vendor's name (the organization's, else the person's). Read by the release
// snapshot and, to know whose word is ours, by the placing of the peers' statements.
import type { Db } from './db.js'

/** The approved statements of a case's present vendors, newest first. */
export function approvedStatementsOf(db: Db, caseId: string) {
  return db
    .selectFrom('vendor_statements as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .select([
      's.vulnerability_id',
      's.participant_id',
      's.status',
      's.justification',
      's.fixed_versions',
      's.remediation',
      's.references',
      's.created_at',
    ])
    .select((eb) => eb.fn.coalesce('o.name', 'u.name').$castTo<string>().as('vendor'))
    .where('s.case_id', '=', caseId)
    .where('s.approved_at', 'is not', null)
    .where('p.removed_at', 'is', null)
    .orderBy('s.created_at', 'desc')
    .execute()
}
