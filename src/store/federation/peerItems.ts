// What peers sharing a case sent after the offer (migration 0044): the ids of the notes taken (a
// note reaching us twice, by two peers, is kept once), their vendors' statuses (a later one
// replacing an earlier one of the same vendor) and their vendors' approved statements (each kept
// once by its address where it was given, so that the release can take those received by its
// instant; a statement approved there never changes).
import { sql } from 'kysely'
import type { Db } from '../db.js'

export type PeerItemKind = 'note' | 'vendor' | 'statement'

/**
 * Keeps an item from a peer; answers whether it was kept. A note or a statement is kept once (false
 * the second time); a status replaces the one kept only when it was stated later (false when it
 * was not: a status arriving again by another peer is not news).
 */
export async function keepPeerItem(
  trx: Db,
  item: {
    caseId: string
    peerId: string
    kind: PeerItemKind
    key: string
    body: object
    activityId: string
    statedAt: Date
    messageId?: string | null
  },
): Promise<boolean> {
  const row = await trx
    .insertInto('federation_peer_items')
    .values({
      case_id: item.caseId,
      peer_id: item.peerId,
      kind: item.kind,
      item_key: item.key,
      body: JSON.stringify(item.body),
      activity_id: item.activityId,
      message_id: item.messageId ?? null,
      stated_at: item.statedAt,
    })
    .onConflict((oc) =>
      item.kind !== 'vendor'
        ? oc.columns(['case_id', 'kind', 'item_key']).doNothing()
        : oc
            .columns(['case_id', 'kind', 'item_key'])
            .doUpdateSet({
              peer_id: item.peerId,
              body: JSON.stringify(item.body),
              activity_id: item.activityId,
              stated_at: item.statedAt,
            })
            .where(sql<boolean>`federation_peer_items.stated_at < excluded.stated_at`),
    )
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** Links a kept note to the message written for it. */
export async function linkNoteMessage(trx: Db, caseId: string, noteId: string, messageId: string): Promise<void> {
  await trx
    .updateTable('federation_peer_items')
    .set({ message_id: messageId })
    .where('case_id', '=', caseId)
    .where('kind', '=', 'note')
    .where('item_key', '=', noteId)
    .execute()
}

/** A case's vendors and statements from its peers, with the peer's name, oldest first. */
export async function peerItemsOf(db: Db, caseId: string, kinds: PeerItemKind[]) {
  return db
    .selectFrom('federation_peer_items')
    .innerJoin('federation_peers', 'federation_peers.id', 'federation_peer_items.peer_id')
    .select([
      'federation_peer_items.kind',
      'federation_peer_items.body',
      'federation_peer_items.stated_at',
      'federation_peer_items.received_at',
      'federation_peers.name as peer_name',
      'federation_peers.base_url as peer_url',
    ])
    .where('federation_peer_items.case_id', '=', caseId)
    .where('federation_peer_items.kind', 'in', kinds)
    .orderBy('federation_peer_items.received_at')
    .orderBy('federation_peer_items.id')
    .execute()
}
