// Taking what a peer sharing a case sends after the offer (domain/federation/caseSharing.ts), in the
// inbox's transaction: a note of the case-wide thread is written to the shared case's case-wide
// thread as from "Name (CERT-A)" (once, however many peers pass it on) and passed on to the other
// peers; a vendor's status and a vendor's approved statement are kept for the case's coordinators to
// read (they are the peer's vendors, not participants here: no tally counts them) and for the
// advisory (the statements, release/snapshot.ts), and passed on to the other peers when new here
// (never back, never twice: keyed by their addresses where they were given); the case's facts
// (public, exploit public, attacks observed) move our case status through its transition helper
// when they move it forward, and are passed on. Each with its entry on the case's ledger.
import { latestPeerStatements } from '../../domain/advisory/peerStatements.js'
import { allCaseEvents } from '../../domain/caseStatus.js'
import { ConflictError } from '../../domain/errors.js'
import type { Actor } from '../../domain/actor.js'
import type { CaseSharingActivity, Origin } from '../../domain/federation/caseSharing.js'
import type { Db } from '../../store/db.js'
import { keepPeerItem, linkNoteMessage, peerItemsOf } from '../../store/federation/peerItems.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { appendLedger } from '../../store/ledger.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { CASE_WIDE, insertThreadPost } from '../cases/threads.js'
import { recordCaseFactRow } from '../transitions/caseStatus.js'
import { passOn, sendNote, shareCaseStatus, type PassedOn } from './caseSharing.js'
import { peerStatementsOf } from './peerStatements.js'
import { caseSharedWith, sharersOf } from './sharedEmbargo.js'

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

/** Whether an origin is this instance (a vendor's own word come back round by a third instance). */
async function isOurs(trx: Db, caseId: string, peer: PeerRow, origin: Origin): Promise<boolean> {
  const [share] = await sharersOf(trx, caseId, { only: peer.id })
  return share !== undefined && share.ourBase === origin.url
}

/**
 * A vendor's status or statement from a peer (its own vendor's, or one it passes on from a third
 * instance): kept once, with its entry on the case's ledger, and passed on to the other peers.
 * One already here (it reached us by another peer too), or given here, is neither kept nor passed on.
 */
async function takeVendorItem(
  trx: Db,
  peer: PeerRow,
  caseId: string,
  activityId: string,
  c: Of<'vendor-status'> | Of<'statement'>,
) {
  const origin: Origin = (c.kind === 'vendor-status' ? c.status.origin : c.statement.origin) ?? {
    name: peer.name,
    url: peer.base_url,
  }
  if (await isOurs(trx, caseId, peer, origin)) return
  const item: PassedOn =
    c.kind === 'vendor-status'
      ? { kind: c.kind, status: { ...c.status, origin } }
      : { kind: c.kind, statement: { ...c.statement, origin } }
  // A status by its vendor's address, a statement by its own (each approved one kept: the release
  // takes those received by its instant), both where they were given.
  const kept =
    item.kind === 'vendor-status'
      ? { kind: 'vendor' as const, key: item.status.participantUrl, body: item.status, statedAt: item.status.statedAt }
      : {
          kind: 'statement' as const,
          key: item.statement.statementUrl,
          body: item.statement,
          statedAt: item.statement.approvedAt,
        }
  if (!(await keepPeerItem(trx, { caseId, peerId: peer.id, activityId, ...kept }))) return
  const said = {
    peer: peer.base_url,
    activityId,
    ...(origin.url !== peer.base_url ? { origin: origin.name, originUrl: origin.url } : {}),
  }
  if (item.kind === 'vendor-status')
    await appendLedger(trx, caseId, byPeer(peer), 'case.peer_vendor_status', {
      ...said,
      vendor: item.status.name,
      rmState: item.status.rmState,
      fixReady: item.status.fixReady?.toISOString() ?? null,
    })
  else
    await appendLedger(trx, caseId, byPeer(peer), 'case.peer_statement', {
      ...said,
      vendor: item.statement.vendor,
      vulnerability: item.statement.vulnerability.title,
      status: item.statement.status,
    })
  await passOn(trx, caseId, item, peer.id)
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
  return takeVendorItem(trx, peer, caseId, activityId, c)
}

/** What the peers sharing the case said of their vendors: each vendor's status and approved statements. */
export async function peerSharedFor(db: Db, actor: Actor, caseIdOrNumber: string) {
  const { row } = await loadCaseFor(db, actor, caseIdOrNumber, 'read_ledger')
  const items = await peerItemsOf(db, row.id, ['vendor'])
  // The instance where the vendor takes part (the peer, or the one it passed it on from).
  const peerOf = (i: (typeof items)[number]) => {
    const origin = (i.body as { origin?: Origin | null }).origin
    return origin ? { name: origin.name, baseUrl: origin.url } : { name: i.peer_name, baseUrl: i.peer_url }
  }
  const statements = latestPeerStatements(await peerStatementsOf(db, row.id), new Date(8.64e15))
  return {
    vendors: items.map((i) => {
      const v = i.body as Record<string, string | null>
      return {
        peer: peerOf(i),
        name: String(v.name),
        rmState: String(v.rmState),
        vendorAware: v.vendorAware ?? null,
        fixReady: v.fixReady ?? null,
        fixDeployed: v.fixDeployed ?? null,
        statedAt: i.stated_at.toISOString(),
      }
    }),
    statements: statements.map((st) => ({
      peer: { name: st.origin.name, baseUrl: st.origin.url },
      vendor: st.vendor,
      vulnerability: st.vulnerability.title,
      cve: st.vulnerability.cve,
      status: st.status,
      justification: st.justification,
      fixedVersions: st.fixedVersions,
      remediation: st.remediation,
      approvedAt: st.approvedAt.toISOString(),
    })),
  }
}
