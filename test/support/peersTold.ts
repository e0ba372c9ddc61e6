// What a case's or a report's `peers-told` answers, as the federation tests read it: each peer told
// with its times, and the peers told later with why. Each test adds the fields of its own kind.

export interface PeerTold {
  peerId: string
  peerName: string
  state: string
  toldAt: string
  deliveredAt: string | null
  answeredAt: string | null
}

export interface PeersToldOf<Told extends PeerTold> {
  told: Told[]
  deferred: { peerId: string; peerName: string; justification: string; until: string | null }[]
}
