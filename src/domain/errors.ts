// The errors the domain and the commands raise. Each maps to one HTTP status and one RFC 9457
// problem type in the HTTP adapter; none carries a stack trace to the client.

export interface FieldProblem {
  /** JSON pointer-ish path of the offending field, e.g. "email" or "members.0.role". */
  field: string
  message: string
}

export abstract class LockstepError extends Error {
  abstract readonly status: number
  abstract readonly type: string
  readonly problems: FieldProblem[] = []
}

export class ValidationError extends LockstepError {
  readonly status = 422
  readonly type = 'validation'
  override readonly problems: FieldProblem[]
  constructor(problems: FieldProblem[] | FieldProblem) {
    const list = Array.isArray(problems) ? problems : [problems]
    super(list.map((p) => `${p.field}: ${p.message}`).join('; '))
    this.problems = list
  }
}

export class BadRequestError extends LockstepError {
  readonly status = 400
  readonly type = 'bad-request'
}

export class UnauthenticatedError extends LockstepError {
  readonly status = 401
  readonly type = 'unauthenticated'
  constructor(message = 'Sign in or send an API token to use this endpoint.') {
    super(message)
  }
}

export class ForbiddenError extends LockstepError {
  readonly status = 403
  readonly type = 'forbidden'
}

/** Also what a caller gets for something that exists but that they may not see. */
export class NotFoundError extends LockstepError {
  readonly status = 404
  readonly type = 'not-found'
  constructor(what = 'resource') {
    super(`No such ${what}.`)
  }
}

export class ConflictError extends LockstepError {
  readonly status = 409
  readonly type = 'conflict'
}

export class RateLimitedError extends LockstepError {
  readonly status = 429
  readonly type = 'rate-limited'
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}

/** A body of a kind this endpoint does not read (a JSON body where a file is expected). */
export class UnsupportedMediaTypeError extends LockstepError {
  readonly status = 415
  readonly type = 'media-type'
}
