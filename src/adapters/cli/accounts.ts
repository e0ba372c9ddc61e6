// `lockstep user ...` and `lockstep org ...`: what an operator does at the console, as the system
// actor. Links are printed because e-mail delivery comes later.
import type { Command } from 'commander'
import { system } from '../../domain/actor.js'
import { NotFoundError, ValidationError } from '../../domain/errors.js'
import { createUser } from '../../commands/accounts/users.js'
import { createInvitation } from '../../commands/accounts/invitations.js'
import { issuePasswordReset } from '../../commands/accounts/passwordResets.js'
import { createApiToken } from '../../commands/accounts/apiTokens.js'
import { createOrganization } from '../../commands/organizations/organizations.js'
import { addMembership, findOrganizationBySlug } from '../../store/organizations.js'
import { findUserByEmail } from '../../store/users.js'
import type { InstanceRole, OrganizationKind, OrganizationRole } from '../../store/schema.js'
import { withDatabase } from './withDatabase.js'

const say = (line: string) => process.stdout.write(line + '\n')
const roles = ['none', 'coordinator', 'admin']
const kinds = ['coordinator', 'vendor', 'finder', 'owner', 'other']

function oneOf(value: string, allowed: string[], field: string): string {
  if (!allowed.includes(value))
    throw new ValidationError({ field, message: `must be one of ${allowed.join(', ')} (got "${value}")` })
  return value
}

export function accountCommands(program: Command): void {
  const user = program.command('user').description('Create users, invite them, reset passwords')

  user
    .command('create')
    .description('Create a user; without --password, prints a link where they set one')
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'initial password (at least 12 characters); prefer the link')
    .option('--role <role>', `instance role: ${roles.join(', ')}`, 'none')
    .option('--org <slug>', 'add to this organization')
    .option('--org-role <role>', 'role in the organization: admin, member', 'member')
    .action(
      async (o: { email: string; name: string; password?: string; role: string; org?: string; orgRole: string }) => {
        await withDatabase(async (db, publicUrl) => {
          const role = oneOf(o.role, roles, 'role') as InstanceRole
          const org = o.org ? await findOrganizationBySlug(db, o.org) : undefined
          if (o.org && !org) throw new NotFoundError(`organization "${o.org}"`)
          const created = await createUser({
            db,
            actor: system,
            email: o.email,
            name: o.name,
            password: o.password,
            instanceRole: role,
          })
          if (org)
            await addMembership(
              db,
              created.id,
              org.id,
              oneOf(o.orgRole, ['admin', 'member'], 'org-role') as OrganizationRole,
            )
          say(`created ${created.email} (${created.instance_role === 'none' ? 'user' : created.instance_role})`)
          if (!o.password) {
            const { token, expiresAt } = await issuePasswordReset(db, system, created.id)
            say(`set-password link (valid until ${expiresAt.toISOString()}): ${publicUrl}/reset/${token}`)
          }
        })
      },
    )

  user
    .command('invite')
    .description('Invite someone by link, to an organization and/or as staff')
    .requiredOption('--email <email>', 'e-mail address')
    .option('--org <slug>', 'organization to join')
    .option('--org-role <role>', 'role in the organization: admin, member', 'member')
    .option('--role <role>', `instance role: ${roles.join(', ')}`, 'none')
    .action(async (o: { email: string; org?: string; orgRole: string; role: string }) => {
      await withDatabase(async (db, publicUrl) => {
        const org = o.org ? await findOrganizationBySlug(db, o.org) : undefined
        if (o.org && !org) throw new NotFoundError(`organization "${o.org}"`)
        const { token, invitation } = await createInvitation({
          db,
          actor: system,
          email: o.email,
          organizationId: org?.id,
          organizationRole: oneOf(o.orgRole, ['admin', 'member'], 'org-role') as OrganizationRole,
          instanceRole: oneOf(o.role, roles, 'role') as InstanceRole,
        })
        say(
          `invitation for ${invitation.email} (valid until ${invitation.expires_at.toISOString()}): ${publicUrl}/invite/${token}`,
        )
      })
    })

  user
    .command('reset-password')
    .description('Print a password reset link for a user')
    .requiredOption('--email <email>', 'e-mail address')
    .action(async (o: { email: string }) => {
      await withDatabase(async (db, publicUrl) => {
        const found = await findUserByEmail(db, o.email)
        if (!found) throw new NotFoundError(`user ${o.email}`)
        const { token, expiresAt } = await issuePasswordReset(db, system, found.id)
        say(`reset link for ${found.email} (valid until ${expiresAt.toISOString()}): ${publicUrl}/reset/${token}`)
      })
    })

  user
    .command('token')
    .description("Create a personal API token for a user's scripts (printed once)")
    .requiredOption('--email <email>', 'e-mail address')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--days <days>', 'expire after this many days (required for staff, at most 90)')
    .option('--scope <scope>', 'read or read_write (required for staff)')
    .action(async (o: { email: string; name: string; days?: string; scope?: string }) => {
      await withDatabase(async (db) => {
        const found = await findUserByEmail(db, o.email)
        if (!found) throw new NotFoundError(`user ${o.email}`)
        if (o.scope !== undefined && o.scope !== 'read' && o.scope !== 'read_write')
          throw new Error('--scope must be read or read_write')
        const { token } = await createApiToken(db, found.id, o.name, {
          expiresInDays: o.days ? Number(o.days) : undefined,
          scope: o.scope,
        })
        say(token)
      })
    })

  program
    .command('org')
    .description('Manage organizations')
    .command('create')
    .description('Create an organization')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--kind <kind>', `kind: ${kinds.join(', ')}`)
    .option('--slug <slug>', 'short name (default: from the name)')
    .action(async (o: { name: string; kind: string; slug?: string }) => {
      await withDatabase(async (db) => {
        const org = await createOrganization(db, system, {
          name: o.name,
          kind: oneOf(o.kind, kinds, 'kind') as OrganizationKind,
          slug: o.slug,
        })
        say(`created ${org.kind} organization "${org.name}" (${org.slug}, ${org.id})`)
      })
    })
}
