// What peers sharing a case keep sending after the offer (issue 17): their vendors' statuses and
// their vendors' approved statements, shown read-only on the shared case here (they are not our
// participants, and count in none of our tallies), and the case-wide messages taken from them
// (the message itself is a case_messages row; this row keeps the note's own id so that a message
// that reaches us by two peers is kept once). A later status or statement replaces the earlier.
export const name = 'peer_shared_items'

export const up = /* sql */ `
CREATE TABLE federation_peer_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  kind text NOT NULL CHECK (kind IN ('note', 'vendor', 'statement')),
  -- The note's id, the vendor's participation or the statement's vendor and vulnerability, on the
  -- instance where it was written.
  item_key text NOT NULL,
  body jsonb NOT NULL,
  activity_id text NOT NULL,
  message_id uuid REFERENCES case_messages (id) ON DELETE SET NULL,
  stated_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, kind, item_key)
);
`
