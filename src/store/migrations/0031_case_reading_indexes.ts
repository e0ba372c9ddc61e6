// Reading a large case (1,000 vendors, 10,000 messages) a page at a time (bench/cases.ts):
// - a thread's latest messages, newest first with the id breaking ties, walk one index backwards
//   and stop at the page's end instead of sorting the thread (private threads by (case,
//   participant), the case-wide thread by its own partial index, as "participant IS NULL" gives no
//   order, product threads by topic); the private one also answers each private thread's last
//   message for the thread list, and the unread counts of the page's threads;
// - a person's own reports (a finder's search and list) by who reported them.
export const name = 'case_reading_indexes'

export const up = /* sql */ `
DROP INDEX case_messages_thread_idx;
CREATE INDEX case_messages_thread_idx ON case_messages (case_id, participant_id, created_at, id);
CREATE INDEX case_messages_case_wide_idx ON case_messages (case_id, created_at, id) WHERE participant_id IS NULL AND topic_id IS NULL;
DROP INDEX case_messages_topic_idx;
CREATE INDEX case_messages_topic_idx ON case_messages (topic_id, created_at, id) WHERE topic_id IS NOT NULL;
CREATE INDEX reports_reporter_user_idx ON reports (reporter_user_id) WHERE reporter_user_id IS NOT NULL;
`
