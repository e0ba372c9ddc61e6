// Federation's foundation (issue 17): the peer instances this one talks to, with their pinned
// keys; the outbox of signed messages to them (the same durability as mail_outbox: enqueued in the
// sender's transaction, delivered after commit, at least once); what was received, keyed on the
// sending peer and the activity's id so that a message delivered twice is applied once; the
// signatures' nonces seen within the clock-skew window (a replayed request is refused); and the
// instance's own ledger, hash-chained like a case's, for what is not about one case.
export const name = 'federation'

export const up = /* sql */ `
CREATE TABLE federation_peers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  base_url text NOT NULL UNIQUE,
  name text NOT NULL,
  inbox_url text NOT NULL,
  key_id text NOT NULL,
  public_key_pem text NOT NULL,
  -- pending: fetched, its fingerprint not yet confirmed by an admin; pinned: confirmed, messages
  -- flow both ways; removed: kept for the ledger and the outbox rows that name it.
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'pinned', 'removed')),
  added_by uuid REFERENCES users (id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  pinned_at timestamptz,
  pinned_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX federation_peers_key_idx ON federation_peers (key_id);

CREATE TABLE federation_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  activity_id text NOT NULL UNIQUE,
  activity_type text NOT NULL,
  -- The exact bytes sent on every attempt (so the content digest never changes); each attempt is
  -- signed afresh (its own created time and nonce).
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  claimed_by text,
  last_error text,
  last_status integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX federation_outbox_due_idx ON federation_outbox (next_attempt_at) WHERE status = 'pending';

CREATE TABLE federation_inbox (
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  activity_id text NOT NULL,
  activity_type text NOT NULL,
  activity jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (peer_id, activity_id)
);

CREATE TABLE federation_nonces (
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  nonce text NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (peer_id, nonce)
);
CREATE INDEX federation_nonces_seen_idx ON federation_nonces (seen_at);

CREATE TABLE instance_ledger_entries (
  sequence integer PRIMARY KEY,
  instant text NOT NULL,
  actor_id text NOT NULL,
  actor_name text NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
-- One row: the instance ledger's length and head, locked while appending (as a case row is).
CREATE TABLE instance_ledger_head (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  ledger_count integer NOT NULL DEFAULT 0,
  ledger_head text NOT NULL DEFAULT '${'0'.repeat(64)}'
);
INSERT INTO instance_ledger_head DEFAULT VALUES;
`
