// What needs each person: the in-app notifications (one row per person and event, written in the
// event's transaction), each person's choice of how each kind also comes by mail (at once, in the
// daily digest, or not at all), and the report a finder's mail is about (so it is encrypted to the
// key the finder gave with the report, who may have no account).
export const name = 'notifications'

export const up = /* sql */ `
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
  report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
  title text NOT NULL,
  link text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  digested_at timestamptz
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE mail_preferences (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  delivery text NOT NULL CHECK (delivery IN ('app', 'now', 'digest')),
  PRIMARY KEY (user_id, kind)
);

ALTER TABLE mail_outbox ADD COLUMN recipient_report_id uuid REFERENCES reports (id) ON DELETE SET NULL;
`
