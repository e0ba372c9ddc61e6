// Handing a case over to a peer instance whole (issue 17 item 5): the coordinators' call, as
// offering it is. Once handed over, the case is read-only here for everyone (../handedOver.ts).
import { isStaff } from '../../actor.js'
import { allow } from '../policy.js'

allow('case', 'hand_over_to_peer', isStaff)
