// The embargo of a case. Each party that works the case negotiates in its own name (the
// participant rule negotiate_embargo); these rules say what the coordinator alone may do: speak
// without naming a party (as the coordinating participant), answer after the deadline, seal an
// agreement by accepting it, reject terms and end the embargo early. A proposal is withdrawn by
// whoever may speak for the party that proposed it.
import { isStaff } from '../../actor.js'
import { allow, can } from '../policy.js'

allow('embargo', 'read', (a, e) => can(a, 'read', e.case))
allow('embargo', ['speak_as_coordinator', 'terminate'], isStaff)

allow('embargo_proposal', 'read', (a, p) => can(a, 'read', p.case))
// Silence past the deadline counts as declining; only the coordinator may still answer then.
allow('embargo_proposal', 'answer', (a, p) => isStaff(a) || (!p.late && can(a, 'read', p.case)))
// The coordinator's agreement puts the terms in force (otherwise every party asked must agree).
allow('embargo_proposal', ['seal', 'reject'], isStaff)
allow('embargo_proposal', 'withdraw', (a, p) => p.proposer !== null && can(a, 'negotiate_embargo', p.proposer))
allow('embargo_proposal', 'withdraw', isStaff)
