// A message from another instance that is not taken, with the status it is answered with and a
// short reason for the log (never the signature or the body).
import { LockstepError } from '../errors.js'

export type RefusalReason =
  | 'unsigned'
  | 'malformed-signature'
  | 'unknown-peer'
  | 'unpinned-peer'
  | 'bad-signature'
  | 'not-covered'
  | 'stale'
  | 'replayed'
  | 'bad-digest'
  | 'bad-activity'
  | 'wrong-actor'

const statuses: Record<RefusalReason, number> = {
  unsigned: 401,
  'malformed-signature': 401,
  'unknown-peer': 401,
  'unpinned-peer': 403,
  'bad-signature': 401,
  'not-covered': 401,
  stale: 401,
  replayed: 409,
  'bad-digest': 400,
  'bad-activity': 422,
  'wrong-actor': 403,
}

export class FederationRefusal extends LockstepError {
  readonly status: number
  readonly type = 'federation-refused'
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message)
    this.status = statuses[reason]
  }
}
