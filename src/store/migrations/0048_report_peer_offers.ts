// A report (not yet a case) sent to peer instances (issue 17 item 6, onward notification):
// Vultron's RmSubmitReport, an AS2 Offer of the VulnerabilityReport, one per peer. On the sender a
// row per peer told, with the peer's answer when it rules on the report there (RmValidateReport:
// Accept, RmInvalidateReport / RmCloseReport: Reject); on the receiver the report it became in the
// triage queue, with the origin's address, so that the ruling goes back to the one who sent it.
// Deferrals (a peer told later on purpose, and why) are the report's history entries.
// A report received from a peer is `via = 'peer'`: it may name its finder (with their consent)
// without the finder's address, which stays with the sender, who follows the finder up.
export const name = 'report_peer_offers'

export const up = /* sql */ `
ALTER TABLE reports DROP CONSTRAINT reports_via_check;
ALTER TABLE reports ADD CONSTRAINT reports_via_check CHECK (via IN ('web', 'mail', 'peer'));
ALTER TABLE reports DROP CONSTRAINT reports_check;
ALTER TABLE reports ADD CONSTRAINT reports_reporter_reachable
  CHECK (anonymous OR reporter_email IS NOT NULL OR via = 'peer');
CREATE TABLE federation_report_offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  direction text NOT NULL CHECK (direction IN ('sent', 'received')),
  peer_id uuid NOT NULL REFERENCES federation_peers (id),
  report_id uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  offer_activity_id text NOT NULL,
  -- The report's address on the instance that sent it, and on this one (the same when sent from
  -- here; the ruling on a received report goes back from under this instance's address).
  origin_report_url text NOT NULL,
  local_report_url text NOT NULL,
  -- The label it crossed under, and whether the finder was named (with consent).
  tlp text NOT NULL CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER')),
  finder_shared boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'offered' CHECK (state IN ('offered', 'accepted', 'declined')),
  answer_activity_id text,
  answer_reason text,
  offered_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  UNIQUE (direction, peer_id, offer_activity_id),
  CHECK ((state = 'offered') = (answered_at IS NULL))
);
-- A report is sent to a peer once; a report received came from one offer.
CREATE UNIQUE INDEX federation_report_offers_sent_once ON federation_report_offers (report_id, peer_id)
  WHERE direction = 'sent';
CREATE UNIQUE INDEX federation_report_offers_received_report ON federation_report_offers (report_id)
  WHERE direction = 'received';
`
