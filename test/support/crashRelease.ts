// A case about to be released, seeded straight into a database that a child server will then
// serve: the release-ready sendmail case (embargoedCase.ts), an owner running an affected
// sendmail, and the owner's API token to watch the alerts arrive.
import { buildApp } from '../../src/adapters/http/app.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import type { Db } from '../../src/store/db.js'
import { signedIn, testConfig, type ApiTestContext } from './api.js'
import { embargoedSendmailCase } from './embargoedCase.js'
import { makeMember, makeOrganization } from './factories.js'

export async function seedReleaseCase(db: Db) {
  const config = testConfig()
  const app = await buildApp({ db, config, logger: false })
  try {
    await app.ready()
    const t = { db, app, config } as ApiTestContext
    // The instant is set by the caller; until then it lies far ahead.
    const { c } = await embargoedSendmailCase(t, new Date(Date.now() + 30 * 86_400_000))
    const org = await makeOrganization(db, { name: 'Riverside University', kind: 'owner' })
    const member = await makeMember(db, org, 'admin')
    const up = await (
      await signedIn(app, member)
    ).request('PUT', `/api/v1/organizations/${org.id}/inventory?asset=mail%20relay`, 'pkg:generic/sendmail@8.12.7\n', {
      'content-type': 'text/plain',
    })
    if (up.statusCode !== 200) throw new Error(`uploading the inventory failed: ${up.body}`)
    return {
      caseId: c.id,
      ownerOrganizationId: org.id,
      ownerEmail: member.email,
      ownerToken: (await createApiToken(db, member.id, 'crash test', { expiresInDays: 1, scope: 'read_write' })).token,
    }
  } finally {
    await app.close()
  }
}
