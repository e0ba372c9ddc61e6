// Taking a message from a peer: its signature checked (signing.ts), then in one transaction its
// nonce remembered (a replayed request is refused), the activity recorded under the sender and
// its id (taken before: answered as a duplicate, applied nothing), and the instance ledger entry
// written (the transaction shared with the messages arriving meanwhile). The sender retries until it hears 2xx, so each activity is applied exactly once.
import { actorOf } from '../../domain/federation/peerDocument.js'
import { readActivity } from '../../domain/federation/activities.js'
import { FederationRefusal } from '../../domain/federation/refusal.js'
import { unstorableTextIn } from '../../domain/storableText.js'
import type { SignedRequest } from '../../security/httpSignatures.js'
import type { Db } from '../../store/db.js'
import { inGroupCommit } from '../../store/groupCommit.js'
import { recordReceived, rememberNonce } from '../../store/federation/inbox.js'
import { appendInstanceLedger } from '../../store/federation/instanceLedger.js'
import { contentDigest } from '../../security/httpSignatures.js'
import { applyCaseActivity } from './caseOfferAnswers.js'
import { keepPeerLedgerHead } from './peerLedgerHeads.js'
import { checkSignedRequest } from './signing.js'

export interface Received {
  activityId: string
  duplicate: boolean
  peer: string
  /** The key id the signature checked out with. */
  keyId: string
}

export async function receiveActivity(db: Db, req: SignedRequest, body: Buffer, now = new Date()): Promise<Received> {
  const checked = await checkSignedRequest(db, req, body, now)
  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  } catch {
    throw new FederationRefusal('bad-activity', 'The body is not JSON.')
  }
  const unstorable = unstorableTextIn(json)
  if (unstorable.length)
    throw new FederationRefusal(
      'bad-activity',
      `The activity holds text that cannot be stored (${unstorable[0]!.field}).`,
    )
  const facts = readActivity(json, actorOf(checked.peer.base_url), checked.peer.base_url)
  // Shared with the other messages arriving meanwhile (store/groupCommit.ts): one commit for them
  // all, each still applied or refused on its own, and each answered only once committed.
  return inGroupCommit(db, async (trx) => {
    if (!(await rememberNonce(trx, checked.peer.id, checked.nonce)))
      throw new FederationRefusal('replayed', 'This signature was seen before: a replayed request is not taken.')
    const taken = await recordReceived(trx, {
      peerId: checked.peer.id,
      activityId: facts.id,
      activityType: facts.type,
      activity: json,
    })
    // Our own address, as the signature covered it (the inbox under our public URL).
    if (taken) await applyCaseActivity(trx, checked.peer, facts, req.targetUri.replace(/\/federation\/inbox.*$/, ''))
    if (taken) await keepPeerLedgerHead(trx, checked.peer, json)
    if (taken)
      await appendInstanceLedger(trx, { id: 'system', displayName: 'Lockstep (federation)' }, 'federation.received', {
        peer: checked.peer.base_url,
        activityId: facts.id,
        activityType: facts.type,
        summary: facts.summary,
        contentDigest: contentDigest(body),
        signatureInput: checked.signatureInput,
        signature: checked.signature,
      })
    return { activityId: facts.id, duplicate: !taken, peer: checked.peer.base_url, keyId: checked.peer.key_id }
  })
}
