// Federation's case protocol (issue 17): a case offered to a peer instance (Vultron's
// RmInviteToCase, an AS2 Invite) and the peer's answer (Accept or Reject). One row per offer on
// each side: `sent` rows name the case offered here; `received` rows keep what crossed (as the
// sender's policy filtered it) and, once accepted, the shared case opened here from it, linked to
// the origin's case address and the Invite's activity id.
export const name = 'federated_cases'

export const up = /* sql */ `
CREATE TABLE federation_case_offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  direction text NOT NULL CHECK (direction IN ('sent', 'received')),
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  -- sent: the case offered; received: the shared case opened here on acceptance (null before).
  case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
  -- The Invite's id: ours when sent, the peer's when received (under the sender's address).
  invite_activity_id text NOT NULL,
  -- The case's address on the instance that offered it, and on the one that accepted it.
  origin_case_url text NOT NULL,
  shared_case_url text,
  -- The VulnerabilityCase as it crossed (already filtered by the sending side's policy).
  offered_case jsonb NOT NULL,
  finder_shared boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'offered' CHECK (state IN ('offered', 'accepted', 'declined')),
  answer_activity_id text,
  answer_reason text,
  offered_by uuid REFERENCES users (id) ON DELETE SET NULL,
  answered_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  UNIQUE (direction, peer_id, invite_activity_id)
);
CREATE INDEX federation_case_offers_case_idx ON federation_case_offers (case_id);
CREATE INDEX federation_case_offers_open_idx ON federation_case_offers (direction, state, created_at);
`
