// The instance's own OpenPGP key: made at first start, kept with the other instance secrets (so
// every server of the instance signs with the same key), its public half served at
// /.well-known/lockstep.asc for people to encrypt reports to and check notifications with.
import type { Db } from '../store/db.js'
import { generateInstanceKey } from './pgp.js'

export interface InstanceKey {
  armoredPrivateKey: string
  armoredPublicKey: string
  fingerprint: string
}

const NAME = 'openpgp-instance-key'

export async function ensureInstanceKey(db: Db, name: string, email: string): Promise<InstanceKey> {
  const existing = await db.selectFrom('instance_secrets').select('value').where('name', '=', NAME).executeTakeFirst()
  if (existing) return JSON.parse(existing.value) as InstanceKey
  const made = await generateInstanceKey(name, email)
  await db
    .insertInto('instance_secrets')
    .values({ name: NAME, value: JSON.stringify(made) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  // Another server may have made one first: everyone uses the one that was stored.
  const stored = await db
    .selectFrom('instance_secrets')
    .select('value')
    .where('name', '=', NAME)
    .executeTakeFirstOrThrow()
  return JSON.parse(stored.value) as InstanceKey
}

/** The instance key if it was made (at first start or first use), else null; never makes one. */
export async function storedInstanceKey(db: Db): Promise<InstanceKey | null> {
  const existing = await db.selectFrom('instance_secrets').select('value').where('name', '=', NAME).executeTakeFirst()
  return existing ? (JSON.parse(existing.value) as InstanceKey) : null
}

/** The instance key's fingerprint if it was made, else null; never makes one. */
export async function instanceKeyFingerprint(db: Db): Promise<string | null> {
  return (await storedInstanceKey(db))?.fingerprint ?? null
}
