// A case ready to release, for the release and owner-alert tests: sendmail before 8.12.8
// affected, a vendor's approved Fixed statement (8.12.8), a CVE ID, and an embargo in force
// ending at the given instant.
import { signedIn, type ApiTestContext } from './api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from './factories.js'
import { assignCveId, loadCveBlocks } from '../../src/commands/release/cveIds.js'

/** A case with a vendor's approved Fixed statement, a CVE ID, and an embargo in force ending at `endsAt`. */
export async function embargoedSendmailCase(t: ApiTestContext, endsAt: Date) {
  const staffUser = await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' })
  const staff = await signedIn(t.app, staffUser)
  const c = await makeCase(t, { title: `Remote root in sendmail ${Math.random().toString(36).slice(2, 6)}` })
  const vulnerabilityId = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0].id as string
  const org = await makeOrganization(t.db, {
    name: `Sendmail Consortium ${Math.random().toString(36).slice(2, 6)}`,
    kind: 'vendor',
  })
  const edited = await staff.patch(`/api/v1/cases/${c.id}/vulnerabilities/${vulnerabilityId}`, {
    cwe: 'CWE-120',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    affected: [
      { vendor: org.name, product: 'sendmail', purl: 'pkg:generic/sendmail', range: 'vers:generic/>=5.2|<8.12.8' },
    ],
  })
  if (edited.statusCode !== 200) throw new Error(`editing the vulnerability failed: ${edited.body}`)
  const member = await makeMember(t.db, org, 'admin')
  await t.db
    .insertInto('organization_contacts')
    .values({ organization_id: org.id, email: `security-${org.id.slice(0, 8)}@sendmail.example` })
    .execute()
  await staff.post(`/api/v1/cases/${c.id}/vendors/notify`, { organizationIds: [org.id] })
  const vendor = await signedIn(t.app, member)
  const statement = (
    await vendor.post(`/api/v1/cases/${c.id}/vulnerabilities/${vulnerabilityId}/statements`, {
      status: 'fixed',
      fixedVersions: ['8.12.8'],
      remediation: 'Upgrade to 8.12.8.',
    })
  ).json()
  await staff.post(`/api/v1/cases/${c.id}/statements/${statement.id}/approve`, {})
  const staffActor = {
    kind: 'user' as const,
    userId: staffUser.id,
    instanceRole: 'coordinator' as const,
    memberships: new Map(),
    via: 'session' as const,
  }
  await loadCveBlocks(t.db, ['CVE-2099-1000..CVE-2099-1999'])
  const cve = await assignCveId(t.db, staffActor, c.id, vulnerabilityId, null, new Date('2099-01-01T00:00:00Z'))
  // The embargo, agreed: straight into the table, the negotiation has its own tests.
  await t.db.updateTable('cases').set({ em_state: 'active', embargo_ends_at: endsAt }).where('id', '=', c.id).execute()
  const advisory = (await staff.get(`/api/v1/cases/${c.id}/advisory`)).json()
  return { staff, vendor, member, c, cve, advisory, vulnerabilityId, staffActor }
}
