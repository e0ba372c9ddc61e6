// Rows to API shapes. Every resource is presented with the caller's abilities on it.
import type { z } from 'zod'
import type { Actor } from '../../domain/actor.js'
import { abilities, can, type Resources } from '../../domain/policy/index.js'
import { nextVendorEvent, rmMoves, type RmMove } from '../../domain/participantMoves.js'
import type { VendorEvent } from '../../domain/caseStatus.js'
import type { RmState } from '../../domain/reportManagement.js'
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
    scope: t.scope,
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

/**
 * The moves the caller may make on a case's participant now: its RM moves and the vendor event that
 * may come next, each none unless the policy lets the caller state the participant's position. The
 * web UI offers exactly these.
 */
export function participantMoves(
  actor: Actor,
  caseResource: Resources['case'],
  p: {
    user_id: string | null
    organization_id: string | null
    roles: readonly string[]
    rm_state: RmState
    vendor_aware_at: Date | null
    fix_ready_at: Date | null
    fix_deployed_at: Date | null
  },
): { rmMoves: RmMove[]; nextVendorEvent: VendorEvent | null } {
  const resource: Resources['participant'] = {
    type: 'participant',
    case: caseResource,
    userId: p.user_id,
    organizationId: p.organization_id,
    roles: p.roles,
  }
  if (!can(actor, 'state_position', resource)) return { rmMoves: [], nextVendorEvent: null }
  const status = { vendorAware: p.vendor_aware_at, fixReady: p.fix_ready_at, fixDeployed: p.fix_deployed_at }
  return { rmMoves: rmMoves(p.rm_state), nextVendorEvent: nextVendorEvent(p.roles, status, p.rm_state) }
}
