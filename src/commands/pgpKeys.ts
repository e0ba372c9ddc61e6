// OpenPGP public keys: a user's own (one), and an organization's (one per contact address, or a
// team key). Each is inspected before it is kept (a private key, an expired, revoked or
// encryption-less key is refused with the reason), and notifications are encrypted to it from then on.
import type { Actor } from '../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js'
import { inspectPublicKey } from '../mail/pgp.js'
import type { Db } from '../store/db.js'
import { inTransaction, isUniqueViolation, isUuid } from '../store/db.js'
import { hashSecret, newSecret } from '../security/tokens.js'
import { enqueueMail } from '../mail/outbox.js'
import { loadOrganization } from './organizations/organizations.js'

async function inspected(armored: string) {
  const result = await inspectPublicKey(armored)
  if (!result.ok) throw new ValidationError({ field: 'armored', message: `The key ${result.reason}` })
  return result.key
}

const keyColumns = [
  'id',
  'fingerprint',
  'emails',
  'algorithm',
  'key_created_at',
  'expires_at',
  'created_at',
  'armored',
] as const

export async function setOwnKey(db: Db, userId: string, armored: string) {
  const key = await inspected(armored)
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('pgp_keys').where('user_id', '=', userId).execute()
    return trx
      .insertInto('pgp_keys')
      .values({
        user_id: userId,
        fingerprint: key.fingerprint,
        armored: armored.trim(),
        emails: key.emails,
        algorithm: key.algorithm,
        key_created_at: key.createdAt,
        expires_at: key.expiresAt,
      })
      .returning(keyColumns)
      .executeTakeFirstOrThrow()
  })
}

export function ownKey(db: Db, userId: string) {
  return db.selectFrom('pgp_keys').select(keyColumns).where('user_id', '=', userId).executeTakeFirst()
}

export async function removeOwnKey(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('pgp_keys').where('user_id', '=', userId).execute()
}

export async function addOrganizationKey(db: Db, actor: Actor, organizationId: string, armored: string) {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  const key = await inspected(armored)
  try {
    return await db
      .insertInto('pgp_keys')
      .values({
        organization_id: org.id,
        fingerprint: key.fingerprint,
        armored: armored.trim(),
        emails: key.emails,
        algorithm: key.algorithm,
        key_created_at: key.createdAt,
        expires_at: key.expiresAt,
      })
      .returning(keyColumns)
      .executeTakeFirstOrThrow()
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`${org.name} already has the key ${key.fingerprint}.`)
    throw error
  }
}

export async function listOrganizationKeys(db: Db, actor: Actor, organizationId: string) {
  const org = await loadOrganization(db, actor, organizationId, 'read')
  return db
    .selectFrom('pgp_keys')
    .select(keyColumns)
    .where('organization_id', '=', org.id)
    .orderBy('created_at')
    .execute()
}

export async function removeOrganizationKey(
  db: Db,
  actor: Actor,
  organizationId: string,
  keyId: string,
): Promise<void> {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  const gone = isUuid(keyId)
    ? await db.deleteFrom('pgp_keys').where('organization_id', '=', org.id).where('id', '=', keyId).executeTakeFirst()
    : undefined
  if (!gone || Number(gone.numDeletedRows) === 0) throw new NotFoundError('key')
}

export type KeyRow = Awaited<ReturnType<typeof ownKey>> & object

const contactColumns = ['id', 'email', 'name', 'kind', 'verified_at', 'created_at'] as const

/** A new contact is asked by mail to confirm the address; until then it shows as unverified. */
export async function addContact(
  db: Db,
  actor: Actor,
  organizationId: string,
  c: { email: string; name: string | null; kind: 'primary' | 'alternate' },
  publicUrl: string,
) {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  try {
    return await inTransaction(db, async (trx) => {
      const token = newSecret()
      const row = await trx
        .insertInto('organization_contacts')
        .values({
          organization_id: org.id,
          email: c.email.toLowerCase(),
          name: c.name,
          kind: c.kind,
          verify_token_hash: hashSecret(token),
        })
        .returning(contactColumns)
        .executeTakeFirstOrThrow()
      await enqueueMail(trx, [{ email: row.email, name: row.name, userId: null, organizationId: org.id }], {
        caseId: null,
        thread: null,
        data: { template: 'contact.verify', organization: org.name, verifyUrl: `${publicUrl}/verify-contact/${token}` },
        confidential: false,
        tlp: 'CLEAR',
      })
      return row
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`${c.email} is already a contact of ${org.name}.`)
    throw error
  }
}

/** Whoever follows the link mailed to a contact confirms the address; a wrong or used link is not found. */
export async function verifyContact(db: Db, token: string) {
  const row = await db
    .updateTable('organization_contacts')
    .set({ verified_at: new Date(), verify_token_hash: null })
    .where('verify_token_hash', '=', hashSecret(token))
    .returning(['email', 'organization_id'])
    .executeTakeFirst()
  if (!row) throw new NotFoundError('verification link')
  const org = await db
    .selectFrom('organizations')
    .select('name')
    .where('id', '=', row.organization_id)
    .executeTakeFirstOrThrow()
  return { email: row.email, organization: org.name }
}

export async function listContacts(db: Db, actor: Actor, organizationId: string) {
  const org = await loadOrganization(db, actor, organizationId, 'read')
  return db
    .selectFrom('organization_contacts')
    .select(contactColumns)
    .where('organization_id', '=', org.id)
    .orderBy('kind')
    .orderBy('email')
    .execute()
}

export async function removeContact(db: Db, actor: Actor, organizationId: string, contactId: string): Promise<void> {
  const org = await loadOrganization(db, actor, organizationId, 'manage_contacts')
  const gone = isUuid(contactId)
    ? await db
        .deleteFrom('organization_contacts')
        .where('organization_id', '=', org.id)
        .where('id', '=', contactId)
        .returning('email')
        .executeTakeFirst()
    : undefined
  if (!gone) throw new NotFoundError('contact')
  // A former contact can no longer answer into the organization's cases by mail.
  await db
    .updateTable('reply_addresses')
    .set({ revoked_at: new Date() })
    .where('organization_id', '=', org.id)
    .where('email', '=', gone.email)
    .where('revoked_at', 'is', null)
    .execute()
}
