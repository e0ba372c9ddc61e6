// Each side of a shared case keeps the other's latest signed ledger head (migration 0043). Kept,
// they are only compared when a coordinator looks. Now every message also carries back the head
// the sender holds of the receiver's ledger, and the receiver checks it against its own ledger;
// a peer's new head is checked against the one kept before it (two heads for one entry, another
// key). What either check finds stays on the row (the first finding, with its time) and is
// written to the case's ledger: a disagreement seen once must not vanish with the next message.
export const name = 'peer_ledger_agreement'

export const up = /* sql */ `
ALTER TABLE federation_peer_ledger_heads
  ADD COLUMN disagreement text,
  ADD COLUMN disagreement_at timestamptz,
  ADD COLUMN confirmed_sequence integer,
  ADD COLUMN confirmed_at timestamptz;
`
