// Whether two instances sharing a case still agree on each other's ledger (issue 17: "the ledgers
// can be compared"). Each message between them carries the sender's latest signed head and the
// head it holds of the receiver's ledger. Two checks need nothing but what arrives:
// - the peer's new head against the one kept before: a second, different head for the same entry,
//   or a head signed with another key, means the peer's ledger (or its key) was replaced;
// - the head the peer holds of our ledger against our own entries: an entry the ledger no longer
//   has, or has with another hash, means our ledger was cut short or rewritten after we signed it.
// Each finding is a sentence for the coordinators; neither refuses the message that carried it.

export interface PeerHead {
  sequence: number
  hash: string
  keyId: string
  /** Whether its signature checks out against the ledger key sent with it. */
  verified: boolean
}

/** The head of our ledger a peer says it holds, as it came (`lockstep:yourLedgerHead`). */
export interface HeldHead {
  sequence: number
  hash: string
}

/** What is wrong with a peer's new head beside the one kept from it before, or null. */
export function peerHeadDisagreement(kept: PeerHead | undefined, incoming: PeerHead, peer: string): string | null {
  if (!incoming.verified)
    return `${peer} sent a head of its ledger (entry ${incoming.sequence}) whose signature does not check out against the ledger key it sent`
  if (!kept?.verified) return null
  if (kept.keyId !== incoming.keyId)
    return `${peer}'s ledger heads are now signed with another key (${short(incoming.keyId)}, before ${short(kept.keyId)})`
  if (kept.sequence === incoming.sequence && kept.hash !== incoming.hash)
    return `${peer} signed two different heads for entry ${incoming.sequence} of its ledger: it was rewritten`
  return null
}

/** What is wrong with the head a peer holds of our ledger, given our entry at its sequence, or null. */
export function heldHeadDisagreement(
  held: HeldHead,
  ourHashAt: string | undefined,
  ourCount: number,
  peer: string,
): string | null {
  if (ourHashAt === undefined)
    return `${peer} holds a signed head of this ledger for entry ${held.sequence}, but the ledger has ${ourCount} entries: cut short since`
  if (ourHashAt !== held.hash)
    return `${peer} holds a signed head of this ledger for entry ${held.sequence} that the ledger no longer matches: rewritten since`
  return null
}

/** Reads the head a peer says it holds of our ledger; anything else is no head (null). */
export function readHeldHead(value: unknown): HeldHead | null {
  if (!value || typeof value !== 'object') return null
  const { sequence, hash } = value as Record<string, unknown>
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) return null
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null
  return { sequence, hash }
}

const short = (keyId: string) => keyId.slice(0, 16)
