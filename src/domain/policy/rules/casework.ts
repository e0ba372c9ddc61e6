// Case work: what the people in a case see of each other's statements and suggestions, and what a
// look at the case records. Cases, threads and participants themselves are in foundations.ts.
import { isStaff } from '../../actor.js'
import { isParticipant, participates } from '../participation.js'
import { allow } from '../policy.js'

// A vendor's first look at the case marks it "seen" in the coordinator's vendor table; a look by
// the coordinator staff says nothing about the vendor, so only a participant's own visit counts.
allow('case', 'mark_seen', (a, c) => !isStaff(a) && participates(a, c))

// Statements: a vendor's statement is its own business, shown to the other participants only when
// the vendor shares it. The coordinator approving it for the advisory does not share it: what the
// vendor chose holds in the case, approved or not (the advisory publishes it at the release).
allow('statement', 'read', (a, s) => isStaff(a) || (participates(a, s.case) && (isParticipant(a, s.by) || s.shareable)))

// Suggestions: a vendor of the case knows who else ships the code and suggests them; the
// coordinator staff suggest too (in the coordinator's name) and alone see them all and decide.
// A participant sees the suggestions it made.
allow(
  'vendor_suggestion',
  'read',
  (a, s) => isStaff(a) || (s.by !== null && participates(a, s.case) && isParticipant(a, s.by)),
)
allow(
  'vendor_suggestion',
  'create',
  (a, s) =>
    isStaff(a) || (s.by !== null && s.by.roles.includes('vendor') && participates(a, s.case) && isParticipant(a, s.by)),
)
allow('vendor_suggestion', 'decide', isStaff)
