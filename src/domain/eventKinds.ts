// Every kind of entry Lockstep writes to a case's ledger and to a report's history, in one list
// each. appendLedger and recordEvent accept only these, and a test checks that the web UI has a
// sentence for every one: a new kind cannot reach a page as a bare code like "attachment.added".

export const ledgerKinds = [
  'case.opened',
  'report.linked',
  'rm.transition',
  'cs.event',
  'participant.added',
  'participant.readded',
  'participant.roles_changed',
  'participant.removed',
  'vulnerability.added',
  'vulnerability.updated',
  'vulnerability.removed',
  'thread.opened',
  'information.released',
  'mail.failed',
  'vendor.notified',
  'vendor.reminded',
  'vendor.escalated',
  'vendor.suggested',
  'vendor.suggestion_decided',
  'statement.posted',
  'statement.approved',
  'embargo.proposed',
  'embargo.countered',
  'embargo.revision_proposed',
  'embargo.revised',
  'embargo.active',
  'embargo.consented',
  'embargo.declined',
  'embargo.ended',
  'embargo.dropped',
  'embargo.rejected',
  'embargo.withdrawn',
  'advisory.draft_saved',
  'advisory.commented',
  'advisory.released',
  'advisory.revised',
  'advisory.withdrawn',
  'advisory.superseded',
  'cve.assigned',
  'cve.published',
  'cve.publish_failed',
  'owners.pre_noticed',
  'owners.pre_notice_moved',
  'owners.alerted',
  'release.item_left_out',
  'release.left_out',
  'release.checklist_mailed',
  'case.imported',
  'case.import_updated',
  'vendor.imported',
  // The instance's own ledger (store/federation/instanceLedger.ts): peers and the messages between them.
  'peer.added',
  'peer.pinned',
  'peer.removed',
  'federation.sent',
  'federation.received',
  'federation.failed',
  // The case protocol (commands/federation/caseOffers.ts): on the case offered, on the case shared
  // from a peer's offer, and on the instance ledger when an offer received is answered.
  'case.offered_to_peer',
  'case.peer_answered',
  'case.shared_from_peer',
  'case_offer.answered',
  'case.embargo_shared',
  'case.embargo_proposal_shared',
  'case.embargo_end_shared',
  'case.advisory_announced',
  'case.peer_advisory',
] as const

export type LedgerKind = (typeof ledgerKinds)[number]

/** What a report's history records while the report stands alone (before it joins a case). */
export const reportEventKinds = [
  'report.received',
  'report.received_by_mail',
  'rm.transition',
  'report.assigned',
  'report.scored',
  'message.sent',
  'attachment.added',
] as const

export type ReportEventKind = (typeof reportEventKinds)[number]
