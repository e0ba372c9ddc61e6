// The foundations of who may do what: the instance, users, organizations, memberships, tokens,
// invitations, reports, cases, threads and participants. The rules of case work, the release, the
// embargo and reports' assignees are in the files beside this one.
import { isAdmin, isMemberOf, isOrganizationAdmin, isSelf, isStaff } from '../../actor.js'
import { allow } from '../policy.js'
import { isParticipant, participates } from '../participation.js'

// Instance: the admin pages and the actions that are not about one existing resource.
allow('instance', ['administer', 'create_user', 'invite_staff'], isAdmin)
allow(
  'instance',
  ['list_users', 'create_organization', 'list_invitations', 'list_reports', 'open_case', 'list_vendors'],
  isStaff,
)
// A token cannot mint tokens: a leaked one must not be able to outlive its revocation. Tokens are
// created signed in (the web UI) or at the console (the CLI, as the system actor).
allow('instance', 'create_api_token', (a) => a.via !== 'token')
// The programme's figures over every case and vendor, and bringing years of archived cases in.
allow('instance', ['read_metrics', 'import_archive'], isStaff)
// Federation: which other instances this one trusts, and what it has exchanged with them, is the
// admin's, as the instance's keys are: a peer pinned here can speak for a whole coordinator.
allow('instance', ['list_peers', 'manage_peers'], isAdmin)
// A case offered by a peer is coordination work, not the instance's keys: its coordinators see the
// offers and accept (opening a shared case here) or decline them.
allow('instance', ['list_peer_offers', 'answer_peer_offer'], isStaff)
// Only a demo is ever wiped and seeded again, and only by its admin: a real instance never.
allow('demo_instance', 'reset', (a, d) => isAdmin(a) && d.recorded)

// Users: you, the staff, and the people you work with in an organization.
allow('user', 'read', (a, u) => isSelf(a, u.id) || isStaff(a) || u.organizationIds.some((id) => isMemberOf(a, id)))
allow('user', 'update', (a, u) => isSelf(a, u.id) || isAdmin(a))
// An admin never demotes or disables themself: the instance must keep one admin who can act.
allow('user', ['change_role', 'disable'], (a, u) => isAdmin(a) && !isSelf(a, u.id))
allow('user', 'issue_password_reset', (a, u) => isAdmin(a) && !isSelf(a, u.id))
// Staff must keep an authenticator; anyone else may drop theirs. Someone who lost their phone or
// key asks an admin, who clears their second factors (staff then enrol again at the next sign-in).
allow('user', 'remove_authenticator', (a, u) => isSelf(a, u.id) && u.instanceRole === 'none')
allow('user', 'reset_second_factors', (a, u) => isAdmin(a) && !isSelf(a, u.id))

// Organizations: members see their own; staff see all; org admins run theirs.
allow('organization', 'read', (a, o) => isStaff(a) || isMemberOf(a, o.id))
allow('organization', 'update', (a, o) => isAdmin(a) || isOrganizationAdmin(a, o.id))
allow('organization', ['invite', 'manage_members'], (a, o) => isStaff(a) || isOrganizationAdmin(a, o.id))
// Who the organization is reached at by mail, and with which keys: its admins, and the coordinators
// who keep the vendor directory.
allow('organization', 'manage_contacts', (a, o) => isStaff(a) || isOrganizationAdmin(a, o.id))
// A vendor's members may open a case about its products, for the instance to coordinate.
allow('organization', 'open_case', (a, o) => isStaff(a) || isMemberOf(a, o.id))
// A vendor sees its own figures (how fast it answered, how often it never did); staff see every vendor's.
allow('organization', 'read_metrics', (a, o) => isStaff(a) || isMemberOf(a, o.id))
// An owner's inventory is kept by its members (a CI pipeline uploads with a member's API token);
// the coordinators may too, and alone flag an owner as critical infrastructure.
allow('organization', 'manage_inventory', (a, o) => isStaff(a) || isMemberOf(a, o.id))
allow('organization', 'flag_critical', isStaff)

