// What goes wrong talking to CVE Services, as one error type: the HTTP status and the API's own
// `error` code and `message` for code that branches on them, and a sentence a coordinator can act
// on for the UI and the logs. The API key is scrubbed from everything kept here, since the API's
// messages and details are echoed back and errors end up in logs.

/** Codes of the client's own, for failures that never got an answer from the API. */
export type LocalErrorCode = 'NETWORK_ERROR' | 'TIMEOUT' | 'INVALID_RESPONSE' | 'INVALID_CVE_ID' | 'INVALID_ARGUMENT'

export interface CveServicesErrorInit {
  /** HTTP status of the last answer; null when none came (network, timeout) or nothing was sent. */
  status: number | null
  /** The API's `error` field (EXCEEDED_ID_QUOTA, UNAUTHORIZED…) or one of LocalErrorCode. */
  code: string
  /** The API's own `message`, when it sent one. */
  apiMessage?: string | undefined
  /** The API's `details` (quota figures, schema validation errors…), as sent. */
  details?: unknown
  /** Schema validation messages (`/cnaContainer/descriptions must NOT have fewer than 1 items`). */
  validationErrors?: string[]
  /** How many requests were made, retries included. */
  attempts?: number
  /** True when an earlier attempt may have been carried out although its answer was lost. */
  afterAmbiguousAttempt?: boolean
  /** The sentence for people. */
  message: string
  cause?: unknown
}

export class CveServicesError extends Error {
  readonly status: number | null
  readonly code: string
  readonly apiMessage: string | undefined
  readonly details: unknown
  readonly validationErrors: string[]
  readonly attempts: number
  readonly afterAmbiguousAttempt: boolean

  constructor(init: CveServicesErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'CveServicesError'
    this.status = init.status
    this.code = init.code
    this.apiMessage = init.apiMessage
    this.details = init.details
    this.validationErrors = init.validationErrors ?? []
    this.attempts = init.attempts ?? 0
    this.afterAmbiguousAttempt = init.afterAmbiguousAttempt ?? false
  }
}

/** What the sentences need to know about the request that failed. */
export interface FailureContext {
  org: string
  user: string
  baseUrl: string
  /** "reserve CVE IDs", "publish the record of CVE-2026-1000"… */
  operation: string
  cveId?: string | undefined
  attempts: number
}

/**
 * The sentence for an answer the API refused. Codes are those CVE Services sends (see the error.js
 * files of its controllers and middleware); anything else falls back on its message.
 */
