// What a server killed in the middle of its work leaves behind, made recoverable:
// - which server claimed an outbox message for sending: when that server is gone (killed), the
//   next server to start, or the pump of any live one, sends it again at once instead of after the
//   ten-minute staleness limit (store/servers.ts, adapters/mail/delivery.ts);
// - which report a spent proof-of-work challenge became, and a digest of the request: a finder
//   whose form got no answer (the server died after the commit) sends the same request again and
//   gets the same report back instead of a refusal that invites a second report.
export const name = 'crash_recovery'

export const up = /* sql */ `
ALTER TABLE mail_outbox ADD COLUMN claimed_by text;
ALTER TABLE spent_challenges
  ADD COLUMN report_id uuid REFERENCES reports (id) ON DELETE CASCADE,
  ADD COLUMN request_digest text;
`
