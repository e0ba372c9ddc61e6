// Reading the peer instances (migration 0034). Their state changes only through
// commands/transitions/peerState.ts, which also writes the instance ledger entry.
import type { Selectable } from 'kysely'
import { isUuid, type Db } from '../db.js'
import type { FederationPeersTable } from '../schemaFederation.js'

export type PeerRow = Selectable<FederationPeersTable>

export function listPeers(db: Db): Promise<PeerRow[]> {
  return db.selectFrom('federation_peers').selectAll().where('state', '<>', 'removed').orderBy('added_at').execute()
}

export async function peerById(db: Db, id: string): Promise<PeerRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('federation_peers').selectAll().where('id', '=', id).executeTakeFirst()
}

export function peerByBaseUrl(db: Db, baseUrl: string): Promise<PeerRow | undefined> {
  return db.selectFrom('federation_peers').selectAll().where('base_url', '=', baseUrl).executeTakeFirst()
}

/** The peer whose key signed a message: a removed one counts as unknown. */
export function peerByKeyId(db: Db, keyId: string): Promise<PeerRow | undefined> {
  return db
    .selectFrom('federation_peers')
    .selectAll()
    .where('key_id', '=', keyId)
    .where('state', '<>', 'removed')
    .executeTakeFirst()
}
