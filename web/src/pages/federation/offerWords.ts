// The words for a case offered between instances, shared by the case page and Home.
import type { PeerOffer } from '../../api/federationTypes'

export const offerStateWords: Record<PeerOffer['state'], string> = {
  offered: 'Waiting for an answer',
  accepted: 'Accepted: the case is shared',
  declined: 'Declined',
}
