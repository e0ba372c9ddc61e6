// Users and the actor built from them (their instance role and organization memberships).
import type { Db } from './db.js'
import { containsPattern, isUuid } from './db.js'
import type { NewUser, UserRow } from './schema.js'

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst()
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return Promise.resolve(undefined)
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ ...user, email: normaliseEmail(user.email) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function organizationIdsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('organization_id').where('user_id', '=', userId).execute()
  return rows.map((r) => r.organization_id)
}

/** Which organizations each of these users belongs to (user id, organization id pairs). */
export function membershipsOfUsers(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('memberships')
    .select(['user_id', 'organization_id'])
    .where('user_id', 'in', [...userIds])
    .execute()
}

export interface UserListFilter {
  query?: string | undefined
  limit: number
  offset: number
}

export async function listUsers(db: Db, filter: UserListFilter): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users')
  if (filter.query) {
    const like = containsPattern(filter.query)
    q = q.where((eb) => eb.or([eb('email', 'ilike', like), eb('name', 'ilike', like)]))
  }
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('email').limit(filter.limit).offset(filter.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}
