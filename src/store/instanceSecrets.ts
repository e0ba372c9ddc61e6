// Secrets the instance makes for itself at first use (for example the key that signs device
// cookies). Kept in the database so that every server of the instance shares them.
import { randomBytes } from 'node:crypto'
import type { Db } from './db.js'

export async function instanceSecret(db: Db, name: string): Promise<string> {
  await db
    .insertInto('instance_secrets')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db.selectFrom('instance_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()
  return row.value
}
