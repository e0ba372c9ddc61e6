// Organizations and memberships. Listing is scoped by what the policy lets the caller see (an
// OrganizationScope: every organization, or the caller's own).
import type { OrganizationScope } from '../domain/policy/index.js'
import type { Db } from './db.js'
import { containsPattern, isUuid } from './db.js'
import { batchedById } from './batchedById.js'
import type { OrganizationKind, OrganizationRole, OrganizationRow } from './schema.js'
import { organizationColumns, qualified } from './columns.js'

// Loaded by nearly every request about an organization: concurrent requests share one query
// (see batchedById.ts).
const organizationById = batchedById<OrganizationRow>('organizations')

export async function findOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
  if (!isUuid(id)) return undefined
  return organizationById(db, id)
}

export function findOrganizationBySlug(db: Db, slug: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').select(organizationColumns).where('slug', '=', slug).executeTakeFirst()
}

export function listOrganizationsVisibleTo(
  db: Db,
  scope: OrganizationScope,
  filter: { kind?: OrganizationKind | undefined; query?: string | undefined },
): Promise<OrganizationRow[]> {
  let q = db.selectFrom('organizations').select(organizationColumns)
  if (scope !== 'all') {
    if (scope.organizationIds.length === 0) return Promise.resolve([])
    q = q.where('id', 'in', scope.organizationIds)
  }
  if (filter.kind) q = q.where('kind', '=', filter.kind)
  if (filter.query) q = q.where('name', 'ilike', containsPattern(filter.query))
  return q.orderBy('name').limit(500).execute()
}

/** The organizations a user belongs to, with their role in each. */
export function listMembershipsOf(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(qualified('organizations', organizationColumns))
    .select('memberships.role')
    .where('memberships.user_id', '=', userId)
    .orderBy('organizations.name')
    .execute()
}

export function insertOrganization(
  db: Db,
  org: { name: string; slug: string; kind: OrganizationKind },
): Promise<OrganizationRow> {
  return db.insertInto('organizations').values(org).returning(organizationColumns).executeTakeFirstOrThrow()
}

export async function addMembership(
  db: Db,
  userId: string,
  organizationId: string,
  role: OrganizationRole,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ user_id: userId, organization_id: organizationId, role })
    .onConflict((oc) => oc.columns(['user_id', 'organization_id']).doUpdateSet({ role }))
    .execute()
}

export function findMembership(db: Db, organizationId: string, userId: string) {
  if (!isUuid(userId)) return Promise.resolve(undefined)
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

export function listMembers(db: Db, organizationId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as user_id', 'users.name', 'users.email', 'memberships.role', 'memberships.created_at'])
    .where('memberships.organization_id', '=', organizationId)
    .orderBy('users.name')
    .execute()
}

export async function countAdmins(db: Db, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
  return s || 'organization'
}