export function refusalSentence(
  status: number,
  code: string,
  apiMessage: string | undefined,
  details: unknown,
  validationErrors: string[],
  ctx: FailureContext,
): string {
  const id = ctx.cveId ?? 'the CVE ID'
  const said = apiMessage ? ` (CVE Services said: ${apiMessage})` : ''
  if (status === 401) {
    return `CVE Services refused the credentials for org ${ctx.org} (user ${ctx.user}): check LOCKSTEP_CVE_API_USER and LOCKSTEP_CVE_API_KEY, and that LOCKSTEP_CVE_API_ORG is the CNA's short name.`
  }
  switch (code) {
    case 'BAD_REQUEST':
      return `CVE Services refused a request without its credentials${said}: check LOCKSTEP_CVE_API_ORG, LOCKSTEP_CVE_API_USER and LOCKSTEP_CVE_API_KEY.`
    case 'EXCEEDED_ID_QUOTA': {
      const q = quotaFigures(details)
      const figures = q ? ` (quota ${q.id_quota}, ${q.total_reserved} reserved, ${q.available} left)` : ''
      return `Org ${ctx.org} has used up its CVE ID quota${figures}: publish or reject IDs it holds in reserve, or ask its Root CNA for a larger quota.`
    }
    case 'CANNOT_RESERVE_FOR_YEAR':
    case 'YEAR_RANGE_FULL':
      return `CVE Services cannot reserve IDs for that year now${said}.`
    case 'RESERVATION_IN_PROGRESS':
      return `Another reservation for org ${ctx.org} is in progress at CVE Services: try again in a moment.`
    case 'ORG_DOES_NOT_OWN_ID':
      return `CVE Services says org ${ctx.org} does not own ${id}: only the org that reserved it can publish or update its record.`
    case 'CVE_RECORD_EXISTS':
      return `${id} already has a published record: update it instead.`
    case 'CVE_RECORD_DNE':
      return `${id} has no published record at CVE Services yet: publish it first.`
    case 'CVE_ID_NOT_FOUND':
    case 'NOT_FOUND':
      return `CVE Services knows no ${id} that org ${ctx.org} may see.`
    case 'INVALID_JSON_SCHEMA': {
      const shown = validationErrors.slice(0, 5).join('; ')
      const more = validationErrors.length > 5 ? `; and ${validationErrors.length - 5} more` : ''
      return `CVE Services rejected the record of ${id} as not valid CVE JSON: ${shown || apiMessage || 'no detail given'}${more}.`
    }
    case 'BAD_INPUT':
      return `CVE Services rejected the request to ${ctx.operation} as malformed: ${validationErrors.join('; ') || apiMessage || 'no detail given'}.`
    case 'TOO_MANY_REQUESTS':
      return `CVE Services is limiting how often org ${ctx.org} may call it (tried ${ctx.attempts} times): try again in a few minutes.`
  }
  if (status >= 500)
    return `CVE Services is not working right now (HTTP ${status}, tried ${ctx.attempts} times at ${ctx.baseUrl})${said}: try again later.`
  return `CVE Services refused to ${ctx.operation} (HTTP ${status}${code ? ` ${code}` : ''})${said}.`
}

function quotaFigures(details: unknown): { id_quota: number; total_reserved: number; available: number } | null {
  if (!details || typeof details !== 'object') return null
  const d = details as Record<string, unknown>
  if (typeof d.id_quota === 'number' && typeof d.total_reserved === 'number' && typeof d.available === 'number') {
    return { id_quota: d.id_quota, total_reserved: d.total_reserved, available: d.available }
  }
  return null
}

/**
 * Validation messages from the API's `details`: INVALID_JSON_SCHEMA sends `{ errors: [ajv errors] }`,
 * BAD_INPUT an array of express-validator `{ msg, param, location }`.
 */
export function validationMessages(details: unknown): string[] {
  const list = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && Array.isArray((details as { errors?: unknown }).errors)
      ? (details as { errors: unknown[] }).errors
      : []
  return list.map((e) => {
    if (typeof e === 'string') return e
    if (!e || typeof e !== 'object') return String(e)
    const o = e as Record<string, unknown>
    if (typeof o.message === 'string') {
      const where = typeof o.instancePath === 'string' && o.instancePath ? o.instancePath : '/'
      const allowed =
        o.params && typeof o.params === 'object' && 'allowedValues' in o.params
          ? ` (${JSON.stringify((o.params as { allowedValues: unknown }).allowedValues)})`
          : ''
      const extra =
        o.params && typeof o.params === 'object' && 'additionalProperty' in o.params
          ? ` (${String((o.params as { additionalProperty: unknown }).additionalProperty)})`
          : ''
      return `${where} ${o.message}${allowed}${extra}`
    }
    if (typeof o.msg === 'string') return typeof o.param === 'string' ? `${o.param}: ${o.msg}` : o.msg
    return JSON.stringify(o)
  })
}

/**
 * Replaces every occurrence of the secret in a string, or in the strings of a JSON-like value.
 * CVE Services secrets are long random strings; a short one (a test's, a typo) is left alone,
 * since hunting it down would garble ordinary words.
 */
export function scrub<T>(value: T, secret: string): T {
  if (secret.length < 8) return value
  if (typeof value === 'string') return value.split(secret).join('[redacted]') as T
  if (Array.isArray(value)) return value.map((v: unknown) => scrub(v, secret)) as T
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrub(v, secret)]),
    ) as T
  }
  return value
}
