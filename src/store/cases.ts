// Cases and their participants. Lists are scoped by what the policy lets the caller see (a
// CaseScope): the store turns the scope into SQL and decides nothing itself.
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import type { Actor } from '../domain/actor.js'
import { partyOf, type CaseScope, type Resources } from '../domain/policy/index.js'
import type { Db } from './db.js'
import { compiledOnce } from './compiledOnce.js'
import { isUuid } from './db.js'
import { identityWithheld, ownParticipants } from './participants.js'
import type { CaseRow, Database } from './schema.js'
import { caseColumns, qualified } from './columns.js'

// Loaded by nearly every request about a case: compiled once (see compiledOnce.ts).
const caseById = compiledOnce(
  (db: Db, id: string) => db.selectFrom('cases').select(caseColumns).where('id', '=', id),
  [''],
)
const caseByNumber = compiledOnce(
  (db: Db, number: string) => db.selectFrom('cases').select(caseColumns).where('case_number', '=', number),
  [''],
)

export async function findCase(db: Db, idOrNumber: string): Promise<CaseRow | undefined> {
  return (await (isUuid(idOrNumber) ? caseById : caseByNumber)(db, idOrNumber))[0]
}

// A case with the caller's own participant rows, in one query, its visibility in the WHERE clause:
// for a caller who may not see the case, the answer is the same empty result, by the same query,
// as for a case that does not exist, so an outsider cannot tell the two apart (not even by how
// long the answer takes). $1 is the id or number, $2 the caller's user id, $3 their organizations.
const OWN = (column: string, match: string) =>
  `coalesce(array(select p.${column} from participants p where p.case_id = c.id and p.removed_at is null and ${match}), '{}')`
const visibleSql = (key: 'id' | 'case_number', scoped: boolean) => `
  select ${qualified('c', caseColumns).join(', ')},
    ${OWN('user_id', 'p.user_id = $2::uuid')} as own_user_ids,
    ${OWN('organization_id', 'p.organization_id = any($3::uuid[])')} as own_organization_ids
  from cases c
  where c.${key} = $1${key === 'id' ? '::uuid' : ''}
  ${
    scoped
      ? `and exists (select 1 from participants p where p.case_id = c.id and p.removed_at is null
           and (p.user_id = $2::uuid or p.organization_id = any($3::uuid[])))`
      : ''
  }`
const VISIBLE_SQL = {
  id: { all: visibleSql('id', false), scoped: visibleSql('id', true) },
  case_number: { all: visibleSql('case_number', false), scoped: visibleSql('case_number', true) },
}

type VisibleCaseRow = CaseRow & { own_user_ids: string[]; own_organization_ids: string[] }

/**
 * The case by id or LS number if the scope lets the caller see it, with the case as the policy
 * sees it (see caseResource); undefined alike for a missing case and one the caller may not see.
 */
export async function findCaseVisibleTo(
  db: Db,
  idOrNumber: string,
  scope: CaseScope,
  party: { userId: string | null; organizationIds: readonly string[] },
): Promise<{ row: CaseRow; resource: Resources['case'] } | undefined> {
  const key = isUuid(idOrNumber) ? 'id' : 'case_number'
  const query = CompiledQuery.raw(VISIBLE_SQL[key][scope === 'all' ? 'all' : 'scoped'], [
    idOrNumber,
    party.userId,
    [...party.organizationIds],
  ])
  const found = (await db.executeQuery<VisibleCaseRow>(query)).rows[0]
  if (!found) return undefined
  const { own_user_ids: userIds, own_organization_ids: organizationIds, ...row } = found
  return {
    row,
    resource: {
      type: 'case',
      participantUserIds: userIds,
      participantOrganizationIds: organizationIds,
      handedOver: handedOverOf(row),
    },
  }
}

/** A case handed over to a peer, as the policy reads it (read-only here from then on). */
const handedOverOf = (c: Pick<CaseRow, 'handed_over_at' | 'handed_over_to'>) =>
  c.handed_over_at && c.handed_over_to ? { to: c.handed_over_to, at: c.handed_over_at.toISOString() } : null

/**
 * The case as the policy sees it, as far as it concerns `actor`: the participant rows that are the
 * actor or one of the actor's organizations. The policy only asks whether the actor takes part, so
 * this answers the same as loading all of them, and a case with a thousand vendors costs one
 * indexed lookup.
 */
