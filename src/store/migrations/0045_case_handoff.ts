// Federation's handoff and onward notification (issue 17 items 5 and 6). A case handed over to a
// peer (Vultron's RmOfferCaseOwnershipTransfer, accepted) stays here read-only: when, to whom and
// where it lives now are on the case, and the policy refuses every write to it from then on. An
// offer row says whether it invites a peer to share the case or hands the case over; a received
// hand-over keeps the history and vendors that crossed in its `offered_case`.
export const name = 'case_handoff'

export const up = /* sql */ `
ALTER TABLE cases
  ADD COLUMN handed_over_at timestamptz,
  ADD COLUMN handed_over_to text,
  ADD COLUMN handed_over_url text,
  ADD CHECK ((handed_over_at IS NULL) = (handed_over_to IS NULL));
ALTER TABLE federation_case_offers
  ADD COLUMN kind text NOT NULL DEFAULT 'invite' CHECK (kind IN ('invite', 'handoff'));
`
