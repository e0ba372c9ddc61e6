// Organizations and their members.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import { authorize, type ActionOf } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUniqueViolation } from '../../store/db.js'
import {
  countAdmins,
  findMembership,
  findOrganization,
  insertOrganization,
  slugify,
} from '../../store/organizations.js'
import type { OrganizationKind, OrganizationRole, OrganizationRow } from '../../store/schema.js'
import { organizationColumns } from '../../store/columns.js'

export async function loadOrganization(
  db: Db,
  actor: Actor,
  id: string,
  action: ActionOf<'organization'> = 'read',
): Promise<OrganizationRow> {
  const org = await findOrganization(db, id)
  if (!org) throw new NotFoundError('organization')
  authorize(actor, action, { type: 'organization', id: org.id })
  return org
}

export async function createOrganization(
  db: Db,
  actor: Actor,
  input: { name: string; kind: OrganizationKind; slug?: string | undefined },
): Promise<OrganizationRow> {
  authorize(actor, 'create_organization', { type: 'instance' })
  const slug = input.slug ?? slugify(input.name)
  try {
    return await insertOrganization(db, { name: input.name.trim(), kind: input.kind, slug })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`An organization with the short name "${slug}" already exists.`)
    throw error
  }
}

export async function updateOrganization(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; kind?: OrganizationKind | undefined },
) {
  const org = await loadOrganization(db, actor, id, 'update')
  return db
    .updateTable('organizations')
    .set({ name: patch.name?.trim() ?? org.name, kind: patch.kind ?? org.kind })
    .where('id', '=', org.id)
    .returning(organizationColumns)
    .executeTakeFirstOrThrow()
}

async function loadMembership(
  db: Db,
  actor: Actor,
  organizationId: string,
  userId: string,
  action: 'update' | 'remove',
) {
  const org = await loadOrganization(db, actor, organizationId, 'read')
  const m = await findMembership(db, org.id, userId)
  if (!m) throw new NotFoundError('membership')
  authorize(actor, action, { type: 'membership', organizationId: org.id, userId, role: m.role })
  return m
}

/** An organization always keeps at least one admin, so someone can always invite and manage. */
async function assertNotLastAdmin(db: Db, organizationId: string, role: OrganizationRole): Promise<void> {
  // Lock the organization so two admins demoting each other at once cannot both succeed.
  await db.selectFrom('organizations').select('id').where('id', '=', organizationId).forUpdate().execute()
  if (role === 'admin' && (await countAdmins(db, organizationId)) <= 1) {
    throw new ConflictError("This is the organization's last admin; make someone else admin first.")
  }
}

export async function setMemberRole(
  db: Db,
  actor: Actor,
  organizationId: string,
  userId: string,
  role: OrganizationRole,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const m = await loadMembership(trx, actor, organizationId, userId, 'update')
    if (m.role === role) return
    await assertNotLastAdmin(trx, organizationId, m.role)
    await trx
      .updateTable('memberships')
      .set({ role })
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute()
  })
}

export async function removeMember(db: Db, actor: Actor, organizationId: string, userId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const m = await loadMembership(trx, actor, organizationId, userId, 'remove')
    await assertNotLastAdmin(trx, organizationId, m.role)
    await trx
      .deleteFrom('memberships')
      .where('organization_id', '=', organizationId)
      .where('user_id', '=', userId)
      .execute()
  })
}
