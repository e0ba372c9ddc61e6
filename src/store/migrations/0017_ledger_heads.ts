// Signed ledger heads: at every append the new head of a case's ledger (case, sequence, hash, when)
// is signed with the instance's Ed25519 ledger key, so that a database writer who rewrites an entry
// and recomputes every hash after it cannot make the chain verify again without the key, and so
// that participants can keep heads outside the database to compare later (store/ledgerHeads.ts).
export const name = 'ledger_heads'

export const up = /* sql */ `
CREATE TABLE ledger_heads (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  sequence integer NOT NULL CHECK (sequence > 0),
  hash text NOT NULL,
  signed_at text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (case_id, sequence)
);
`
