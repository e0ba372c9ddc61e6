// The demo's owners: organizations that run sendmail, some at versions before the fix (8.12.8)
// and some after, with Example Power & Light flagged as critical infrastructure. Their
// inventories are plain purl lists, stored through the same command an upload uses. Nothing is
// published when they are seeded, so nothing matches yet: the critical owner's pre-notice goes
// out at the first start (the demo's release is minutes away, inside the lead time) and every
// affected owner is alerted at the live release.
import { readPurlList } from '../domain/sbom/purlList.js'
import { demoActor } from './demoCase.js'
import { replaceInventory, setCriticalInfrastructure } from '../commands/owners/inventories.js'
import { system } from '../domain/actor.js'
import type { Db } from '../store/db.js'
import { findOrganizationBySlug } from '../store/organizations.js'

interface DemoAsset {
  organization: string
  asset: string
  purls: string[]
}

const common = ['pkg:generic/openssl@0.9.6g', 'pkg:generic/bind@9.2.1', 'pkg:deb/debian/procmail@3.22-5?arch=i386']

export const demoAssets: readonly DemoAsset[] = [
  {
    organization: 'example-power',
    asset: 'Control-centre mail relay',
    purls: ['pkg:generic/sendmail@8.11.6', ...common],
  },
  {
    organization: 'example-power',
    asset: 'Billing mail server',
    purls: ['pkg:generic/sendmail@8.12.8', 'pkg:generic/openssl@0.9.7a'],
  },
  { organization: 'riverside-university', asset: 'Campus mail hub', purls: ['pkg:generic/sendmail@8.12.7', ...common] },
  {
    organization: 'riverside-university',
    asset: 'Physics department relay',
    purls: ['pkg:generic/sendmail@8.9.3', 'pkg:generic/bind@8.2.3'],
  },
  {
    organization: 'harbour-hosting',
    asset: 'Shared hosting MX',
    purls: ['pkg:generic/sendmail@8.12.9', 'pkg:generic/openssl@0.9.7b'],
  },
]

export async function seedDemoOwners(db: Db, now = new Date()): Promise<void> {
  const olive = await demoActor(db, 'owner@lockstep.demo')
  const power = await findOrganizationBySlug(db, 'example-power')
  if (!olive || !power) return
  if (await db.selectFrom('assets').select('id').where('organization_id', '=', power.id).executeTakeFirst()) return
  await setCriticalInfrastructure(db, system, power.id, true)
  for (const a of demoAssets) {
    const org = await findOrganizationBySlug(db, a.organization)
    const read = readPurlList(a.purls.join('\n'))
    if (!org || !read.ok) continue
    // Olive uploads her own organization's; the demo's other owners have nobody signed in, so
    // theirs are uploaded at the console, as the system.
    const uploader = olive.memberships.has(org.id) ? olive : system
    await replaceInventory(db, uploader, org.id, a.asset, read, now)
  }
}
