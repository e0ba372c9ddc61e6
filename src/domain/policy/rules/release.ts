// The advisory of a case. The coordinator starts the draft (the parties learn of it only then),
// edits it before and after the release, releases it once, publishes revisions, and may withdraw it
// or mark it superseded; the parties read it and comment on it, in their party's name. The staff
// may also comment as themselves.
// Before the release the staff read its readiness checklist and leave items out of it on purpose.
import { isStaff } from '../../actor.js'
import { allow, can } from '../policy.js'

const started = (state: string) => state !== 'unstarted'

allow('advisory', 'read', (a, adv) => isStaff(a) || (started(adv.state) && can(a, 'read', adv.case)))
allow('advisory', 'comment', (a, adv) => isStaff(a) || (started(adv.state) && can(a, 'read', adv.case)))
allow('advisory', 'start', (a, adv) => isStaff(a) && adv.state === 'unstarted')
allow('advisory', ['edit', 'comment_as_coordinator'], isStaff)
// Released exactly once; a published advisory changes only by a revision.
allow('advisory', 'release', (a, adv) => isStaff(a) && adv.state !== 'published')
allow('advisory', 'revise', (a, adv) => isStaff(a) && adv.state === 'published')
// Ending a released advisory (withdrawn, or superseded by another) is the coordinators' word alone.
allow('advisory', ['withdraw', 'supersede'], (a, adv) => isStaff(a) && adv.state === 'published')
// The checklist names every vendor and what it said, approved or not: the coordinators' alone.
allow('advisory', 'read_readiness', isStaff)
allow('advisory', 'leave_out', (a, adv) => isStaff(a) && adv.state !== 'published')
// Before the release, the draft CSAF (TLP:AMBER, or RED for a RED case) goes to the case's parties
// with an API token, so their tooling can take it in ahead of the instant; after it, the public
// document replaces it. Outsiders never learn it exists (not found, as for the case).
allow(
  'advisory',
  'read_embargoed_csaf',
  (a, adv) => adv.state !== 'published' && (isStaff(a) || (started(adv.state) && can(a, 'read', adv.case))),
)
