// A reply address per message sent, which expires. The address travels in the clear Reply-To
// header even of an encrypted mail, so anyone who sees one message's envelope must not hold a
// lasting way into the thread: each message gets its own token (derived from the message, so a
// message sent again keeps its address), good for a limited time. The per-recipient addresses of
// mail already sent keep working until they expire in turn.
export const name = 'reply_per_message'

export const up = /* sql */ `
ALTER TABLE reply_addresses ADD COLUMN outbox_id uuid REFERENCES mail_outbox (id) ON DELETE CASCADE;
ALTER TABLE reply_addresses ADD COLUMN expires_at timestamptz;
UPDATE reply_addresses SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
DROP INDEX reply_addresses_recipient_key;
CREATE UNIQUE INDEX reply_addresses_recipient_key ON reply_addresses (case_id, thread, email)
  WHERE revoked_at IS NULL AND outbox_id IS NULL;
`
