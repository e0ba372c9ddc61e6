// The policy tables of test/policy/matrices.ts, checked through HTTP: every API route declares
// its access; every policy-guarded route has a probe here; each probe's status code, for every kind
// of actor, is what the table says (404 hidden, 403 denied, 2xx allowed, 401 for anonymous).
import { releaseCase } from '../../src/commands/release/release.js'
import { ensureAdvisory } from '../../src/commands/release/drafts.js'
import { inTransaction } from '../../src/store/db.js'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn, type ApiTestContext } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'
import { covered, matrices } from '../policy/matrices.js'
import { actorKinds, type ActorKind } from '../policy/world.js'
import { addMembership } from '../../src/store/organizations.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import { createInvitation } from '../../src/commands/accounts/invitations.js'
import { system } from '../../src/domain/actor.js'
import { generateInstanceKey, inspectPublicKey } from '../../src/mail/pgp.js'
import type { OrganizationRow, UserRow } from '../../src/store/schema.js'
import { federationProbes } from '../support/federationProbes.js'

interface World {
  orgA: OrganizationRow
  orgB: OrganizationRow
  self: UserRow
  clients: Record<ActorKind, Client>
}

interface Probe {
  route: string // "METHOD /api/v1/path/:param" exactly as registered
  cell: [resource: string, action: string, state: string]
  request: (t: ApiTestContext, w: World) => Promise<{ url: string; body?: unknown; headers?: Record<string, string> }>
  /** The status a denial is answered with when it is not 403: a rule about the resource's state (409). */
  deniedAs?: number
}

const file = (text: string) => ({ body: Buffer.from(text), headers: { 'content-type': 'application/octet-stream' } })

let n = 0
const fresh = () => `probe-${Date.now()}-${n++}@example.test`

