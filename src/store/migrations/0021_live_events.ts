// Open pages update themselves (server-sent events, adapters/http/routes/events.ts): every change a
// page shows NOTIFYs the channel lockstep_events with a small JSON word ({kind, caseId} and the
// like: ids and kinds only, never content) when its transaction commits; a transaction that rolls
// back says nothing, and the same word said many times in one transaction arrives once (notifying
// a thousand vendors is one "case.changed"). Each server LISTENs (store/liveEvents.ts) and passes
// a word on only to the people the policy lets read what it is about. Triggers, not calls in the
// commands, for the reason of migration 0013: no write path (a job, the CLI, mail coming in) can
// forget to say it. Touches that change nothing a page shows (a case marked seen) say nothing.
export const name = 'live_events'

export const up = /* sql */ `
CREATE FUNCTION lockstep_live_word(kind text, target text, id text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_notify('lockstep_events', json_build_object('kind', kind, target, id)::text)
$$;

-- A row's word: TG_ARGV is the kind, what the id is of ('caseId', 'reportId', 'organizationId')
-- and the row's column holding it.
CREATE FUNCTION lockstep_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lockstep_live_word(TG_ARGV[0], TG_ARGV[1], to_jsonb(NEW) ->> TG_ARGV[2]);
  RETURN NULL;
END
$$;

CREATE FUNCTION lockstep_ledger_appended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lockstep_live_word(
    CASE WHEN NEW.kind = 'advisory.released' THEN 'case.released' ELSE 'case.changed' END, 'caseId', NEW.case_id::text);
  RETURN NULL;
END
$$;

-- Items come in batches of a thousand: one word per owner of the batch, not one per item.
CREATE FUNCTION lockstep_alert_items_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lockstep_live_word('alert.created', 'organizationId', o.organization_id::text)
    FROM (SELECT DISTINCT a.organization_id FROM added JOIN owner_alerts a ON a.id = added.alert_id) o;
  RETURN NULL;
END
$$;

CREATE TRIGGER live_event AFTER INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION lockstep_ledger_appended();
CREATE TRIGGER live_event AFTER UPDATE ON cases
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION lockstep_row_changed('case.changed', 'caseId', 'id');
CREATE TRIGGER live_event AFTER INSERT ON participants
  FOR EACH ROW EXECUTE FUNCTION lockstep_row_changed('case.changed', 'caseId', 'case_id');
CREATE TRIGGER live_event_update AFTER UPDATE ON participants
  FOR EACH ROW WHEN ((to_jsonb(OLD) - 'seen_at') IS DISTINCT FROM (to_jsonb(NEW) - 'seen_at'))
  EXECUTE FUNCTION lockstep_row_changed('case.changed', 'caseId', 'case_id');
CREATE TRIGGER live_event AFTER INSERT ON case_messages
  FOR EACH ROW EXECUTE FUNCTION lockstep_row_changed('message.posted', 'caseId', 'case_id');
CREATE TRIGGER live_event AFTER UPDATE ON reports
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.case_id IS DISTINCT FROM NEW.case_id)
  EXECUTE FUNCTION lockstep_row_changed('report.changed', 'reportId', 'id');
CREATE TRIGGER live_event AFTER INSERT ON report_messages
  FOR EACH ROW EXECUTE FUNCTION lockstep_row_changed('message.posted', 'reportId', 'report_id');
CREATE TRIGGER live_event AFTER INSERT OR UPDATE ON owner_alerts
  FOR EACH ROW EXECUTE FUNCTION lockstep_row_changed('alert.created', 'organizationId', 'organization_id');
CREATE TRIGGER live_event AFTER INSERT ON owner_alert_items
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lockstep_alert_items_added();
`
