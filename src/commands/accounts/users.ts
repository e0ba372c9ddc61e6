// Creating users and changing what they are: profile, password, instance role, disabled.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js'
import { authorize, type Resources } from '../../domain/policy/index.js'
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../security/passwords.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUniqueViolation } from '../../store/db.js'
import type { InstanceRole, UserRow } from '../../store/schema.js'
import { endOutstandingResets } from '../../store/passwordResets.js'
import { deleteSessionsOfUser } from '../../store/sessions.js'
import {
  findUserById,
  insertUser,
  listUsers,
  normaliseEmail,
  organizationIdsOf,
  organizationIdsOfUsers,
  type UserListFilter,
} from '../../store/users.js'

export async function userResource(db: Db, user: UserRow): Promise<Resources['user']> {
  return {
    type: 'user',
    id: user.id,
    instanceRole: user.instance_role,
    organizationIds: await organizationIdsOf(db, user.id),
  }
}

/** Loads a user the actor may see, or NotFound. */
export async function loadUser(
  db: Db,
  actor: Actor,
  id: string,
  action: Parameters<typeof authorize<'user'>>[1] = 'read',
) {
  const user = await findUserById(db, id)
  if (!user) throw new NotFoundError('user')
  const resource = await userResource(db, user)
  authorize(actor, action, resource)
  return { user, resource }
}

/** Every user, a page at a time, with their organizations: for the staff. */
export async function listUsersFor(db: Db, actor: Actor, filter: UserListFilter) {
  authorize(actor, 'list_users', { type: 'instance' })
  const { rows, total } = await listUsers(db, filter)
  const organizations = await organizationIdsOfUsers(
    db,
    rows.map((r) => r.id),
  )
  return { rows, total, organizationsOf: (id: string) => organizations.get(id) ?? [] }
}

export interface CreateUserProps {
  db: Db
  actor: Actor
  email: string
  name: string
  password?: string | undefined
  instanceRole?: InstanceRole
}

export async function createUser(p: CreateUserProps): Promise<UserRow> {
  authorize(p.actor, 'create_user', { type: 'instance' })
  const email = normaliseEmail(p.email)
  if (p.password !== undefined) checkPasswordStrength(p.password, 'password', email)
  const passwordHash = p.password === undefined ? null : await hashPassword(p.password)
  try {
    return await insertUser(p.db, {
      email,
      name: p.name.trim(),
      password_hash: passwordHash,
      instance_role: p.instanceRole ?? 'none',
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A user with the e-mail address ${email} already exists.`)
    throw error
  }
}

export async function updateProfile(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; timeZone?: string | null | undefined },
) {
  const { user } = await loadUser(db, actor, id, 'update')
  if (patch.timeZone !== undefined && patch.timeZone !== null && !isTimeZone(patch.timeZone)) {
    throw new ValidationError({
      field: 'timeZone',
      message: `"${patch.timeZone}" is not an IANA time zone (for example Europe/Berlin)`,
    })
  }
  return db
    .updateTable('users')
    .set({
      name: patch.name?.trim() ?? user.name,
      // null: the person gives the choice back to their browser.
      time_zone: patch.timeZone === undefined ? user.time_zone : patch.timeZone,
      updated_at: new Date(),
    })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** Changing your own password signs out every other session and ends any reset link not yet used. */
export async function changePassword(
  db: Db,
  user: UserRow,
  currentSessionId: string | null,
  current: string,
  next: string,
): Promise<void> {
  if (!(await verifyPassword(user.password_hash, current)))
    throw new ValidationError({ field: 'currentPassword', message: 'is not your current password' })
  checkPasswordStrength(next, 'newPassword', user.email)
  const hash = await hashPassword(next)
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, updated_at: new Date() })
      .where('id', '=', user.id)
      .execute()
    await deleteSessionsOfUser(trx, user.id, currentSessionId ?? undefined)
    await endOutstandingResets(trx, user.id, new Date())
  })
}

export async function setInstanceRole(db: Db, actor: Actor, id: string, role: InstanceRole): Promise<UserRow> {
  const { user } = await loadUser(db, actor, id, 'change_role')
  return db
    .updateTable('users')
    .set({ instance_role: role, updated_at: new Date() })
    .where('id', '=', user.id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Disabling a user ends all their sessions and makes their API tokens useless. */
export async function setDisabled(db: Db, actor: Actor, id: string, disabled: boolean): Promise<UserRow> {
  const { user } = await loadUser(db, actor, id, 'disable')
  return inTransaction(db, async (trx) => {
    if (disabled) await deleteSessionsOfUser(trx, user.id)
    return trx
      .updateTable('users')
      .set({ disabled_at: disabled ? (user.disabled_at ?? new Date()) : null, updated_at: new Date() })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow()
  })
}

export function requireUser(actor: Actor): asserts actor is Extract<Actor, { kind: 'user' }> {
  if (actor.kind !== 'user') throw new UnauthenticatedError()
}