const probes: Probe[] = [
  ...federationProbes,
  {
    route: 'GET /api/v1/users',
    cell: ['instance', 'list_users', 'instance'],
    request: async () => ({ url: '/api/v1/users' }),
  },
  {
    route: 'POST /api/v1/users',
    cell: ['instance', 'create_user', 'instance'],
    request: async () => ({
      url: '/api/v1/users',
      body: { email: fresh(), name: 'Probe', password: 'a long probe password' },
    }),
  },
  {
    route: 'POST /api/v1/organizations',
    cell: ['instance', 'create_organization', 'instance'],
    request: async () => ({ url: '/api/v1/organizations', body: { name: `Probe ${n++}`, kind: 'vendor' } }),
  },
  {
    route: 'GET /api/v1/users/:id',
    cell: ['user', 'read', 'memberOfA'],
    request: async (_t, w) => ({ url: `/api/v1/users/${w.self.id}` }),
  },
  {
    route: 'PATCH /api/v1/users/:id',
    cell: ['user', 'update', 'memberOfA'],
    request: async (_t, w) => ({ url: `/api/v1/users/${w.self.id}`, body: { name: w.self.name } }),
  },
  {
    route: 'PUT /api/v1/users/:id/role',
    cell: ['user', 'change_role', 'memberOfA'],
    request: async (_t, w) => ({ url: `/api/v1/users/${w.self.id}/role`, body: { instanceRole: 'none' } }),
  },
  {
    route: 'PUT /api/v1/users/:id/disabled',
    cell: ['user', 'disable', 'memberOfA'],
    request: async (_t, w) => ({ url: `/api/v1/users/${w.self.id}/disabled`, body: { disabled: false } }),
  },
  {
    route: 'DELETE /api/v1/users/:id/second-factors',
    cell: ['user', 'reset_second_factors', 'memberOfA'],
    // A fresh member of A, not "self": resetting ends the target's sessions. For this action the
    // table gives self the same answer as any other member, so the probe stays exact.
    request: async (t, w) => ({ url: `/api/v1/users/${(await makeMember(t.db, w.orgA, 'member')).id}/second-factors` }),
  },
  {
    route: 'POST /api/v1/users/:id/password-reset',
    cell: ['user', 'issue_password_reset', 'memberOfA'],
    request: async (_t, w) => ({ url: `/api/v1/users/${w.self.id}/password-reset`, body: {} }),
  },
  {
    route: 'GET /api/v1/metrics',
    cell: ['instance', 'read_metrics', 'instance'],
    request: async () => ({ url: '/api/v1/metrics?year=2003' }),
  },
  {
    route: 'GET /api/v1/metrics/:chart/csv',
    cell: ['instance', 'read_metrics', 'instance'],
    request: async () => ({ url: '/api/v1/metrics/response-times/csv' }),
  },
  {
    route: 'GET /api/v1/organizations/:id/metrics',
    cell: ['organization', 'read_metrics', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/metrics` }),
  },
  {
    route: 'GET /api/v1/organizations/:id/metrics/:chart/csv',
    cell: ['organization', 'read_metrics', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/metrics/histories/csv?year=2003` }),
  },
  {
    route: 'GET /api/v1/organizations/:id',
    cell: ['organization', 'read', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}` }),
  },
  {
    route: 'PATCH /api/v1/organizations/:id',
    cell: ['organization', 'update', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}`, body: { name: w.orgA.name } }),
  },
  {
    route: 'GET /api/v1/organizations/:id/members',
    cell: ['organization', 'read', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/members` }),
  },
  {
    route: 'PUT /api/v1/organizations/:id/members/:userId',
    cell: ['membership', 'update', 'selfInA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/members/${w.self.id}`,
      body: { role: 'member' },
    }),
  },
  {
    route: 'DELETE /api/v1/organizations/:id/members/:userId',
    cell: ['membership', 'remove', 'selfInA'],
    request: async (t, w) => {
      await addMembership(t.db, w.self.id, w.orgA.id, 'member')
      return { url: `/api/v1/organizations/${w.orgA.id}/members/${w.self.id}` }
    },
  },
  {
    route: 'POST /api/v1/invitations',
    cell: ['organization', 'invite', 'orgA'],
    request: async (_t, w) => ({ url: '/api/v1/invitations', body: { email: fresh(), organizationId: w.orgA.id } }),
  },
  {
    route: 'DELETE /api/v1/invitations/:id',
    cell: ['invitation', 'revoke', 'pendingToA'],
    request: async (t, w) => {
      const { invitation } = await createInvitation({
        db: t.db,
        actor: system,
        email: fresh(),
        organizationId: w.orgA.id,
      })
      return { url: `/api/v1/invitations/${invitation.id}` }
    },
  },
  {
    route: 'GET /api/v1/reports',
    cell: ['instance', 'list_reports', 'instance'],
    request: async () => ({ url: '/api/v1/reports' }),
  },
  {
    route: 'GET /api/v1/reports/:id',
    cell: ['report', 'read', 'bySelf'],
    request: async (t, w) => ({ url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}` }),
  },
  {
    route: 'POST /api/v1/reports/:id/read',
    cell: ['report', 'read', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/read`,
    }),
  },
  {
    route: 'POST /api/v1/reports/:id/transitions',
    cell: ['report', 'triage', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/transitions`,
      body: { event: 'validate' },
    }),
  },
  {
    route: 'PUT /api/v1/reports/:id/assignee',
    cell: ['report', 'triage', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/assignee`,
      body: { userId: null },
    }),
  },
  {
    route: 'POST /api/v1/reports/:id/messages',
    cell: ['report', 'triage', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/messages`,
      body: { body: 'Can you share a crash log?' },
    }),
  },
  {
    route: 'GET /api/v1/reports/:id/similar',
    cell: ['report', 'triage', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/similar`,
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/reports',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/reports`,
      body: { reportId: (await makeReport(t.db, { state: 'valid' })).id },
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/events',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/events`,
      body: { event: 'attacksObserved' },
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/participants/:participantId/events',
    cell: ['participant', 'state_position', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/participants/${c.orgAParticipantId}/events`,
        body: { event: 'vendorAware' },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/participants/:participantId/transitions',
    cell: ['participant', 'state_position', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/participants/${c.orgAParticipantId}/transitions`,
        body: { event: 'validate' },
      }
    },
  },
  {
    route: 'PUT /api/v1/reports/:id/scores',
    cell: ['report', 'triage', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/scores`,
      body: { cwe: 'CWE-120' },
    }),
  },
  {
    route: 'POST /api/v1/cases',
    cell: ['instance', 'open_case', 'instance'],
    request: async (t) => ({
      url: '/api/v1/cases',
      body: { reportIds: [(await makeReport(t.db, { state: 'valid' })).id], title: 'Probe case' },
    }),
  },
  {
    route: 'GET /api/v1/cases/:id',
    cell: ['case', 'read', 'selfTakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await makeCase(t, { finder: w.self })).id}` }),
  },
  {
    route: 'GET /api/v1/cases/:id/ledger',
    cell: ['case', 'read_ledger', 'selfTakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await makeCase(t, { finder: w.self })).id}/ledger` }),
  },
  {
    route: 'GET /api/v1/cases/:id/ledger/heads',
    cell: ['case', 'read_ledger_heads', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/ledger/heads` }),
  },
  {
    route: 'GET /api/v1/cases/:id/participants',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/participants` }),
  },
  {
    route: 'GET /api/v1/cases/:id/threads',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/threads` }),
  },
  {
    route: 'GET /api/v1/cases/:id/threads/:thread',
    cell: ['thread', 'read', 'privateToOrgA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return { url: `/api/v1/cases/${c.caseId}/threads/${c.orgAParticipantId}` }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/threads/:thread/messages',
    cell: ['thread', 'read', 'privateToOrgA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return { url: `/api/v1/cases/${c.caseId}/threads/${c.orgAParticipantId}/messages` }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/threads/:thread/read',
    cell: ['thread', 'read', 'privateToOrgA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return { url: `/api/v1/cases/${c.caseId}/threads/${c.orgAParticipantId}/read` }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/threads/:thread/messages',
    cell: ['thread', 'post', 'caseWide'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/threads/case/messages`,
      body: { body: 'Patch ready on our side.', tlp: 'AMBER' },
    }),
  },
  {
    route: 'POST /api/v1/reports/:id/attachments',
    cell: ['report', 'triage', 'bySelf'],
    request: async (t, w) => ({
      url: `/api/v1/reports/${(await makeReport(t.db, { reporterUserId: w.self.id })).id}/attachments?name=patch.diff`,
      ...file('--- a/headers.c'),
    }),
  },
  {
    route: 'GET /api/v1/cases/:id/threads/:thread/attachments',
    cell: ['thread', 'read', 'privateToOrgA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return { url: `/api/v1/cases/${c.caseId}/threads/${c.orgAParticipantId}/attachments` }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/threads/:thread/attachments',
    cell: ['thread', 'post', 'caseWide'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/threads/case/attachments?name=fix.patch`,
      ...file('the fix'),
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/visit',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/visit` }),
  },
  {
    route: 'GET /api/v1/cases/:id/changes',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/changes` }),
  },
  {
    route: 'POST /api/v1/cases/:id/vulnerabilities',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vulnerabilities`,
      body: { title: 'prescan() overflow' },
    }),
  },
  {
    route: 'PATCH /api/v1/cases/:id/vulnerabilities/:vulnerabilityId',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return { url: `/api/v1/cases/${c.caseId}/vulnerabilities/${c.vulnerabilityId}`, body: { cwe: 'CWE-120' } }
    },
  },
  {
    route: 'DELETE /api/v1/cases/:id/vulnerabilities/:vulnerabilityId',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await t.db.insertInto('vulnerabilities').values({ case_id: c.caseId, title: 'A second one' }).execute()
      return { url: `/api/v1/cases/${c.caseId}/vulnerabilities/${c.vulnerabilityId}` }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/participants',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/participants`,
      body: { userId: (await makeUser(t.db)).id, roles: ['observer'] },
    }),
  },
  {
    route: 'PUT /api/v1/cases/:id/participants/:participantId/roles',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return {
        url: `/api/v1/cases/${c.caseId}/participants/${c.orgAParticipantId}/roles`,
        body: { roles: ['vendor', 'deployer'] },
      }
    },
  },
  {
    route: 'DELETE /api/v1/cases/:id/participants/:participantId',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return { url: `/api/v1/cases/${c.caseId}/participants/${c.otherParticipantId}` }
    },
  },
  {
    route: 'GET /api/v1/organizations/:id/contacts',
    cell: ['organization', 'read', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/contacts` }),
  },
  {
    route: 'POST /api/v1/organizations/:id/contacts',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/contacts`, body: { email: fresh() } }),
  },
  {
    route: 'DELETE /api/v1/organizations/:id/contacts/:itemId',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (t, w) => {
      const c = await t.db
        .insertInto('organization_contacts')
        .values({ organization_id: w.orgA.id, email: fresh() })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { url: `/api/v1/organizations/${w.orgA.id}/contacts/${c.id}` }
    },
  },
  {
    route: 'GET /api/v1/organizations/:id/pgp-keys',
    cell: ['organization', 'read', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/pgp-keys` }),
  },
  {
    route: 'POST /api/v1/organizations/:id/pgp-keys',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/pgp-keys`,
      body: { armored: (await generateInstanceKey('Probe', fresh())).armoredPublicKey },
    }),
  },
  {
    route: 'DELETE /api/v1/organizations/:id/pgp-keys/:itemId',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (t, w) => {
      const key = await inspectPublicKey((await generateInstanceKey('Probe', fresh())).armoredPublicKey)
      if (!key.ok) throw new Error(key.reason)
      const row = await t.db
        .insertInto('pgp_keys')
        .values({
          organization_id: w.orgA.id,
          fingerprint: key.key.fingerprint,
          armored: 'x',
          emails: [],
          algorithm: key.key.algorithm,
          key_created_at: key.key.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { url: `/api/v1/organizations/${w.orgA.id}/pgp-keys/${row.id}` }
    },
  },
  {
    route: 'GET /api/v1/mail/outbox',
    cell: ['instance', 'administer', 'instance'],
    request: async () => ({ url: '/api/v1/mail/outbox' }),
  },
  {
    route: 'GET /api/v1/mail/outbox/:id',
    cell: ['instance', 'administer', 'instance'],
    request: async (t) => {
      const row = await t.db
        .insertInto('mail_outbox')
        .values({
          message_id: `<${fresh()}>`,
          to_address: 'probe@example.test',
          to_domain: 'example.test',
          template: 'case.added',
          data: '{}',
          confidential: true,
          tlp: 'AMBER',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { url: `/api/v1/mail/outbox/${row.id}` }
    },
  },
  {
    route: 'GET /api/v1/mail/inbound',
    cell: ['instance', 'administer', 'instance'],
    request: async () => ({ url: '/api/v1/mail/inbound' }),
  },
  {
    route: 'GET /api/v1/vendors',
    cell: ['instance', 'list_vendors', 'instance'],
    request: async () => ({ url: '/api/v1/vendors' }),
  },
  {
    route: 'GET /api/v1/vendors/export',
    cell: ['instance', 'list_vendors', 'instance'],
    request: async () => ({ url: '/api/v1/vendors/export?format=json' }),
  },
  {
    route: 'GET /api/v1/vendors/duplicates',
    cell: ['instance', 'list_vendors', 'instance'],
    request: async () => ({ url: '/api/v1/vendors/duplicates' }),
  },
  {
    route: 'POST /api/v1/vendors/import',
    cell: ['instance', 'create_organization', 'instance'],
    request: async () => ({
      url: '/api/v1/vendors/import',
      body: { format: 'csv', content: `name,products\nProbe Vendor ${n++},pkg:generic/probe\n` },
    }),
  },
  {
    route: 'PATCH /api/v1/organizations/:id/vendor-profile',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/vendor-profile`,
      body: { notes: 'Ships sendmail in its base system.' },
    }),
  },
  {
    route: 'POST /api/v1/organizations/:id/cases',
    cell: ['organization', 'open_case', 'orgA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/cases`,
      body: {
        title: 'Overflow in our mail server',
        description: 'Our own sendmail build overflows in crackaddr() on long headers.',
        affected: [{ vendor: 'Us', product: 'sendmail' }],
      },
    }),
  },
  {
    route: 'GET /api/v1/organizations/:id/products',
    cell: ['organization', 'read', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/products` }),
  },
  {
    route: 'POST /api/v1/organizations/:id/products',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/products`,
      body: { pattern: `pkg:generic/probe-${n++}` },
    }),
  },
  {
    route: 'DELETE /api/v1/organizations/:id/products/:itemId',
    cell: ['organization', 'manage_contacts', 'orgA'],
    request: async (t, w) => {
      const p = await t.db
        .insertInto('vendor_products')
        .values({
          organization_id: w.orgA.id,
          pattern: `pkg:generic/probe-${n++}`,
          kind: 'purl',
          purl_type: 'generic',
          purl_name: 'probe',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { url: `/api/v1/organizations/${w.orgA.id}/products/${p.id}` }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/vendor-proposals',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vendor-proposals` }),
  },
  {
    route: 'POST /api/v1/cases/:id/vendors/notify',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await t.db.insertInto('organization_contacts').values({ organization_id: w.orgA.id, email: fresh() }).execute()
      return { url: `/api/v1/cases/${c.caseId}/vendors/notify`, body: { organizationIds: [w.orgA.id] } }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/vendors/new',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vendors/new`,
      body: { name: `New vendor probe ${n++} ${fresh()}`, email: fresh() },
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/product-threads',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/product-threads`,
      body: { product: `pkg:rpm/redhat/sendmail-probe-${n++}` },
    }),
  },
  {
    route: 'GET /api/v1/cases/:id/embargo',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/embargo` }),
  },
  {
    route: 'POST /api/v1/cases/:id/embargo/proposals',
    cell: ['participant', 'negotiate_embargo', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/proposals`,
        body: { endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), participantId: c.orgAParticipantId },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/embargo/proposals/:proposalId/answer',
    cell: ['participant', 'negotiate_embargo', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      const p = await openProposal(t, c.caseId, c.otherParticipantId)
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/proposals/${p}/answer`,
        body: { answer: 'decline', participantId: c.orgAParticipantId },
      }
    },
  },
  {
    // Past the answer time only the coordinator may still answer; a party is refused as ever (409).
    route: 'POST /api/v1/cases/:id/embargo/proposals/:proposalId/answer',
    cell: ['embargo_proposal', 'answer', 'byVendorBLate'],
    deniedAs: 409,
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      const p = await openProposal(t, c.caseId, c.orgBParticipantId!)
      await t.db
        .updateTable('embargo_proposals')
        .set({ answer_by: new Date(Date.now() - 3_600_000) })
        .where('id', '=', p)
        .execute()
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/proposals/${p}/answer`,
        body: { answer: 'accept', participantId: c.orgAParticipantId },
      }
    },
  },
  {
    // Another party's proposal: each withdraws only its own (409 otherwise); the coordinator any.
    route: 'POST /api/v1/cases/:id/embargo/proposals/:proposalId/withdraw',
    cell: ['embargo_proposal', 'withdraw', 'byVendorB'],
    deniedAs: 409,
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      const p = await openProposal(t, c.caseId, c.orgBParticipantId!)
      return { url: `/api/v1/cases/${c.caseId}/embargo/proposals/${p}/withdraw`, body: {} }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/embargo/proposals/:proposalId/withdraw',
    cell: ['participant', 'negotiate_embargo', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      const p = await openProposal(t, c.caseId, c.orgAParticipantId)
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/proposals/${p}/withdraw`,
        body: { participantId: c.orgAParticipantId },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/embargo/proposals/:proposalId/reject',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/proposals/${await openProposal(t, c.caseId, c.orgAParticipantId)}/reject`,
        body: {},
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/embargo/terminate',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await t.db
        .updateTable('cases')
        .set({ em_state: 'active', embargo_ends_at: new Date(Date.now() + 86_400_000) })
        .where('id', '=', c.caseId)
        .execute()
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/terminate`,
        body: { reason: 'The flaw was discussed on a public list.' },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/embargo/public',
    cell: ['participant', 'negotiate_embargo', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/embargo/public`,
        body: { reference: 'https://example.test/full-disclosure', participantId: c.orgAParticipantId },
      }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/advisory',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithAdvisory(t, w)).caseId}/advisory` }),
  },
  {
    // Until the coordinator starts the draft the parties do not know of it (their first look
    // would have started it only for the staff).
    route: 'GET /api/v1/cases/:id/advisory',
    cell: ['advisory', 'read', 'unstarted'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/advisory` }),
  },
  {
    route: 'GET /api/v1/cases/:id/advisory/diff',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithAdvisory(t, w)).caseId}/advisory/diff?from=1&to=1`,
    }),
  },
  {
    // The draft CSAF under embargo: the parties' tooling takes it with a token; outsiders get 404.
    route: 'GET /api/v1/cases/:id/advisory/csaf',
    cell: ['advisory', 'read_embargoed_csaf', 'draft'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithAdvisory(t, w)).caseId}/advisory/csaf` }),
  },
  {
    // Its hashes and signature answer exactly as the draft does.
    route: 'GET /api/v1/cases/:id/advisory/csaf.:companion',
    cell: ['advisory', 'read_embargoed_csaf', 'draft'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithAdvisory(t, w)).caseId}/advisory/csaf.asc` }),
  },
  {
    route: 'PUT /api/v1/cases/:id/advisory',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithAdvisory(t, w)).caseId}/advisory`,
      body: {
        draft: {
          title: 'Probe',
          overview: 'Probe advisory',
          description: '',
          impact: '',
          solution: '',
          references: [],
          credits: [],
        },
      },
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/advisory/comments',
    cell: ['participant', 'negotiate_embargo', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithAdvisory(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/advisory/comments`,
        body: { body: 'Looks right.', participantId: c.orgAParticipantId },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/advisory/revisions',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await releaseCase(
        t.db,
        c.caseId,
        new Date(),
        { kind: 'immediate', actor: system, reason: 'Probe' },
        { config: t.config },
      )
      return { url: `/api/v1/cases/${c.caseId}/advisory/revisions`, body: { summary: 'Probe revision' } }
    },
  },
  ...(['withdraw', 'supersede'] as const).map((action) => ({
    route: `POST /api/v1/cases/:id/advisory/${action}`,
    cell: ['advisory', action, 'published'] as Probe['cell'],
    request: async (t: ApiTestContext, w: World) => {
      const c = await caseWithOrgA(t, w)
      await releaseCase(
        t.db,
        c.caseId,
        new Date(),
        { kind: 'immediate', actor: system, reason: 'Probe' },
        { config: t.config },
      )
      const body =
        action === 'withdraw'
          ? { reason: 'Probe withdrawal' }
          : { by: 'https://advisories.example.test/ADV-2026-7', reason: 'Probe replacement' }
      return { url: `/api/v1/cases/${c.caseId}/advisory/${action}`, body }
    },
  })),
  {
    route: 'GET /api/v1/cases/:id/release-readiness',
    cell: ['advisory', 'read_readiness', 'draft'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithAdvisory(t, w)).caseId}/release-readiness` }),
  },
  {
    route: 'POST /api/v1/cases/:id/release-readiness/leave-outs',
    cell: ['advisory', 'leave_out', 'draft'],
    request: async (t, w) => {
      const c = await caseWithAdvisory(t, w)
      return {
        url: `/api/v1/cases/${c.caseId}/release-readiness/leave-outs`,
        body: { item: `vendor:${c.orgAParticipantId}`, reason: 'The vendor ships no product with the flaw.' },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/release',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/release`,
      body: { reason: 'Probe release' },
    }),
  },
  {
    route: 'POST /api/v1/cases/:id/vulnerabilities/:vulnerabilityId/cve',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await t.db
        .insertInto('cve_ids')
        .values({
          cve_id: `CVE-${new Date().getUTCFullYear()}-${String(900000 + n++)}`,
          year: new Date().getUTCFullYear(),
          source: 'block',
        })
        .execute()
      return { url: `/api/v1/cases/${c.caseId}/vulnerabilities/${c.vulnerabilityId}/cve` }
    },
  },
  {
    route: 'PUT /api/v1/organizations/:id/inventory',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/inventory?asset=probe-${n++}`,
      body: 'pkg:generic/sendmail@8.12.7\n',
      headers: { 'content-type': 'text/plain' },
    }),
  },
  {
    route: 'GET /api/v1/organizations/:id/assets',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/assets` }),
  },
  {
    route: 'GET /api/v1/organizations/:id/assets/:assetId',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/assets/${await probeAsset(t, w.orgA.id)}` }),
  },
  {
    route: 'DELETE /api/v1/organizations/:id/assets/:assetId',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/assets/${await probeAsset(t, w.orgA.id)}` }),
  },
  {
    route: 'GET /api/v1/organizations/:id/alerts',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (_t, w) => ({ url: `/api/v1/organizations/${w.orgA.id}/alerts` }),
  },
  {
    route: 'GET /api/v1/organizations/:id/alerts/:alertId',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/alerts/${(await probeAlert(t, w.orgA.id)).alertId}`,
    }),
  },
  {
    route: 'PUT /api/v1/organizations/:id/alerts/:alertId/items/:itemId',
    cell: ['organization', 'manage_inventory', 'orgA'],
    request: async (t, w) => {
      const a = await probeAlert(t, w.orgA.id)
      return {
        url: `/api/v1/organizations/${w.orgA.id}/alerts/${a.alertId}/items/${a.itemId}`,
        body: { status: 'patched' },
      }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/advisory/adoption',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithAdvisory(t, w)
      await t.db
        .updateTable('advisories')
        .set({ state: 'published', released_at: new Date() })
        .where('case_id', '=', c.caseId)
        .execute()
      return { url: `/api/v1/cases/${c.caseId}/advisory/adoption` }
    },
  },
  {
    route: 'PUT /api/v1/organizations/:id/critical-infrastructure',
    cell: ['organization', 'flag_critical', 'orgA'],
    request: async (_t, w) => ({
      url: `/api/v1/organizations/${w.orgA.id}/critical-infrastructure`,
      body: { critical: true },
    }),
  },
  {
    route: 'GET /api/v1/cases/:id/vendors/charts',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vendors/charts` }),
  },
  {
    route: 'GET /api/v1/cases/:id/vendors',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vendors` }),
  },
  {
    route: 'POST /api/v1/cases/:id/vendor-suggestions',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({
      url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vendor-suggestions`,
      body: { name: 'Wind River Systems', reason: 'BSD/OS ships sendmail' },
    }),
  },
  {
    // Organization A takes part only as an observer: its members see the case but suggest no vendors.
    route: 'POST /api/v1/cases/:id/vendor-suggestions',
    cell: ['vendor_suggestion', 'create', 'byObserverA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await t.db
        .updateTable('participants')
        .set({ roles: ['observer'] })
        .where('id', '=', c.orgAParticipantId)
        .execute()
      return {
        url: `/api/v1/cases/${c.caseId}/vendor-suggestions`,
        body: { name: 'Wind River Systems', reason: 'BSD/OS ships sendmail' },
      }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/vendor-suggestions',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/vendor-suggestions` }),
  },
  {
    route: 'POST /api/v1/cases/:id/vendor-suggestions/:suggestionId/decision',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      const sug = await t.db
        .insertInto('vendor_suggestions')
        .values({ case_id: c.caseId, name: 'Wind River Systems' })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { url: `/api/v1/cases/${c.caseId}/vendor-suggestions/${sug.id}/decision`, body: { decision: 'declined' } }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/statements',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => ({ url: `/api/v1/cases/${(await caseWithOrgA(t, w)).caseId}/statements` }),
  },
  {
    route: 'POST /api/v1/cases/:id/vulnerabilities/:vulnerabilityId/statements',
    cell: ['participant', 'state_position', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/vulnerabilities/${c.vulnerabilityId}/statements`,
        body: { participantId: c.orgAParticipantId, status: 'affected' },
      }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/statements/:statementId/approve',
    cell: ['case', 'update', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      const st = await t.db
        .insertInto('vendor_statements')
        .values({
          case_id: c.caseId,
          vulnerability_id: c.vulnerabilityId,
          participant_id: c.orgAParticipantId,
          status: 'affected',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { url: `/api/v1/cases/${c.caseId}/statements/${st.id}/approve` }
    },
  },
  {
    route: 'GET /api/v1/cases/:id/vex/:format',
    cell: ['case', 'read', 'orgATakesPart'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w)
      await t.db
        .insertInto('vendor_statements')
        .values({
          case_id: c.caseId,
          vulnerability_id: c.vulnerabilityId,
          participant_id: c.orgAParticipantId,
          status: 'under_investigation',
        })
        .execute()
      return { url: `/api/v1/cases/${c.caseId}/vex/openvex` }
    },
  },
  {
    route: 'POST /api/v1/cases/:id/vex',
    cell: ['participant', 'state_position', 'vendorA'],
    request: async (t, w) => {
      const c = await caseWithOrgA(t, w, { withOrgB: true })
      return {
        url: `/api/v1/cases/${c.caseId}/vex?participantId=${c.orgAParticipantId}`,
        body: {
          '@context': 'https://openvex.dev/ns/v0.2.0',
          '@id': 'https://vendor-a.example/vex/1',
          author: 'Vendor A',
          timestamp: '2026-12-01T00:00:00Z',
          version: 1,
          statements: [{ vulnerability: { name: c.vulnerabilityId }, status: 'under_investigation' }],
        },
      }
    },
  },
  {
    route: 'DELETE /api/v1/tokens/:id',
    cell: ['api_token', 'revoke', 'active'],
    request: async (t, w) => ({ url: `/api/v1/tokens/${(await createApiToken(t.db, w.self.id, 'probe')).row.id}` }),
  },
]

/** A case in which organization A takes part (plus another person), as the thread tables assume. */
/** An asset of the organization, for probes that read or remove one. */
async function probeAsset(t: ApiTestContext, organizationId: string): Promise<string> {
  const a = await t.db
    .insertInto('assets')
    .values({ organization_id: organizationId, name: `probe asset ${n++}`, format: 'purls' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return a.id
}

/** An alert of the organization about an imported advisory, with one item, for probes that read or mark one. */
async function probeAlert(t: ApiTestContext, organizationId: string): Promise<{ alertId: string; itemId: string }> {
  const assetId = await probeAsset(t, organizationId)
  const id = `PROBE-${n++}-${organizationId.slice(0, 8)}`
  await t.db
    .insertInto('external_advisories')
    .values({ id, source: 'osv', modified: new Date(), document: '{}' })
    .execute()
  const alert = await t.db
    .insertInto('owner_alerts')
    .values({ organization_id: organizationId, external_advisory_id: id, alerted_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const item = await t.db
    .insertInto('owner_alert_items')
    .values({
      alert_id: alert.id,
      asset_id: assetId,
      component: 'pkg:generic/sendmail@8.12.7',
      vulnerability: id,
      certain: true,
      reason: 'probe',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { alertId: alert.id, itemId: item.id }
}

/** An embargo proposal on the table of the case, proposed by the participant named. */
async function openProposal(t: ApiTestContext, caseId: string, byParticipantId: string): Promise<string> {
  await t.db.updateTable('cases').set({ em_state: 'proposed' }).where('id', '=', caseId).execute()
  const p = await t.db
    .insertInto('embargo_proposals')
    .values({
      case_id: caseId,
      kind: 'proposal',
      ends_at: new Date(Date.now() + 30 * 86_400_000),
      proposed_by_participant_id: byParticipantId,
      proposer_label: 'Probe',
      answer_by: new Date(Date.now() + 7 * 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return p.id
}

/** A case of organization A whose advisory draft the coordinator has started. */
async function caseWithAdvisory(t: ApiTestContext, w: World, o: { withOrgB?: boolean } = {}) {
  const c = await caseWithOrgA(t, w, o)
  await inTransaction(t.db, (trx) => ensureAdvisory(trx, c.caseId, 'Probe'))
  return c
}

async function caseWithOrgA(t: ApiTestContext, w: World, o: { withOrgB?: boolean } = {}) {
  const c = await makeCase(t)
  // The participant tables' vendorA state: organizations A and B are both vendors of the case.
  const orgB = o.withOrgB
    ? await t.db
        .insertInto('participants')
        .values({ case_id: c.id, organization_id: w.orgB.id, roles: ['vendor'], rm_state: 'received' })
        .returning('id')
        .executeTakeFirstOrThrow()
    : undefined
  const other = await makeUser(t.db)
  const orgA = await t.db
    .insertInto('participants')
    .values({ case_id: c.id, organization_id: w.orgA.id, roles: ['vendor'], rm_state: 'received' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const otherParticipant = await t.db
    .insertInto('participants')
    .values({ case_id: c.id, user_id: other.id, roles: ['observer'], rm_state: 'start' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const vulnerability = await t.db
    .selectFrom('vulnerabilities')
    .select('id')
    .where('case_id', '=', c.id)
    .executeTakeFirstOrThrow()
  return {
    caseId: c.id,
    orgAParticipantId: orgA.id,
    orgBParticipantId: orgB?.id,
    otherParticipantId: otherParticipant.id,
    vulnerabilityId: vulnerability.id,
  }
}

// Routes open to anyone or to any signed-in user (they act only on the caller's own things or
// list what the caller may see). Adding one here is a decision: say why in review.
const openRoutes = new Set([
  // The feeds of drafts under embargo list, for any signed-in caller, only what the policy lets it read.
  'GET /api/v1/csaf/feed-tlp-amber.json',
  'GET /api/v1/csaf/feed-tlp-red.json',
  'GET /api/v1/session',
  'POST /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/totp',
  'POST /api/v1/session/webauthn/options',
  'POST /api/v1/session/webauthn',
  'GET /api/v1/sessions',
  'DELETE /api/v1/sessions',
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/me/totp',
  'POST /api/v1/me/totp/confirm',
  'DELETE /api/v1/me/totp',
  'GET /api/v1/me/security-keys',
  // What needs the caller, their own notifications and mail choices (scoped by the policy's caseScope).
  'GET /api/v1/home',
  'GET /api/v1/notifications',
  'POST /api/v1/notifications/read',
  'GET /api/v1/me/mail-preferences',
  'PUT /api/v1/me/mail-preferences',
  'POST /api/v1/me/security-keys/options',
  'POST /api/v1/me/security-keys',
  'DELETE /api/v1/me/security-keys/:id',
  'GET /api/v1/tokens',
  'POST /api/v1/tokens',
  'GET /api/v1/organizations',
  'GET /api/v1/invitations',
  'POST /api/v1/invitations/lookup',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/password-resets/complete',
  // Report intake is public by design (a finder needs no account); the follow-up needs its secret link.
  'GET /api/v1/reports/challenge',
  'POST /api/v1/reports',
  'POST /api/v1/reports/follow-up',
  'POST /api/v1/reports/follow-up/messages',
  'POST /api/v1/reports/follow-up/attachments',
  'GET /api/v1/reports/follow-up/attachments/:id',
  // Live pages: each event is passed on only as the policy lets its listener read what it is
  // about (live.test.ts holds an outsider's stream against a case's events).
  'GET /api/v1/events',
  'POST /api/v1/reports/follow-up/events',
  // Any signed-in caller; whether they get the file is the policy of the report or thread it was
  // posted to (attachments.test.ts checks each side), and everyone else gets 404.
  'GET /api/v1/attachments/:id',
  // The instance's public key is public; your own key is yours.
  'GET /api/v1/instance/pgp-key',
  // The ledger key that signs every case's ledger heads is public, so anyone can check a head.
  'GET /api/v1/instance/ledger-key',
  // The link mailed to a contact is the proof; a wrong one is simply not found.
  'POST /api/v1/contacts/verify',
  'GET /api/v1/me/pgp-key',
  'PUT /api/v1/me/pgp-key',
  'DELETE /api/v1/me/pgp-key',
  'GET /api/v1/cases',
  // Any signed-in caller; each kind is filtered by its visibility scope (search.test.ts checks
  // that an outsider's answer is that of a word found nowhere).
  'GET /api/v1/search',
  // Published advisories are public: only what was released is there (release.test.ts checks
  // that nothing is before the instant).
  'GET /api/v1/advisories',
  'GET /api/v1/advisories/:id',
])

function expectedStatus(kind: ActorKind, [resource, action, state]: Probe['cell']): 'a' | 'd' | 'h' | 'anon' {
  if (kind === 'anonymous') return 'anon'
  const m = matrices.find((x) => x.resource === resource)!
  const row = (m.expect as Record<string, Record<string, string>>)[action]![state]!
  return row.trim().split(/\s+/)[actorKinds.indexOf(kind)] as 'a' | 'd' | 'h'
}

describeEachDatabase('policy through HTTP', (t) => {
  const w = {} as World
  beforeAll(async () => {
    w.orgA = await makeOrganization(t.db)
    const orgB = await makeOrganization(t.db)
    w.orgB = orgB
    w.self = await makeMember(t.db, w.orgA, 'member')
    const users: Record<Exclude<ActorKind, 'anonymous'>, UserRow> = {
      outsider: await makeUser(t.db),
      member: await makeMember(t.db, w.orgA, 'member'),
      orgAdmin: await makeMember(t.db, w.orgA, 'admin'),
      otherMember: await makeMember(t.db, orgB, 'admin'),
      coordinator: await makeUser(t.db, { instanceRole: 'coordinator' }),
      admin: await makeUser(t.db, { instanceRole: 'admin' }),
      self: w.self,
    }
    w.clients = { anonymous: Client.anonymous(t.app) } as Record<ActorKind, Client>
    for (const [kind, user] of Object.entries(users)) w.clients[kind as ActorKind] = await signedIn(t.app, user)
  })

  // The membership probe removes "self" from A; every probe starts from the same world.
  beforeEach(async () => {
    if (w.self) await addMembership(t.db, w.self.id, w.orgA.id, 'member')
  })

  it('every API route declares its access, and every guarded one is in a policy table and probed', () => {
    const routes = t.app.apiRoutes.map((r) => ({ key: `${r.method} ${r.url}`, access: r.access }))
    expect(routes.length).toBeGreaterThan(20)
    for (const r of routes) {
      if ('policy' in r.access) {
        expect(
          covered(r.access.policy.resource, r.access.policy.action),
          `${r.key}: no policy table for ${r.access.policy.resource}.${r.access.policy.action}`,
        ).toBe(true)
        expect(
          probes.some((p) => p.route === r.key),
          `${r.key} has no probe in policyRoutes.test.ts`,
        ).toBe(true)
      } else {
        expect(
          openRoutes.has(r.key) || r.key.startsWith('GET /api/v1/demo') || r.key.startsWith('POST /api/v1/demo'),
          `${r.key} is open to any caller but not listed in openRoutes`,
        ).toBe(true)
      }
    }
  })

  for (const probe of probes) {
    it(`${probe.route} answers as the ${probe.cell.join('.')} table says`, async () => {
      const [method] = probe.route.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE']
      const got: string[] = []
      const want: string[] = []
      for (const kind of actorKinds) {
        const { url, body, headers } = await probe.request(t, w)
        const res = await w.clients[kind].request(method, url, body, headers)
        const expected = expectedStatus(kind, probe.cell)
        want.push(`${kind}:${expected}`)
        const actual =
          res.statusCode === 401
            ? 'anon'
            : res.statusCode === 404
              ? 'h'
              : res.statusCode === (probe.deniedAs ?? 403)
                ? 'd'
                : res.statusCode < 300
                  ? 'a'
                  : `?${res.statusCode} ${res.body}`
        got.push(`${kind}:${actual}`)
        if (actual !== 'anon' && actual !== 'h' && actual !== 'd' && actual !== 'a') break
      }
      expect(got).toEqual(want)
    })
  }

  // Visibility inside a list: B's statement, approved but not shared, is listed exactly to those the
  // statement.read.byBApproved row allows (h: the case is hidden, or the statement left out).
  it('GET /api/v1/cases/:id/statements lists as the statement.read.byBApproved table says', async () => {
    const c = await caseWithOrgA(t, w, { withOrgB: true })
    const st = await t.db
      .insertInto('vendor_statements')
      .values({
        case_id: c.caseId,
        vulnerability_id: c.vulnerabilityId,
        participant_id: c.orgBParticipantId!,
        status: 'affected',
        shareable: false,
        approved_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const got: string[] = []
    const want: string[] = []
    for (const kind of actorKinds) {
      if (kind === 'anonymous') continue
      const res = await w.clients[kind].get(`/api/v1/cases/${c.caseId}/statements`)
      want.push(`${kind}:${expectedStatus(kind, ['statement', 'read', 'byBApproved'])}`)
      got.push(`${kind}:${res.statusCode === 200 && res.body.includes(st.id) ? 'a' : 'h'}`)
    }
    expect(got).toEqual(want)
  })

  it('answers 404 for an organization that does not exist exactly as for one that is hidden', async () => {
    const hidden = await w.clients.outsider.get(`/api/v1/organizations/${w.orgA.id}`)
    const missing = await w.clients.outsider.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000')
    expect(hidden.statusCode).toBe(404)
    expect({ ...hidden.json(), instance: null }).toEqual({ ...missing.json(), instance: null })
  })
})

describe('policy tables', () => {
  it('cover every action the API guards', () => {
    for (const p of probes) expect(covered(p.cell[0], p.cell[1]), p.route).toBe(true)
  })
})
