// Whether this instance is a demo, recorded in the database rather than guessed from how it was
// started: a demo instance shows a banner on every page, serves its staff's authenticator codes and
// refuses a public address. One row per instance setting; `demo` is the first.
// An instance that already holds the demo accounts (seeded by the old default of every embedded
// start) is recorded as a demo now, so that it says so instead of serving public passwords quietly.
export const name = 'demo_instance'

export const up = /* sql */ `
CREATE TABLE instance_settings (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  set_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO instance_settings (name, value)
SELECT 'demo', jsonb_build_object('since', now(), 'how', 'demo accounts found by migration 14')
WHERE EXISTS (SELECT 1 FROM users WHERE email = 'admin@lockstep.demo');
`
