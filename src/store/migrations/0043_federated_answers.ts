// The embargo's answers counted across instances, and each side's record of the other's ledger
// head (issue 17). A proposal put on the table here by a peer keeps where it came from (its
// EmbargoEvent on the origin and the Invite that carried it), so the parties' answers here go back
// there; the origin keeps the answers of the peers' parties beside its own parties' consents. Each
// instance keeps the latest signed ledger head a peer sent for the case they share.
export const name = 'federated_answers'

export const up = /* sql */ `
CREATE TABLE federation_proposal_origins (
  proposal_id uuid PRIMARY KEY REFERENCES embargo_proposals (id) ON DELETE CASCADE,
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  invite_activity_id text NOT NULL,
  -- The EmbargoEvent's id on the origin: the proposal there, which the answers name.
  origin_proposal text NOT NULL
);

CREATE TABLE embargo_peer_answers (
  proposal_id uuid NOT NULL REFERENCES embargo_proposals (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  -- The party's participant id on the peer (only compared, never looked up here).
  party text NOT NULL,
  name text NOT NULL,
  -- The instance where the party answers (the peer, or one it passed the proposal on to).
  instance text NOT NULL,
  answer text NOT NULL CHECK (answer IN ('invited', 'accepted', 'declined')),
  answered_at timestamptz,
  -- When the peer said it (its activity's 'published'): an older report never overwrites a newer one.
  reported_at timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, peer_id, party)
);
CREATE INDEX embargo_peer_answers_case_idx ON embargo_peer_answers (case_id);

CREATE TABLE federation_peer_ledger_heads (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  peer_case_url text NOT NULL,
  sequence integer NOT NULL,
  hash text NOT NULL,
  signed_at text NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  -- Whether the signature checked out against the ledger key the peer sent in its signed message.
  verified boolean NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, peer_id)
);
`
