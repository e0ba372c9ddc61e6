// Rows to API shapes. Every resource is presented with the caller's abilities on it.
import type { z } from 'zod'
import type { Actor } from '../../domain/actor.js'
import { abilities, type Resources } from '../../domain/policy/index.js'
import { tokenResource } from '../../commands/accounts/apiTokens.js'
import { invitationResource, invitationState } from '../../commands/accounts/invitations.js'
import type { ApiTokenRow, InvitationRow, OrganizationRole, OrganizationRow, UserRow } from '../../store/schema.js'
import type * as s from './schemas.js'

const iso = (d: Date): string => d.toISOString()
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null)

export function presentUser(actor: Actor, u: UserRow, organizationIds: readonly string[]): z.infer<typeof s.user> {
  const resource: Resources['user'] = { type: 'user', id: u.id, instanceRole: u.instance_role, organizationIds }
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    instanceRole: u.instance_role,
    timeZone: u.time_zone,
    totpEnabled: u.totp_enabled_at !== null,
    disabled: u.disabled_at !== null,
    createdAt: iso(u.created_at),
    abilities: abilities(actor, resource),
  }
}

export function presentOrganization(actor: Actor, o: OrganizationRow): z.infer<typeof s.organization> {
  return {
    id: o.id,
    name: o.name,
    slug: o.slug,
    kind: o.kind,
    website: o.website,
    notes: o.notes,
    embargo: { preferredDays: o.embargo_preferred_days, minDays: o.embargo_min_days, maxDays: o.embargo_max_days },
    criticalInfrastructure: o.critical_infrastructure,
    createdAt: iso(o.created_at),
    abilities: abilities(actor, { type: 'organization', id: o.id }),
  }
}

export function presentMember(
  actor: Actor,
  organizationId: string,
  m: { user_id: string; name: string; email: string; role: OrganizationRole; created_at: Date },
): z.infer<typeof s.member> {
  return {
    userId: m.user_id,
    name: m.name,
    email: m.email,
    role: m.role,
    since: iso(m.created_at),
    abilities: abilities(actor, { type: 'membership', organizationId, userId: m.user_id, role: m.role }),
  }
}

export function presentApiToken(actor: Actor, t: ApiTokenRow): z.infer<typeof s.apiToken> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: iso(t.created_at),
    lastUsedAt: isoOrNull(t.last_used_at),
    expiresAt: isoOrNull(t.expires_at),
    revokedAt: isoOrNull(t.revoked_at),
    abilities: abilities(actor, tokenResource(t)),
  }
}

export function presentInvitation(
  actor: Actor,
  i: InvitationRow & { organization_name?: string | null },
): z.infer<typeof s.invitation> {
  return {
    id: i.id,
    email: i.email,
    organizationId: i.organization_id,
    organizationName: i.organization_name ?? null,
    organizationRole: i.organization_role,
    instanceRole: i.instance_role,
    state: invitationState(i),
    createdAt: iso(i.created_at),
    expiresAt: iso(i.expires_at),
    abilities: abilities(actor, invitationResource(i)),
  }
}

/** `reader`: which side is looking, and when it last read, to mark what the other side wrote since. */
export function presentReportMessage(
  m: {
    id: string
    author: 'reporter' | 'coordinator'
    author_name: string | null
    body: string
    tlp: z.infer<typeof s.tlpLabel>
    created_at: Date
  },
  reader: { side: 'reporter' | 'coordinator'; lastReadAt: Date | null },
): z.infer<typeof s.reportMessage> {
  const unread = m.author !== reader.side && (reader.lastReadAt === null || m.created_at > reader.lastReadAt)
  return {
    id: m.id,
    author: m.author,
    authorName: m.author === 'coordinator' ? (m.author_name ?? 'Coordinator') : 'Reporter',
    body: m.body,
    tlp: m.tlp,
    at: m.created_at.toISOString(),
    unread,
  }
}
