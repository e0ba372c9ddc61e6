// The questions "what needs this person?" asks of the database, each one query over the cases the
// caller's scope lets them see (the commands decide the scope and which questions apply).
import { sql } from 'kysely'
import type { CaseScope } from '../domain/policy/index.js'
import type { Db } from './db.js'

type Party = { userId: string | null; organizationIds: readonly string[] }

/** SQL: the case `alias` is visible under the scope. */
function visibleCase(scope: CaseScope, alias: string) {
  if (scope === 'all') return sql<boolean>`true`
  const orgs = [...scope.organizationIds]
  return sql<boolean>`exists (select 1 from participants vp where vp.case_id = ${sql.ref(`${alias}.id`)}
    and vp.removed_at is null and (vp.user_id = ${scope.userId}::uuid or vp.organization_id = any(${orgs}::uuid[])))`
}

/** Embargoes in force, soonest end first. */
export async function upcomingReleases(db: Db, scope: CaseScope, now: Date, limit = 20) {
  const { rows } = await sql<{ id: string; case_number: string; title: string; embargo_ends_at: Date }>`
    select c.id, c.case_number, c.title, c.embargo_ends_at from cases c
     where c.em_state in ('active', 'revise') and c.embargo_ends_at > ${now} and ${visibleCase(scope, 'c')}
     order by c.embargo_ends_at limit ${limit}`.execute(db)
  return rows
}

/** Per case: vendors told, reminded, still silent; statements whose latest word awaits approval. */
export async function coordinationCounts(db: Db) {
  const { rows } = await sql<{ id: string; case_number: string; title: string; silent: string; waiting: string }>`
    select c.id, c.case_number, c.title,
      (select count(*) from participants p where p.case_id = c.id and p.removed_at is null
         and 'vendor' = any(p.roles) and p.notified_at is not null and p.responded_at is null
         and p.reminded_at is not null) as silent,
      (select count(*) from vendor_statements s where s.case_id = c.id and s.approved_at is null
         and not exists (select 1 from vendor_statements n where n.participant_id = s.participant_id
           and n.vulnerability_id = s.vulnerability_id and n.created_at > s.created_at)) as waiting
    from cases c
    where not exists (select 1 from advisories a where a.case_id = c.id and a.state = 'published')
    order by c.created_at desc limit 500`.execute(db)
  return rows
    .map((r) => ({ ...r, silent: Number(r.silent), waiting: Number(r.waiting) }))
    .filter((r) => r.silent > 0 || r.waiting > 0)
}

/** Reports not yet triaged, oldest first, and how many. */
export async function untriagedReports(db: Db, limit = 5) {
  const q = db.selectFrom('reports').where('state', '=', 'received').where('case_id', 'is', null)
  const [oldest, count] = await Promise.all([
    q.select(['id', 'tracking_id', 'title', 'created_at']).orderBy('created_at').limit(limit).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { oldest, count: Number(count.n) }
}

/** The vendor rows of the caller's party, in cases still under way, with what each has not done. */
export async function vendorAsks(db: Db, party: Party) {
  const orgs = [...party.organizationIds]
  const { rows } = await sql<{
    case_number: string
    title: string
    name: string | null
    responded: boolean
    stated: boolean
    proposals: string
  }>`
    select c.case_number, c.title, coalesce(o.name, u.name) as name,
      p.responded_at is not null as responded, p.statement_at is not null as stated,
      (select count(*) from embargo_consents ec join embargo_proposals ep on ep.id = ec.proposal_id
        where ec.participant_id = p.id and ec.state = 'invited' and ep.status = 'open') as proposals
    from participants p join cases c on c.id = p.case_id
      left join organizations o on o.id = p.organization_id left join users u on u.id = p.user_id
    where p.removed_at is null and 'vendor' = any(p.roles)
      and (p.user_id = ${party.userId}::uuid or p.organization_id = any(${orgs}::uuid[]))
      and not exists (select 1 from advisories a where a.case_id = c.id and a.state = 'published')
    order by c.created_at desc limit 200`.execute(db)
  return rows.map((r) => ({ ...r, proposals: Number(r.proposals) }))
}

/** The reports a signed-in finder sent, newest first. */
export function reportsSentBy(db: Db, userId: string) {
  return db
    .selectFrom('reports')
    .leftJoin('cases', 'cases.id', 'reports.case_id')
    .select(['reports.tracking_id', 'reports.title', 'reports.state', 'reports.updated_at', 'cases.case_number'])
    .where('reports.reporter_user_id', '=', userId)
    .orderBy('reports.created_at', 'desc')
    .limit(50)
    .execute()
}

/** An owner's alerts with components still open, pre-notices first. */
export async function openAlerts(db: Db, organizationIds: readonly string[]) {
  if (organizationIds.length === 0) return []
  const { rows } = await sql<{
    id: string
    organization_id: string
    organization: string
    advisory: string | null
    pre_notice: boolean
    open_items: string
  }>`
    select a.id, a.organization_id, o.name as organization,
      coalesce(adv.public_id, a.external_advisory_id) as advisory,
      a.alerted_at is null as pre_notice,
      (select count(*) from owner_alert_items i where i.alert_id = a.id and i.status = 'open') as open_items
    from owner_alerts a join organizations o on o.id = a.organization_id
      left join advisories adv on adv.id = a.advisory_id
    where a.organization_id = any(${[...organizationIds]}::uuid[])
      and (a.alerted_at is not null or a.pre_noticed_at is not null)
      and exists (select 1 from owner_alert_items i where i.alert_id = a.id and i.status = 'open')
    order by a.alerted_at is null desc, a.created_at desc limit 50`.execute(db)
  return rows.map((r) => ({ ...r, open_items: Number(r.open_items) }))
}
