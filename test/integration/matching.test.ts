// Matching an advisory against owners' inventories, on both databases: sendmail before 8.12.8
// is affected wherever it is installed, 8.12.8 and later not, another package never; a component
// without a version is flagged for checking; critical-infrastructure owners alone when asked;
// a namespace counts where the purl type says it does.
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeOrganization } from '../support/factories.js'
import { affectedAssets } from '../../src/commands/owners/matching.js'
import { replaceInventory } from '../../src/commands/owners/inventories.js'
import { system } from '../../src/domain/actor.js'
import { readInventory } from '../../src/adapters/sbom/readInventory.js'
import { sendmailSnapshot } from '../support/advisorySnapshots.js'

describeEachDatabase('matching inventories', (t) => {
  async function ownerWith(name: string, critical: boolean, assets: Record<string, string>) {
    const org = await makeOrganization(t.db, {
      name: `${name} ${Math.random().toString(36).slice(2, 6)}`,
      kind: 'owner',
    })
    await t.db
      .updateTable('organizations')
      .set({ critical_infrastructure: critical })
      .where('id', '=', org.id)
      .execute()
    for (const [asset, list] of Object.entries(assets)) {
      const read = readInventory(list, 'purls')
      if (!read.ok) throw new Error(read.errors.join('; '))
      await replaceInventory(t.db, system, org.id, asset, read)
    }
    return org
  }

  it('finds the assets running an affected sendmail, and only those', async () => {
    const power = await ownerWith('Example Power & Light', true, {
      'mail relay': 'pkg:generic/sendmail@8.12.6\npkg:generic/bind@9.2.1\n',
      'intranet mail': 'pkg:generic/sendmail@8.12.8\n',
    })
    const bank = await ownerWith('Example Savings Bank', false, {
      mx1: 'pkg:generic/sendmail@8.11.6\n',
      mx2: 'pkg:generic/postfix@2.0.6\n',
      legacy: 'pkg:generic/sendmail\n',
    })
    const found = (await affectedAssets(t.db, sendmailSnapshot)).filter(
      (f) => f.organizationId === power.id || f.organizationId === bank.id,
    )
    const summary = found.map((f) => `${f.asset} ${f.version} ${f.certain ? 'affected' : 'check'}`).sort()
    expect(summary).toEqual(['legacy null check', 'mail relay 8.12.6 affected', 'mx1 8.11.6 affected'])
    expect(found.find((f) => f.asset === 'mail relay')?.fixedVersions).toEqual(
      sendmailSnapshot.vulnerabilities[0]!.affected[0]!.fixedVersions,
    )

    const critical = (await affectedAssets(t.db, sendmailSnapshot, { criticalOnly: true })).filter(
      (f) => f.organizationId === power.id || f.organizationId === bank.id,
    )
    expect(critical.map((f) => f.asset)).toEqual(['mail relay'])
  })

  it('tells namespaces apart where the purl type does (Debian is not Ubuntu), and not where a generic advisory leaves it out', async () => {
    const mixed = await ownerWith('Example Mixed Shop', false, {
      'debian box': 'pkg:deb/debian/sendmail@8.12.3-6\n',
      'ubuntu box': 'pkg:deb/ubuntu/sendmail@8.12.3-6\n',
      'debian fixed': 'pkg:deb/debian/sendmail@8.12.3-6.3\n',
      'vendor build': 'pkg:generic/sendmail.org/sendmail@8.12.6\n',
    })
    const debian = {
      vulnerabilities: [
        {
          ...sendmailSnapshot.vulnerabilities[0]!,
          affected: [
            {
              vendor: 'Debian',
              product: 'sendmail',
              purl: 'pkg:deb/debian/sendmail',
              range: 'vers:deb/<8.12.3-6.3',
              fixedVersions: ['8.12.3-6.3'],
            },
          ],
        },
      ],
    }
    const onDebian = (await affectedAssets(t.db, debian)).filter((f) => f.organizationId === mixed.id)
    expect(onDebian.map((f) => f.asset)).toEqual(['debian box'])
    const generic = (await affectedAssets(t.db, sendmailSnapshot)).filter((f) => f.organizationId === mixed.id)
    expect(generic.map((f) => `${f.asset} ${f.purl}`)).toEqual([
      'vendor build pkg:generic/sendmail.org/sendmail@8.12.6',
    ])
  })
})
