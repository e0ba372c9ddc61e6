// A notification written for someone (migration 22) says so on the live channel of migration 21,
// so the header's bell counts it within seconds on every page that person has open, on any server.
// Only the addressee hears it (store/liveEvents.ts routes `userId` words to that user alone).
export const name = 'notification_words'

export const up = /* sql */ `
CREATE TRIGGER live_event AFTER INSERT ON notifications
  FOR EACH ROW EXECUTE FUNCTION lockstep_row_changed('notification.created', 'userId', 'user_id');
`
