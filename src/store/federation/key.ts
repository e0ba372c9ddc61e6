// The instance's federation key (security/federationKey.ts), kept with the other instance secrets
// so that every server of the instance signs with the same key; made on first use.
import { generateFederationKey, type FederationKeyPair } from '../../security/federationKey.js'
import type { Db } from '../db.js'

const NAME = 'federation-signing-key'

async function storedKey(db: Db): Promise<FederationKeyPair | null> {
  const row = await db.selectFrom('instance_secrets').select('value').where('name', '=', NAME).executeTakeFirst()
  return row ? (JSON.parse(row.value) as FederationKeyPair) : null
}

export async function ensureFederationKey(db: Db): Promise<FederationKeyPair> {
  const existing = await storedKey(db)
  if (existing) return existing
  await db
    .insertInto('instance_secrets')
    .values({ name: NAME, value: JSON.stringify(generateFederationKey()) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  // Another server may have stored one first: everyone uses the one stored.
  const stored = await storedKey(db)
  if (!stored) throw new Error('the federation key could not be stored')
  return stored
}
