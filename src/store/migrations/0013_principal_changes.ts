// Servers keep resolved callers for a few seconds; every change that can alter one NOTIFYs the
// channel lockstep_principals with the user's id when its transaction commits, so that each server
// drops what it kept (store/principalChanges.ts). A trigger, not calls in the commands, so that no
// write path (a CLI chore, a cascade from a deleted organization, a future command) can forget it.
// Moving last_seen_at / last_used_at forward alone (the touches on use) says nothing.
export const name = 'principal_changes'

export const up = /* sql */ `
CREATE FUNCTION lockstep_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  user_column text := TG_ARGV[0];
  touched text := TG_ARGV[1];
  old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
BEGIN
  IF TG_OP = 'UPDATE' AND touched IS NOT NULL
     AND (old_row - touched) = (new_row - touched)
     AND (new_row ->> touched)::timestamptz >= coalesce((old_row ->> touched)::timestamptz, '-infinity') THEN
    RETURN NULL;
  END IF;
  IF old_row IS NOT NULL THEN PERFORM pg_notify('lockstep_principals', old_row ->> user_column); END IF;
  IF new_row IS NOT NULL THEN PERFORM pg_notify('lockstep_principals', new_row ->> user_column); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER principal_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION lockstep_principal_changed('user_id');
CREATE TRIGGER principal_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION lockstep_principal_changed('id');
CREATE TRIGGER principal_changed AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION lockstep_principal_changed('user_id', 'last_seen_at');
CREATE TRIGGER principal_changed AFTER UPDATE OR DELETE ON api_tokens
  FOR EACH ROW EXECUTE FUNCTION lockstep_principal_changed('user_id', 'last_used_at');
`
