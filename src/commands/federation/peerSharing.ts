// Taking what a peer sharing a case sends after the offer (domain/federation/caseSharing.ts), in the
// inbox's transaction: a note of the case-wide thread is written to the shared case's case-wide
// thread as from "Name (CERT-A)" (once, however many peers pass it on) and passed on to the other
// peers; a vendor's status and a vendor's approved statement are kept for the case's coordinators to
// read (they are the peer's vendors, not participants here: no tally counts them); the case's facts
// (public, exploit public, attacks observed) move our case status through its transition helper
// when they move it forward, and are passed on. Each with its entry on the case's ledger.
import { allCaseEvents } from '../../domain/caseStatus.js'
import { ConflictError } from '../../domain/errors.js'
import type { Actor } from '../../domain/actor.js'
import type { CaseSharingActivity, SharedStatement } from '../../domain/federation/caseSharing.js'
import type { Db } from '../../store/db.js'
import { keepPeerItem, linkNoteMessage, peerItemsOf } from '../../store/federation/peerItems.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { appendLedger } from '../../store/ledger.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { CASE_WIDE, insertThreadPost } from '../cases/threads.js'
import { recordCaseFactRow } from '../transitions/caseStatus.js'
import { sendNote, shareCaseStatus } from './caseSharing.js'
import { caseSharedWith } from './sharedEmbargo.js'

const byPeer = (peer: PeerRow) => ({ id: 'system', displayName: `${peer.name} (shared case)` })
const caseWideThread = { key: CASE_WIDE, title: 'Everyone in the case', participantId: null, topicId: null }

type Of<K extends CaseSharingActivity['kind']> = Extract<CaseSharingActivity, { kind: K }>

async function takeNote(trx: Db, peer: PeerRow, caseId: string, activityId: string, c: Of<'note'>) {
  const n = c.note
  // Written here and come back round by a third instance (A → B → C → A): already in the thread.
  const ours = /\/messages\/([0-9a-f-]{36})$/.exec(n.noteId)?.[1]
  if (
    ours &&
    (await trx
      .selectFrom('case_messages')
      .select('id')
      .where('id', '=', ours)
      .where('case_id', '=', caseId)
      .executeTakeFirst())
  )
    return
  const instance = n.authorInstance ?? peer.name
  const kept = await keepPeerItem(trx, {
    caseId,
    peerId: peer.id,
    kind: 'note',
    key: n.noteId,
    body: { author: n.authorName, instance, tlp: n.tlp },
    activityId,
    statedAt: n.published,
  })
  // Here already (it reached us by another peer too): not written, not passed on again.
  if (!kept) return
  const label = `${n.authorName} (${instance})`
  const message = await insertThreadPost(
    trx,
    caseId,
    caseWideThread,
    { userId: null, name: label, label, email: null, via: 'web', fromPeer: { peer: peer.base_url, activityId } },
    n.content,
    n.tlp,
  )
  await linkNoteMessage(trx, caseId, n.noteId, message.id)
  await sendNote(trx, caseId, () => ({ ...n, authorInstance: instance }), peer.id)
}

async function takeCaseStatus(trx: Db, peer: PeerRow, caseId: string, activityId: string, c: Of<'case-status'>) {
  const moved: string[] = []
  for (const event of allCaseEvents) {
    const at = c.facts[event]
    // NO KEY, like recordCaseFact's: inserts pointing at the case do not wait.
    const row = await trx
      .selectFrom('cases')
      .select(['id', 'public_aware_at', 'exploit_public_at', 'attacks_observed_at'])
      .where('id', '=', caseId)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow()
    const known = {
      publicAware: row.public_aware_at,
      exploitPublic: row.exploit_public_at,
      attacksObserved: row.attacks_observed_at,
    }
    if (!at || known[event]) continue
    try {
      await recordCaseFactRow(trx, row, event, at, `reported by ${peer.name} (${peer.base_url})`, byPeer(peer))
      moved.push(event)
    } catch (e) {
      // Out of order with what is known here (the rule refuses before writing): kept as it is.
      if (!(e instanceof ConflictError)) throw e
    }
  }
  await appendLedger(trx, caseId, byPeer(peer), 'case.peer_status', { peer: peer.base_url, activityId, moved })
  if (moved.length) await shareCaseStatus(trx, caseId, peer.id)
}

/** Applies a note, a status or a statement from a peer sharing the case. */
export async function applySharingFromPeer(
  trx: Db,
  peer: PeerRow,
  activityId: string,
  c: CaseSharingActivity,
): Promise<void> {
  const caseId = await caseSharedWith(trx, peer, c.senderCaseUrl)
  if (c.kind === 'note') return takeNote(trx, peer, caseId, activityId, c)
  if (c.kind === 'case-status') return takeCaseStatus(trx, peer, caseId, activityId, c)
  const item =
    c.kind === 'vendor-status'
      ? { kind: 'vendor' as const, key: c.status.participantUrl, body: c.status, statedAt: c.status.statedAt }
      : {
          kind: 'statement' as const,
          key: `${c.statement.participantUrl} ${c.statement.vulnerability.cve ?? c.statement.vulnerability.title}`,
          body: c.statement,
          statedAt: c.statement.approvedAt,
        }
  await keepPeerItem(trx, { caseId, peerId: peer.id, activityId, ...item })
  if (c.kind === 'vendor-status')
    await appendLedger(trx, caseId, byPeer(peer), 'case.peer_vendor_status', {
      peer: peer.base_url,
      activityId,
      vendor: c.status.name,
      rmState: c.status.rmState,
      fixReady: c.status.fixReady?.toISOString() ?? null,
    })
  else
    await appendLedger(trx, caseId, byPeer(peer), 'case.peer_statement', {
      peer: peer.base_url,
      activityId,
      vendor: c.statement.vendor,
      vulnerability: c.statement.vulnerability.title,
      status: c.statement.status,
    })
}

/** What the peers sharing the case said of their vendors: each vendor's status and approved statements. */
export async function peerSharedFor(db: Db, actor: Actor, caseIdOrNumber: string) {
  const { row } = await loadCaseFor(db, actor, caseIdOrNumber, 'read_ledger')
  const items = await peerItemsOf(db, row.id, ['vendor', 'statement'])
  const peerOf = (i: (typeof items)[number]) => ({ name: i.peer_name, baseUrl: i.peer_url })
  return {
    vendors: items.flatMap((i) => {
      if (i.kind !== 'vendor') return []
      const v = i.body as Record<string, string | null>
      return [
        {
          peer: peerOf(i),
          name: String(v.name),
          rmState: String(v.rmState),
          vendorAware: v.vendorAware ?? null,
          fixReady: v.fixReady ?? null,
          fixDeployed: v.fixDeployed ?? null,
          statedAt: i.stated_at.toISOString(),
        },
      ]
    }),
    statements: items.flatMap((i) => {
      if (i.kind !== 'statement') return []
      const st = i.body as Omit<SharedStatement, 'approvedAt'> & { approvedAt: string }
      return [
        {
          peer: peerOf(i),
          vendor: st.vendor,
          vulnerability: st.vulnerability.title,
          cve: st.vulnerability.cve,
          status: st.status,
          justification: st.justification,
          fixedVersions: st.fixedVersions,
          remediation: st.remediation,
          approvedAt: i.stated_at.toISOString(),
        },
      ]
    }),
  }
}
