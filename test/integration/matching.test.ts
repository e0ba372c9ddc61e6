// Matching an advisory against owners' inventories, on both databases: sendmail before 8.12.8
// is affected wherever it is installed, 8.12.8 and later not, another package never; a component
// without a version is flagged for checking; critical-infrastructure owners alone when asked.
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeOrganization } from '../support/factories.js'
import { affectedAssets } from '../../src/commands/owners/matching.js'
import { replaceInventory } from '../../src/commands/owners/inventories.js'
import { system } from '../../src/domain/actor.js'
import { readInventory } from '../../src/adapters/sbom/readInventory.js'
import { sendmailSnapshot } from '../../src/domain/advisory/fixtures.js'

describeEachDatabase('matching inventories', (t) => {
  async function ownerWith(name: string, critical: boolean, assets: Record<string, string>) {
    const org = await makeOrganization(t.db, { name: `${name} ${Math.random().toString(36).slice(2, 6)}`, kind: 'owner' })
    await t.db.updateTable('organizations').set({ critical_infrastructure: critical }).where('id', '=', org.id).execute()
    for (const [asset, list] of Object.entries(assets)) {
      const read = readInventory(list, 'purls')
      if (!read.ok) throw new Error(read.errors.join('; '))
      await replaceInventory(t.db, system, org.id, asset, read)
    }
    return org
  }

  it('finds the assets running an affected sendmail, and only those', async () => {
    const power = await ownerWith('Example Power & Light', true, { 'mail relay': 'pkg:generic/sendmail@8.12.6\npkg:generic/bind@9.2.1\n', 'intranet mail': 'pkg:generic/sendmail@8.12.8\n' })
    const bank = await ownerWith('Example Savings Bank', false, { 'mx1': 'pkg:generic/sendmail@8.11.6\n', 'mx2': 'pkg:generic/postfix@2.0.6\n', 'legacy': 'pkg:generic/sendmail\n' })
    const found = (await affectedAssets(t.db, sendmailSnapshot)).filter((f) => f.organizationId === power.id || f.organizationId === bank.id)
    const summary = found.map((f) => `${f.asset} ${f.version} ${f.certain ? 'affected' : 'check'}`).sort()
    expect(summary).toEqual(['legacy null check', 'mail relay 8.12.6 affected', 'mx1 8.11.6 affected'])
    expect(found.find((f) => f.asset === 'mail relay')?.fixedVersions).toEqual(sendmailSnapshot.vulnerabilities[0]!.affected[0]!.fixedVersions)

    const critical = (await affectedAssets(t.db, sendmailSnapshot, { criticalOnly: true })).filter((f) => f.organizationId === power.id || f.organizationId === bank.id)
    expect(critical.map((f) => f.asset)).toEqual(['mail relay'])
  })
})
