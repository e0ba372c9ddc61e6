// Which server claimed an outbox message for sending. A server killed mid-delivery leaves its
// claims behind; the next server to start (or any live one) sees that their owner is gone and
// sends them again at once, instead of after the ten-minute staleness limit (store/servers.ts).
export const name = 'outbox_claims'

export const up = /* sql */ `
ALTER TABLE mail_outbox ADD COLUMN claimed_by text;
`
