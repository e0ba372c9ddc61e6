// Users and the actor built from them (their instance role and organization memberships).
import type { UserActor } from '../domain/actor.js'
import type { Db } from './db.js'
import { isUuid } from './db.js'
import type { NewUser, OrganizationRole, UserRow } from './schema.js'

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst()
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined)
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values({ ...user, email: normaliseEmail(user.email) }).returningAll().executeTakeFirstOrThrow()
}

export async function organizationIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('organization_id').where('user_id', '=', userId).execute()
  return rows.map((r) => r.organization_id)
}

/** One round trip: the user (if enabled) with all memberships, as the actor for policy checks. */
export async function loadActor(db: Db, userId: string, via: UserActor['via']): Promise<{ actor: UserActor; user: UserRow } | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst()
  if (!user) return undefined
  const memberships = await db.selectFrom('memberships').select(['organization_id', 'role']).where('user_id', '=', userId).execute()
  const map = new Map<string, OrganizationRole>(memberships.map((m) => [m.organization_id, m.role]))
  return { user, actor: { kind: 'user', userId, instanceRole: user.instance_role, memberships: map, via } }
}

export interface UserListFilter {
  query?: string | undefined
  limit: number
  offset: number
}

export async function listUsers(db: Db, filter: UserListFilter): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users')
  if (filter.query) {
    const like = `%${filter.query.replace(/[\\%_]/g, (c) => '\\' + c)}%`
    q = q.where((eb) => eb.or([eb('email', 'ilike', like), eb('name', 'ilike', like)]))
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('email').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}
