// Invitations by link. Until e-mail arrives the link is shown to whoever invited (admin page, CLI).
// Accepting creates the account (or joins an existing one to the organization) in one transaction.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js'
import { authorize, can, organizationsWhere, type InvitationState, type Resources } from '../../domain/policy/index.js'
import { checkPasswordStrength, hashPassword } from '../../security/passwords.js'
import { hashSecret, newSecret } from '../../security/tokens.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { addMembership, findOrganization } from '../../store/organizations.js'
import type { InstanceRole, InvitationRow, OrganizationRole, UserRow } from '../../store/schema.js'
import { findUserByEmail, insertUser, normaliseEmail } from '../../store/users.js'
import { actorUserId } from '../../domain/actor.js'

export const INVITATION_DAYS = 7

export function invitationState(i: InvitationRow, now = new Date()): InvitationState {
  if (i.revoked_at) return 'revoked'
  if (i.accepted_at) return 'accepted'
  if (i.expires_at <= now) return 'expired'
  return 'pending'
}

export const invitationResource = (i: InvitationRow): Resources['invitation'] => ({
  type: 'invitation',
  organizationId: i.organization_id,
  instanceRole: i.instance_role,
  state: invitationState(i),
})

export interface CreateInvitationProps {
  db: Db
  actor: Actor
  email: string
  organizationId?: string | null | undefined
  organizationRole?: OrganizationRole | undefined
  instanceRole?: InstanceRole | undefined
}

export async function createInvitation(
  p: CreateInvitationProps,
): Promise<{ token: string; invitation: InvitationRow }> {
  const email = normaliseEmail(p.email)
  const instanceRole = p.instanceRole ?? 'none'
  if (p.organizationId) {
    const org = await findOrganization(p.db, p.organizationId)
    if (!org) throw new NotFoundError('organization')
    authorize(p.actor, 'invite', { type: 'organization', id: org.id })
  }
  if (instanceRole !== 'none') authorize(p.actor, 'invite_staff', { type: 'instance' })
  if (!p.organizationId && instanceRole === 'none') {
    throw new ValidationError({
      field: 'organizationId',
      message: 'is required unless the invitation grants an instance role',
    })
  }
  const token = newSecret()
  const invitation = await p.db
    .insertInto('invitations')
    .values({
      token_hash: hashSecret(token),
      email,
      organization_id: p.organizationId ?? null,
      organization_role: p.organizationId ? (p.organizationRole ?? 'member') : null,
      instance_role: instanceRole,
      invited_by: actorUserId(p.actor),
      expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { token, invitation }
}

export async function findInvitationByToken(db: Db, token: string): Promise<InvitationRow> {
  const row = await db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row) throw new NotFoundError('invitation')
  const state = invitationState(row)
  if (state !== 'pending')
    throw new ConflictError(
      `This invitation was ${state === 'expired' ? 'valid until ' + row.expires_at.toISOString() : state}; ask for a new one.`,
    )
  return row
}

export interface AcceptInvitationProps {
  db: Db
  token: string
  name?: string | undefined
  password?: string | undefined
  /** The signed-in user accepting, if any: an existing account must be signed in to join. */
  signedInUserId?: string | null | undefined
}

/** For a new address the name and password make the account; an existing account just joins. */
export async function acceptInvitation(p: AcceptInvitationProps): Promise<{ user: UserRow; created: boolean }> {
  return inTransaction(p.db, async (trx) => {
    const invitation = await findInvitationByToken(trx, p.token)
    const locked = await trx
      .selectFrom('invitations')
      .select('id')
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!locked) throw new ConflictError('This invitation was accepted already.')
    let user = await findUserByEmail(trx, invitation.email)
    const created = !user
    if (!user) {
      const problems = []
      if (!p.name?.trim()) problems.push({ field: 'name', message: 'is required to create your account' })
      if (!p.password) problems.push({ field: 'password', message: 'is required to create your account' })
      if (problems.length) throw new ValidationError(problems)
      checkPasswordStrength(p.password!, 'password', invitation.email)
      user = await insertUser(trx, {
        email: invitation.email,
        name: p.name!.trim(),
        password_hash: await hashPassword(p.password!),
        instance_role: invitation.instance_role,
      })
    } else if (p.signedInUserId !== user.id) {
      throw new ConflictError(
        `An account for ${invitation.email} exists already: sign in as ${invitation.email}, then open the link again.`,
      )
    } else if (rank(invitation.instance_role) > rank(user.instance_role)) {
      user = await trx
        .updateTable('users')
        .set({ instance_role: invitation.instance_role })
        .where('id', '=', user.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    }
    if (invitation.organization_id)
      await addMembership(trx, user.id, invitation.organization_id, invitation.organization_role ?? 'member')
    await trx
      .updateTable('invitations')
      .set({ accepted_at: new Date(), accepted_by: user.id })
      .where('id', '=', invitation.id)
      .execute()
    return { user, created }
  })
}

const rank = (r: InstanceRole): number => ['none', 'coordinator', 'admin'].indexOf(r)

export async function revokeInvitation(db: Db, actor: Actor, id: string): Promise<InvitationRow> {
  const row = isUuid(id)
    ? await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined
  if (!row) throw new NotFoundError('invitation')
  authorize(actor, 'revoke', invitationResource(row))
  return db
    .updateTable('invitations')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Invitations the actor may see: all for staff, their organizations' for organization admins. */
export function listInvitationsVisibleTo(db: Db, actor: Actor, organizationId?: string) {
  let q = db
    .selectFrom('invitations')
    .leftJoin('organizations', 'organizations.id', 'invitations.organization_id')
    .selectAll('invitations')
    .select('organizations.name as organization_name')
    .orderBy('invitations.created_at', 'desc')
    .limit(500)
  if (organizationId) q = q.where('invitations.organization_id', '=', organizationId)
  if (!can(actor, 'list_invitations', { type: 'instance' })) {
    // An organization's admins see the invitations of the organizations they invite to (the
    // invitation read rule says the same of each one).
    const scope = organizationsWhere(actor, 'invite')
    if (scope.length === 0) return Promise.resolve([])
    q = q.where('invitations.organization_id', 'in', scope)
  }
  return q.execute()
}
