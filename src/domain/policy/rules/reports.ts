// Whom a report is assigned to: the staff assign it, and only to an active member of the staff.
import { isStaff } from '../../actor.js'
import { allow } from '../policy.js'

allow('report_assignee', 'assign', (a, u) => isStaff(a) && u.instanceRole !== 'none' && !u.disabled)
