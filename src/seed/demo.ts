// The demo: the people and organizations of the 2003 sendmail case (DESIGN.md), so a new user
// can sign in at once in every role. Idempotent: a second start finds the demo and leaves it be.
// Later issues extend this seed with their part of the story.
import type { Db } from '../store/db.js'
import { inTransaction } from '../store/db.js'
import { addMembership, findOrganizationBySlug, insertOrganization } from '../store/organizations.js'
import type { InstanceRole, OrganizationKind, OrganizationRole } from '../store/schema.js'
import { findUserByEmail, insertUser } from '../store/users.js'
import { hashPassword } from '../security/passwords.js'
import { recordDemoInstance } from '../store/demoInstance.js'
import { seedDemoVendors } from './demoVendors.js'
import { seedDemoCase } from './demoCase.js'
import { seedDemoOwners } from './demoOwners.js'

/** Printed at start and shown on the sign-in page of a demo instance; never used elsewhere. */
export const DEMO_PASSWORD = 'sendmail-8.12.8'

export interface DemoSignIn {
  email: string
  name: string
  role: string
  /** Staff accounts have an authenticator secret; the demo shows its current code. */
  totpSecret: string | null
}

interface DemoOrg {
  slug: string
  name: string
  kind: OrganizationKind
}

const organizations: DemoOrg[] = [
  { slug: 'nipc', name: 'National Infrastructure Protection Center', kind: 'coordinator' },
  { slug: 'iss-xforce', name: 'Internet Security Systems X-Force', kind: 'finder' },
  { slug: 'sendmail-consortium', name: 'Sendmail Consortium', kind: 'vendor' },
  { slug: 'sendmail-inc', name: 'Sendmail, Inc.', kind: 'vendor' },
  { slug: 'red-hat', name: 'Red Hat', kind: 'vendor' },
  { slug: 'sgi', name: 'SGI', kind: 'vendor' },
  { slug: 'example-power', name: 'Example Power & Light', kind: 'owner' },
  { slug: 'riverside-university', name: 'Riverside University', kind: 'owner' },
  { slug: 'harbour-hosting', name: 'Harbour Hosting', kind: 'owner' },
]

interface DemoUser {
  email: string
  name: string
  instanceRole: InstanceRole
  role: string
  totpSecret: string | null
  memberOf: [slug: string, role: OrganizationRole][]
}

// Fixed, public secrets: this is a demo. Base32, 160 bits each.
const users: DemoUser[] = [
  {
    email: 'admin@lockstep.demo',
    name: 'Ada Admin',
    instanceRole: 'admin',
    role: 'instance admin',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    memberOf: [['nipc', 'admin']],
  },
  {
    email: 'coordinator@lockstep.demo',
    name: 'Casey Coordinator',
    instanceRole: 'coordinator',
    role: 'coordinator',
    totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
    memberOf: [['nipc', 'member']],
  },
  {
    email: 'finder@lockstep.demo',
    name: 'Fran Finder',
    instanceRole: 'none',
    role: 'finder (ISS X-Force)',
    totpSecret: null,
    memberOf: [['iss-xforce', 'admin']],
  },
  {
    email: 'consortium@lockstep.demo',
    name: 'Vic Vendor',
    instanceRole: 'none',
    role: 'vendor (Sendmail Consortium)',
    totpSecret: null,
    memberOf: [['sendmail-consortium', 'admin']],
  },
  {
    email: 'redhat@lockstep.demo',
    name: 'Rae Hat',
    instanceRole: 'none',
    role: 'vendor (Red Hat)',
    totpSecret: null,
    memberOf: [['red-hat', 'admin']],
  },
  {
    email: 'sgi@lockstep.demo',
    name: 'Sam Graphics',
    instanceRole: 'none',
    role: 'vendor (SGI)',
    totpSecret: null,
    memberOf: [['sgi', 'member']],
  },
  {
    email: 'owner@lockstep.demo',
    name: 'Olive Owner',
    instanceRole: 'none',
    role: 'owner (Example Power & Light)',
    totpSecret: null,
    memberOf: [['example-power', 'admin']],
  },
]

export const demoSignIns: DemoSignIn[] = users.map((u) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  totpSecret: u.totpSecret,
}))

/**
 * Seeds the demo and records, in the same transaction, that this instance is a demo: its accounts'
 * passwords and authenticator secrets are public, so the instance must say so for as long as it runs.
 */
export async function seedDemo(db: Db, opts: DemoSeedOptions = {}): Promise<DemoSignIn[]> {
  await inTransaction(db, (trx) => seedDemoIn(trx, opts))
  return demoSignIns
}

export interface DemoSeedOptions {
  releaseInMinutes?: number
  how?: string
}

/** The seed itself, in the caller's transaction (a first start's, or a reset's). */
export async function seedDemoIn(trx: Db, opts: DemoSeedOptions = {}): Promise<void> {
  // Hashing costs tens of milliseconds; a restart that finds every demo user skips it.
  let passwordHash: Promise<string> | undefined
  await recordDemoInstance(trx, opts.how ?? 'seeded')
  const ids = new Map<string, string>()
  for (const o of organizations)
    ids.set(o.slug, ((await findOrganizationBySlug(trx, o.slug)) ?? (await insertOrganization(trx, o))).id)
  for (const u of users) {
    if (await findUserByEmail(trx, u.email)) continue
    const user = await insertUser(trx, {
      email: u.email,
      name: u.name,
      password_hash: await (passwordHash ??= hashPassword(DEMO_PASSWORD)),
      instance_role: u.instanceRole,
      totp_secret: u.totpSecret,
      totp_enabled_at: u.totpSecret ? new Date() : null,
    })
    for (const [slug, role] of u.memberOf) await addMembership(trx, user.id, ids.get(slug)!, role)
  }
  await seedDemoVendors(trx)
  await seedDemoCase(trx, new Date(), opts.releaseInMinutes)
  await seedDemoOwners(trx)
}