export async function caseResource(
  db: Db,
  caseId: string,
  actor: Actor,
  /** The case's row when the caller has it already (a list), saving a query per case. */
  known?: Pick<CaseRow, 'handed_over_at' | 'handed_over_to'>,
): Promise<Resources['case']> {
  const [rows, handed] = await Promise.all([
    ownParticipants(db, caseId, partyOf(actor)),
    known ??
      db.selectFrom('cases').select(['handed_over_at', 'handed_over_to']).where('id', '=', caseId).executeTakeFirst(),
  ])
  return {
    type: 'case',
    participantUserIds: rows.flatMap((r) => (r.user_id ? [r.user_id] : [])),
    participantOrganizationIds: rows.flatMap((r) => (r.organization_id ? [r.organization_id] : [])),
    handedOver: handed ? handedOverOf(handed) : null,
  }
}

export function listCasesVisibleTo(db: Db, scope: CaseScope): Promise<CaseRow[]> {
  if (scopeIsEmpty(scope)) return Promise.resolve([])
  return db
    .selectFrom('cases')
    .select(caseColumns)
    .where(caseVisibleTo(scope))
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute()
}

/** A scope that lets its actor see no case at all (the query need not run). */
export const scopeIsEmpty = (scope: CaseScope): boolean =>
  scope !== 'all' && scope.userId === null && scope.organizationIds.length === 0

/** The WHERE clause of a scope over `cases`: the actor or one of its organizations takes part. */
export function caseVisibleTo(scope: CaseScope) {
  return (eb: ExpressionBuilder<Database, 'cases'>): Expression<SqlBool> => {
    if (scope === 'all') return sql<boolean>`true`
    const { userId, organizationIds } = scope
    return eb.exists(
      eb
        .selectFrom('participants')
        .select('participants.id')
        .whereRef('participants.case_id', '=', 'cases.id')
        .where('participants.removed_at', 'is', null)
        .where((p) =>
          p.or([
            ...(userId !== null ? [p('participants.user_id', '=', userId)] : []),
            ...(organizationIds.length ? [p('participants.organization_id', 'in', organizationIds)] : []),
          ]),
        ),
    )
  }
}

/** A case's vulnerabilities, in the order they were added. */
export function listVulnerabilities(db: Db, caseId: string) {
  return db.selectFrom('vulnerabilities').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute()
}

/**
 * A case's vulnerabilities in the order its advisory numbers them (V1, V2…): as they were added,
 * those added at one instant by id. The release snapshot, the peers' statements placed in it, the
 * OSV ids announced to peers and the VEX documents' ids all read them in this one order.
 */
export function vulnerabilitiesInAdvisoryOrder(db: Db, caseId: string) {
  return db
    .selectFrom('vulnerabilities')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** The reports a case was opened from or merged with, oldest first. */
export function listCaseReports(db: Db, caseId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'tracking_id', 'title'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute()
}

export function listParticipants(
  db: Db,
  caseId: string,
  page?: { limit: number; offset: number; role?: string | undefined },
) {
  return participantsQuery(db, caseId, page).execute()
}

function participantsQuery(
  db: Db,
  caseId: string,
  page?: { limit: number; offset: number; role?: string | undefined },
) {
  let q = db
    .selectFrom('participants')
    .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
    .leftJoin('users', 'users.id', 'participants.user_id')
    .selectAll('participants')
    .select([
      'organizations.name as organization_name',
      'organizations.kind as organization_kind',
      'users.name as user_name',
      identityWithheld.as('identity_withheld'),
    ])
    .where('participants.case_id', '=', caseId)
    .where('participants.removed_at', 'is', null)
    // The coordinator first, then in the order they joined (ties: by name).
    .orderBy(sql`'coordinator' = ANY(participants.roles)`, 'desc')
    .orderBy('participants.created_at')
    .orderBy(sql`coalesce(organizations.name, users.name)`)
  if (page?.role) q = q.where(sql<boolean>`${page.role} = ANY(participants.roles)`)
  if (page) q = q.limit(page.limit).offset(page.offset)
  return q
}

/**
 * A page of the case's participants (see listParticipants) and how many take part in all, whatever
 * the role asked for. Without a role, the total comes with the page's rows (one query, not two).
 */
export async function pageOfParticipants(
  db: Db,
  caseId: string,
  page: { limit: number; offset: number; role?: string | undefined },
) {
  if (page.role) {
    const [items, total] = await Promise.all([listParticipants(db, caseId, page), countParticipants(db, caseId)])
    return { items, total }
  }
  const rows = await participantsQuery(db, caseId, page)
    .select(sql<string>`count(*) OVER ()`.as('in_all'))
    .execute()
  const total = rows[0] ? Number(rows[0].in_all) : page.offset > 0 ? await countParticipants(db, caseId) : 0
  return { items: rows.map(({ in_all: _, ...p }) => p), total }
}

export async function countParticipants(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
