// E-mail both ways: OpenPGP keys, organization contacts (people reached by mail, with or without
// an account), the outbox written with each change, per-recipient reply addresses, and every
// inbound message kept raw before it is answered 250.
export const name = 'mail'

export const up = /* sql */ `
-- Public keys of users and organizations (an organization may have one per contact address).
CREATE TABLE pgp_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9A-F]{40,64}$'),
  armored text NOT NULL,
  emails text[] NOT NULL DEFAULT '{}',
  algorithm text NOT NULL,
  key_created_at timestamptz NOT NULL,
  expires_at timestamptz,
  expiry_warned_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((user_id IS NULL) <> (organization_id IS NULL))
);
CREATE UNIQUE INDEX pgp_keys_user_key ON pgp_keys (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX pgp_keys_org_fingerprint_key ON pgp_keys (organization_id, fingerprint) WHERE organization_id IS NOT NULL;
CREATE INDEX pgp_keys_expires_idx ON pgp_keys (expires_at) WHERE expires_at IS NOT NULL;

-- The people an organization is reached at by mail, whether or not they have an account.
CREATE TABLE organization_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
  name text,
  kind text NOT NULL DEFAULT 'primary' CHECK (kind IN ('primary', 'alternate')),
  verified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, email)
);

-- Every notification, written in the transaction of the change that caused it (its template and
-- the data it shows, as they were then) and delivered by a job after commit, rendered for its
-- recipient: encrypted, in plaintext, or as a bare notice. What went on the wire is kept.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id text NOT NULL UNIQUE,
  to_address text NOT NULL,
  to_name text,
  to_domain text NOT NULL,
  recipient_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  recipient_organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  case_id uuid REFERENCES cases (id) ON DELETE SET NULL,
  -- The thread a reply goes to ('case' or a participant id); null: replies are not taken.
  thread text,
  template text NOT NULL,
  data jsonb NOT NULL,
  -- Details about a case under embargo: encrypted to the recipient's key, or only a notice.
  confidential boolean NOT NULL,
  tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  -- pending → (queued as a job) → sending (claimed by one worker) → sent | caught | failed.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'caught', 'failed')),
  queued_at timestamptz,
  claimed_at timestamptz,
  mode text CHECK (mode IN ('encrypted', 'plain', 'notice')),
  subject text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  raw bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_status_idx ON mail_outbox (status, created_at);
CREATE INDEX mail_outbox_unqueued_idx ON mail_outbox (created_at) WHERE status = 'pending' AND queued_at IS NULL;
CREATE INDEX mail_outbox_domain_sent_idx ON mail_outbox (to_domain, sent_at) WHERE sent_at IS NOT NULL;
CREATE INDEX mail_outbox_case_idx ON mail_outbox (case_id, created_at);

-- Addresses whose server refused our mail for good (5xx): shown to the coordinator.
CREATE TABLE mail_failing_addresses (
  address text PRIMARY KEY,
  failing_since timestamptz NOT NULL DEFAULT now(),
  last_error text NOT NULL
);

-- A reply address per recipient and thread: reply+<token>@<mail domain>. Only the hash is kept.
CREATE TABLE reply_addresses (
  token_hash text PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  thread text NOT NULL,
  email text NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organizations (id) ON DELETE CASCADE,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reply_addresses_recipient_key ON reply_addresses (case_id, thread, email) WHERE revoked_at IS NULL;

-- Inbound mail, stored raw before the SMTP answer 250 and processed afterwards by a job.
CREATE TABLE inbound_mail (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  received_at timestamptz NOT NULL DEFAULT now(),
  remote_address text,
  mail_from text,
  rcpt_to text[] NOT NULL,
  raw bytea NOT NULL,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'ignored', 'failed')),
  note text,
  report_id uuid REFERENCES reports (id) ON DELETE SET NULL,
  case_message_id uuid REFERENCES case_messages (id) ON DELETE SET NULL,
  processed_at timestamptz
);
CREATE INDEX inbound_mail_status_idx ON inbound_mail (status, received_at);

-- A message that came by mail from someone without an account names them here.
ALTER TABLE case_messages ADD COLUMN author_label text;
ALTER TABLE case_messages ADD COLUMN via text NOT NULL DEFAULT 'web' CHECK (via IN ('web', 'mail'));
ALTER TABLE reports ADD COLUMN via text NOT NULL DEFAULT 'web' CHECK (via IN ('web', 'mail'));
`
