// Factories: each test builds the people and organizations it needs, nothing shared.
import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/store/db.js'
import { hashPassword } from '../../src/security/passwords.js'
import { newTotpSecret } from '../../src/security/totp.js'
import { addMembership, insertOrganization } from '../../src/store/organizations.js'
import type { InstanceRole, OrganizationKind, OrganizationRole, OrganizationRow, UserRow } from '../../src/store/schema.js'
import { insertUser } from '../../src/store/users.js'

export const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

const unique = () => randomBytes(4).toString('hex')

export async function makeUser(db: Db, o: { instanceRole?: InstanceRole; email?: string; name?: string; totp?: boolean; disabled?: boolean } = {}): Promise<UserRow> {
  const staff = (o.instanceRole ?? 'none') !== 'none'
  const withTotp = o.totp ?? staff
  return insertUser(db, {
    email: o.email ?? `user-${unique()}@example.test`,
    name: o.name ?? `User ${unique()}`,
    password_hash: await (passwordHash ??= hashPassword(PASSWORD)),
    instance_role: o.instanceRole ?? 'none',
    totp_secret: withTotp ? newTotpSecret() : null,
    totp_enabled_at: withTotp ? new Date() : null,
    disabled_at: o.disabled ? new Date() : null,
  })
}

export function makeOrganization(db: Db, o: { kind?: OrganizationKind; name?: string } = {}): Promise<OrganizationRow> {
  const slug = `org-${unique()}`
  return insertOrganization(db, { name: o.name ?? `Organization ${slug}`, slug, kind: o.kind ?? 'vendor' })
}

export async function makeMember(db: Db, org: OrganizationRow, role: OrganizationRole = 'member', o: Parameters<typeof makeUser>[1] = {}): Promise<UserRow> {
  const user = await makeUser(db, o)
  await addMembership(db, user.id, org.id, role)
  return user
}
