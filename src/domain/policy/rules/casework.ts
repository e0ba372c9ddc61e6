// Case work: what the people in a case see of each other's statements and suggestions, and what a
// look at the case records. Cases, threads and participants themselves are in foundations.ts.
import { isStaff } from '../../actor.js'
import { isParticipant, participates } from '../participation.js'
import { allow } from '../policy.js'

// A vendor's first look at the case marks it "seen" in the coordinator's vendor table; a look by
// the coordinator staff says nothing about the vendor, so only a participant's own visit counts.
allow('case', 'mark_seen', (a, c) => !isStaff(a) && participates(a, c))

// Statements: before release a vendor's statement is its own business, shown to the other
// participants only once the vendor shares it or the coordinator approved it for publication.
allow(
  'statement',
  'read',
  (a, s) => isStaff(a) || (participates(a, s.case) && (isParticipant(a, s.by) || s.shareable || s.approved)),
)

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