// Memberships follow their organization; anyone may leave an organization.
allow('membership', 'read', (a, m) => isStaff(a) || isMemberOf(a, m.organizationId))
allow('membership', 'update', (a, m) => isStaff(a) || isOrganizationAdmin(a, m.organizationId))
allow('membership', 'remove', (a, m) => isStaff(a) || isOrganizationAdmin(a, m.organizationId) || isSelf(a, m.userId))

// API tokens are personal: only their owner sees them; admins may revoke any (a leaked token).
allow('api_token', 'read', (a, t) => isSelf(a, t.userId) || isAdmin(a))
allow('api_token', 'revoke', (a, t) => !t.revoked && (isSelf(a, t.userId) || isAdmin(a)))

// Invitations: staff see all; org admins see their organization's; only pending ones are revoked.
const managesInvitation = (
  a: Parameters<typeof isStaff>[0],
  i: { organizationId: string | null; instanceRole: string },
) => (i.instanceRole !== 'none' ? isAdmin(a) : isStaff(a) || isOrganizationAdmin(a, i.organizationId))
allow('invitation', 'read', (a, i) => isStaff(a) || isOrganizationAdmin(a, i.organizationId))
allow('invitation', 'revoke', (a, i) => i.state === 'pending' && managesInvitation(a, i))

// Reports: the coordinator staff triage them; a reporter with an account sees their own (an
// anonymous or link-only reporter follows up through the private link instead).
allow('report', 'read', (a, r) => isStaff(a) || (r.reporterUserId !== null && isSelf(a, r.reporterUserId)))
allow('report', 'triage', isStaff)
// Sending a report on to peer instances (onward notification) is the coordinator staff's, as triage is.
allow('report', 'send_to_peer', isStaff)

// Cases: only their participants (a person, or the members of a participating organization) and
// the coordinator staff know a case exists. The ledger, which says who was shown what, is staff's.
allow('case', 'read', (a, c) => isStaff(a) || participates(a, c))
allow('case', ['update', 'read_ledger'], isStaff)
// Offering a case to a pinned peer instance is the coordinators' call (what crosses is filtered by
// the case's TLP and threads in domain/federation/caseOffer.ts, whoever asks).
allow('case', 'offer_to_peer', isStaff)
// Its signed heads are for everyone in the case to fetch and keep, so that a ledger rewritten in the
// database can be caught against copies held elsewhere. A head says how long the ledger is and when
// it last grew, never what an entry says.
allow('case', 'read_ledger_heads', (a, c) => isStaff(a) || participates(a, c))

// Threads: the case-wide one is for everyone in the case; a private one only for the staff and
// the participant it is with (a person, or the members of an organization).
allow('thread', ['read', 'post'], (a, t) => {
  if (isStaff(a)) return true
  if (!t.privateTo) return participates(a, t.case)
  return (
    (t.privateTo.userId !== null && isSelf(a, t.privateTo.userId)) ||
    (t.privateTo.organizationId !== null && isMemberOf(a, t.privateTo.organizationId))
  )
})

// A participant's own position: a vendor states, per vulnerability, whether it is affected and
// when its fix is ready or deployed; its members do so in its name, and the staff on its behalf.
// Everyone in the case may see the participant (the case page lists them).
allow('participant', 'read', (a, p) => isStaff(a) || participates(a, p.case))
// ...under its name, unless it is a finder who asked to stay anonymous: then only the coordinator
// staff and the finder themself know who it is; vendors and the others see "Anonymous finder".
allow(
  'participant_identity',
  'read',
  (a, p) => isStaff(a) || (participates(a, p.case) && (!p.withheld || isParticipant(a, p.participant))),
)
allow('participant', 'state_position', (a, p) => isStaff(a) || (p.roles.includes('vendor') && isParticipant(a, p)))
// The embargo is agreed between the parties: each one that works the case (not an observer)
// proposes, counters and answers in its own name; the staff on anyone's behalf.
allow(
  'participant',
  'negotiate_embargo',
  (a, p) => isStaff(a) || (p.roles.some((r) => r !== 'observer') && isParticipant(a, p)),
)
