// Factories: each test builds the people and organizations it needs, nothing shared.
import { randomBytes } from 'node:crypto'
import type { Db } from '../../src/store/db.js'
import { hashPassword } from '../../src/security/passwords.js'
import { newTotpSecret } from '../../src/security/totp.js'
import { addMembership, insertOrganization } from '../../src/store/organizations.js'
import type {
  InstanceRole,
  OrganizationKind,
  OrganizationRole,
  OrganizationRow,
  ReportRow,
  UserRow,
} from '../../src/store/schema.js'
import { hashSecret } from '../../src/security/tokens.js'
import { openCase } from '../../src/commands/cases/openCase.js'
import { system } from '../../src/domain/actor.js'
import { insertUser } from '../../src/store/users.js'
import { reportColumns } from '../../src/store/columns.js'

export const PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

const unique = () => randomBytes(4).toString('hex')

export async function makeUser(
  db: Db,
  o: { instanceRole?: InstanceRole; email?: string; name?: string; totp?: boolean; disabled?: boolean } = {},
): Promise<UserRow> {
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

export async function makeMember(
  db: Db,
  org: OrganizationRow,
  role: OrganizationRole = 'member',
  o: Parameters<typeof makeUser>[1] = {},
): Promise<UserRow> {
  const user = await makeUser(db, o)
  await addMembership(db, user.id, org.id, role)
  return user
}

let reportSeq = 0

/** A received report as the intake would store it, optionally linked to a reporter's account. */
export async function makeReport(
  db: Db,
  o: {
    reporterUserId?: string | null
    title?: string
    description?: string
    state?: ReportRow['state']
    followUpToken?: string
  } = {},
): Promise<ReportRow> {
  reportSeq++
  return db
    .insertInto('reports')
    .values({
      tracking_id: `LSR-TEST-${unique()}-${reportSeq}`,
      follow_up_token_hash: hashSecret(o.followUpToken ?? `follow-up-${unique()}-${reportSeq}`),
      anonymous: false,
      reporter_email: 'finder@example.test',
      reporter_user_id: o.reporterUserId ?? null,
      title: o.title ?? `Report ${reportSeq}`,
      affected: JSON.stringify([
        { vendor: 'Sendmail Consortium', product: 'sendmail', versions: '8.12.7', purl: null },
      ]),
      description: o.description ?? 'A buffer overflow in crackaddr() in sendmail.',
      public_already: false,
      exploited_already: false,
      credit: JSON.stringify({ preference: 'name', text: null }),
      ...(o.state ? { state: o.state } : {}),
    })
    .returning(reportColumns)
    .executeTakeFirstOrThrow()
}

/** A case opened by the console from a valid report whose finder (if given) has an account. */
export async function makeCase(t: { db: Db }, o: { finder?: UserRow; title?: string } = {}) {
  const report = await makeReport(t.db, { state: 'valid', reporterUserId: o.finder?.id ?? null })
  return openCase({ db: t.db, actor: system, reportIds: [report.id], title: o.title ?? 'Remote root in sendmail' })
}
