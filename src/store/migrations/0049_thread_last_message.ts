// The thread list of a large case (1,000 vendors, 10,000 messages; bench/cases.ts) orders the
// private threads by their last message. Found from the messages, every page grouped the case's
// private messages (half of them) to keep fifty; each private thread's last message kept on its
// participant row, with an index in that order, lets a page read fifty index entries.
// - A trigger, not a call in insertThreadPost, for the reason of migration 0013: no write path
//   (mail coming in, a peer's message, an import, a restore) can forget it; messages are never
//   updated or deleted on their own, so an insert is the only change. It only moves forward, so a
//   restore (participants first, their messages after) keeps what the backup held.
// - Open pages hear of a message by its own word (message.posted): the participant row moving
//   here is no "case.changed", as seen_at is not (migration 0021's trigger, written again with
//   both).
export const name = 'thread_last_message'

export const up = /* sql */ `
ALTER TABLE participants ADD COLUMN last_message_at timestamptz;
UPDATE participants p SET last_message_at = m.last_at
  FROM (SELECT participant_id, max(created_at) AS last_at FROM case_messages
        WHERE participant_id IS NOT NULL GROUP BY participant_id) m
  WHERE m.participant_id = p.id;

CREATE FUNCTION lockstep_thread_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE participants SET last_message_at = NEW.created_at
    WHERE id = NEW.participant_id AND (last_message_at IS NULL OR last_message_at < NEW.created_at);
  RETURN NULL;
END
$$;
CREATE TRIGGER thread_last_message AFTER INSERT ON case_messages
  FOR EACH ROW WHEN (NEW.participant_id IS NOT NULL) EXECUTE FUNCTION lockstep_thread_written();

CREATE INDEX participants_last_message_idx ON participants (case_id, last_message_at DESC, id)
  WHERE last_message_at IS NOT NULL;

DROP TRIGGER live_event_update ON participants;
CREATE TRIGGER live_event_update AFTER UPDATE ON participants
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'seen_at' - 'last_message_at') IS DISTINCT FROM (to_jsonb(NEW) - 'seen_at' - 'last_message_at'))
  EXECUTE FUNCTION lockstep_row_changed('case.changed', 'caseId', 'case_id');
`
