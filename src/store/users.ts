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

/** The organizations of each of these users, in one query (for a page of the user list). */
export async function organizationIdsOfUsers(db: Db, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const rows = userIds.length
    ? await db
        .selectFrom('memberships')
        .select(['user_id', 'organization_id'])
        .where('user_id', 'in', [...userIds])
        .execute()
    : []
  const out = new Map<string, string[]>(userIds.map((id) => [id, []]))
  for (const r of rows) out.get(r.user_id)?.push(r.organization_id)
  return out
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
