// The federation API's response types, named for the peers page.
import type { ItemOf, ResponseOf } from './openapi'

export type Peer = ItemOf<ResponseOf<'/api/v1/federation/peers', 'get'>>
export type FederationMessages = ResponseOf<'/api/v1/federation/messages', 'get'>
export type CaseOffers = ResponseOf<'/api/v1/cases/{id}/peer-offers', 'get'>
export type PeerOffer = ItemOf<ResponseOf<'/api/v1/federation/offers', 'get'>>
export type PeerShared = ResponseOf<'/api/v1/cases/{id}/peer-shared', 'get'>
export type PeersTold = ResponseOf<'/api/v1/cases/{id}/peers-told', 'get'>
export type CaseHandoff = ResponseOf<'/api/v1/cases/{id}/handoff', 'get'>
export type ReportPeersTold = ResponseOf<'/api/v1/reports/{id}/peers-told', 'get'>
export type CaseLedgerHeads = ResponseOf<'/api/v1/cases/{id}/ledger/heads', 'get'>
