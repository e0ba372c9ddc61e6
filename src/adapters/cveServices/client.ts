// The CVE Services API (v2) client: Lockstep, as a CNA, reserves CVE IDs and publishes CVE records
// through it. Built on Node's fetch with a timeout per attempt; what the server or the network
// drops on the way (429, 5xx, resets, timeouts) is tried again with backoff, what it refuses (4xx)
// is not, since asking again gets the same answer. Every answer is checked against the API's
// documented shapes. The API key goes in a header and nowhere else: not in logs, not in errors.
import type { z } from 'zod'
import { CveServicesError, refusalSentence, scrub, validationMessages, type FailureContext } from './errors.js'
import {
  apiCveIdSchema,
  apiErrorSchema,
  CVE_ID_PATTERN,
  createdResponseSchema,
  cveRecordSchema,
  quotaResponseSchema,
  reserveResponseSchema,
  toCveIdInfo,
  updatedResponseSchema,
  type CnaContainer,
  type CveIdInfo,
  type CveRecord,
} from './schemas.js'

export { CveServicesError } from './errors.js'
export type { CnaContainer, CveIdInfo, CveRecord } from './schemas.js'

/** The production API; https://cveawg-test.mitre.org/api is the test instance for trying things out. */
export const CVE_SERVICES_PRODUCTION_URL = 'https://cveawg.mitre.org/api'
export const CVE_SERVICES_TEST_URL = 'https://cveawg-test.mitre.org/api'

/** Most IDs one non-sequential reservation may ask for (the API's NONSEQUENTIAL_MAX_AMOUNT). */
export const NONSEQUENTIAL_MAX_AMOUNT = 10

/** What the client logs through: pino's logger fits. Never handed headers or the key. */
export interface CveServicesLog {
  debug(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

export interface RetryPolicy {
  /** Requests in all, the first included. */
  attempts: number
  /** The first wait; it doubles each time, with jitter, up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
}

export interface CveServicesClientOptions {
  /** E.g. https://cveawg.mitre.org/api (no trailing slash needed). */
  baseUrl: string
  /** The CNA's short name (CVE-API-ORG). */
  org: string
  /** The user name (CVE-API-USER). */
  user: string
  /** The user's API secret (CVE-API-KEY). */
  apiKey: string
  /** Per attempt; default 30 s. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  log?: CveServicesLog
  /** For tests only; the global fetch otherwise. */
  fetch?: typeof fetch
}

export interface ReserveRequest {
  /** How many IDs; default 1. */
  amount?: number
  /** The CVE year; default the current UTC year. */
  year?: number
  /** For amount > 1: a contiguous block (default) or IDs scattered through the year's range. */
  sequential?: boolean
}

export interface Reservation {
  cveIds: CveIdInfo[]
  /** IDs the org may still reserve, when the API says. */
  remainingQuota: number | null
  /** True when the API reserved fewer than asked for (206: the year's range ran out). */
  partial: boolean
}

export interface PublishResult {
  message: string
  record: CveRecord
}

export interface Quota {
  idQuota: number
  totalReserved: number
  available: number
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000 }

interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  query?: Record<string, string>
  body?: unknown
  operation: string
  cveId?: string
  /** The schema of a successful body; statuses outside `okStatuses` are failures. */
  schema: S
  okStatuses?: number[]
}

export class CveServicesClient {
  readonly baseUrl: string
  readonly org: string
  readonly user: string
  // A private field: util.inspect and JSON.stringify of the client do not show it.
  readonly #apiKey: string
  readonly #timeoutMs: number
  readonly #retry: RetryPolicy
  readonly #log: CveServicesLog | undefined
  readonly #fetch: typeof fetch

  constructor(options: CveServicesClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '')
    this.org = options.org
    this.user = options.user
    this.#apiKey = options.apiKey
    this.#timeoutMs = options.timeoutMs ?? 30_000
    this.#retry = { ...DEFAULT_RETRY, ...options.retry }
    if (!Number.isInteger(this.#retry.attempts) || this.#retry.attempts < 1)
      throw new RangeError('retry.attempts must be a whole number, at least 1')
    this.#log = options.log
    this.#fetch = options.fetch ?? globalThis.fetch
  }

  /** POST /cve-id: reserves IDs for this org (sequential or not when more than one). */
  async reserveIds(request: ReserveRequest = {}): Promise<Reservation> {
    const amount = request.amount ?? 1
    const year = request.year ?? new Date().getUTCFullYear()
    const sequential = request.sequential ?? true
    if (!Number.isInteger(amount) || amount < 1)
      throw this.#argumentError('reserve CVE IDs', `the amount must be a whole number of at least 1, not ${amount}`)
    if (!Number.isInteger(year) || year < 1999 || year > 9999)
      throw this.#argumentError('reserve CVE IDs', `${year} is not a CVE year`)
    if (amount > NONSEQUENTIAL_MAX_AMOUNT && !sequential) {
      throw this.#argumentError(
        'reserve CVE IDs',
        `CVE Services gives at most ${NONSEQUENTIAL_MAX_AMOUNT} non-sequential IDs at a time, not ${amount}`,
      )
    }
    const query: Record<string, string> = { amount: String(amount), cve_year: String(year), short_name: this.org }
    // The API wants batch_type only for more than one ID; a single one comes from its priority block.
    if (amount > 1) query.batch_type = sequential ? 'sequential' : 'nonsequential'
    const { status, body } = await this.#request({
      method: 'POST',
      path: '/cve-id',
      query,
      operation: amount === 1 ? `reserve a CVE ID for ${year}` : `reserve ${amount} CVE IDs for ${year}`,
      schema: reserveResponseSchema,
      okStatuses: [200, 206],
    })
    return {
      cveIds: body.cve_ids.map(toCveIdInfo),
      remainingQuota: body.meta?.remaining_quota ?? null,
      partial: status === 206,
    }
  }

  /** GET /cve-id/{id}: the ID's state and owner. */
  async getId(cveId: string): Promise<CveIdInfo> {
    const id = this.#checkId(cveId, 'look up a CVE ID')
    const { body } = await this.#request({
      method: 'GET',
      path: `/cve-id/${id}`,
      operation: `look up ${id}`,
      cveId: id,
      schema: apiCveIdSchema,
    })
    return toCveIdInfo(body)
  }

  /**
   * POST /cve/{id}/cna: publishes the record of a reserved ID from its CNA container (the API
   * fills in providerMetadata and cveMetadata). Should an attempt be lost after the API carried
   * it out, the retry finds the record there: that record is what was published, and is returned.
   */
  async publishRecord(cveId: string, cnaContainer: CnaContainer): Promise<PublishResult> {
    const id = this.#checkId(cveId, 'publish a CVE record')
    try {
      const { body } = await this.#request({
        method: 'POST',
        path: `/cve/${id}/cna`,
        body: { cnaContainer },
        operation: `publish the record of ${id}`,
        cveId: id,
        schema: createdResponseSchema,
      })
      return { message: body.message ?? `${id} record was successfully created.`, record: body.created }
    } catch (error) {
      if (error instanceof CveServicesError && error.code === 'CVE_RECORD_EXISTS' && error.afterAmbiguousAttempt) {
        this.#log?.warn(
          { cveId: id },
          'CVE Services: an earlier publish attempt went through although its answer was lost',
        )
        return { message: `${id} record was successfully created.`, record: await this.getRecord(id) }
      }
      throw error
    }
  }

  /** PUT /cve/{id}/cna: replaces the CNA container of a published record. */
  async updateRecord(cveId: string, cnaContainer: CnaContainer): Promise<PublishResult> {
    const id = this.#checkId(cveId, 'update a CVE record')
    const { body } = await this.#request({
      method: 'PUT',
      path: `/cve/${id}/cna`,
      body: { cnaContainer },
      operation: `update the record of ${id}`,
      cveId: id,
      schema: updatedResponseSchema,
    })
    return { message: body.message ?? `${id} record was successfully updated.`, record: body.updated }
  }

  /** GET /cve/{id}: the published record, whole. */
  async getRecord(cveId: string): Promise<CveRecord> {
    const id = this.#checkId(cveId, 'read a CVE record')
    const { body } = await this.#request({
      method: 'GET',
      path: `/cve/${id}`,
      operation: `read the record of ${id}`,
      cveId: id,
      schema: cveRecordSchema,
    })
    return body
  }

  /** GET /org/{shortname}/id_quota: how many IDs this org may hold in reserve, and holds. */
  async quota(): Promise<Quota> {
    const { body } = await this.#request({
      method: 'GET',
      path: `/org/${encodeURIComponent(this.org)}/id_quota`,
      operation: `read the ID quota of org ${this.org}`,
      schema: quotaResponseSchema,
    })
    return { idQuota: body.id_quota, totalReserved: body.total_reserved, available: body.available }
  }

  // The sentences and logs show `org (user)`, never the key; the inspect output follows suit.
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `CveServicesClient { baseUrl: '${this.baseUrl}', org: '${this.org}', user: '${this.user}' }`
  }

  toJSON(): object {
    return { baseUrl: this.baseUrl, org: this.org, user: this.user }
  }

  #checkId(cveId: string, operation: string): string {
    const id = cveId.trim().toUpperCase()
    if (!CVE_ID_PATTERN.test(id)) {
      throw new CveServicesError({
        status: null,
        code: 'INVALID_CVE_ID',
        message: `Cannot ${operation}: "${cveId}" is not a CVE ID (CVE-YYYY-NNNN).`,
      })
    }
    return id
  }

  #argumentError(operation: string, why: string): CveServicesError {
    return new CveServicesError({ status: null, code: 'INVALID_ARGUMENT', message: `Cannot ${operation}: ${why}.` })
  }

  #context(spec: { operation: string; cveId?: string | undefined }, attempts: number): FailureContext {
    return {
      org: this.org,
      user: this.user,
      baseUrl: this.baseUrl,
      operation: spec.operation,
      cveId: spec.cveId,
      attempts,
    }
  }

  async #request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<{ status: number; body: z.infer<S> }> {
    const url = new URL(this.baseUrl + spec.path)
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v)
    const headers: Record<string, string> = {
      accept: 'application/json',
      'CVE-API-ORG': this.org,
      'CVE-API-USER': this.user,
      'CVE-API-KEY': this.#apiKey,
    }
    const init: RequestInit = { method: spec.method, headers }
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json'
      init.body = JSON.stringify(spec.body)
    }
    const where = { method: spec.method, path: spec.path }
    let ambiguous = false
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.#retry.attempts
      let response: Response
      let text: string
      try {
        response = await this.#fetch(url, { ...init, signal: AbortSignal.timeout(this.#timeoutMs) })
        text = await response.text()
      } catch (cause) {
        // The request may have reached the API before the connection or the clock gave out.
        ambiguous = true
        const timedOut = cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')
        const reason = timedOut ? `no answer within ${this.#timeoutMs} ms` : networkReason(cause)
        if (!last) {
          const wait = this.#backoff(attempt, null)
          this.#log?.warn({ ...where, attempt, reason, retryInMs: wait }, 'CVE Services unreachable, trying again')
          await sleep(wait)
          continue
        }
        throw new CveServicesError({
          status: null,
          code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
          attempts: attempt,
          afterAmbiguousAttempt: ambiguous,
          message: timedOut
            ? `CVE Services at ${this.baseUrl} did not answer within ${this.#timeoutMs} ms (tried ${attempt} times) when asked to ${spec.operation}: try again later.`
            : `Could not reach CVE Services at ${this.baseUrl} to ${spec.operation} (${reason}; tried ${attempt} times): check the network and LOCKSTEP_CVE_API_URL.`,
          cause,
        })
      }

      const ok = (spec.okStatuses ?? [200]).includes(response.status)
      const json = parseJson(text)
      this.#log?.debug({ ...where, attempt, status: response.status }, 'CVE Services answered')
      if (ok) {
        const parsed = spec.schema.safeParse(json)
        if (parsed.success) return { status: response.status, body: parsed.data }
        const issues = parsed.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
          .join('; ')
        throw new CveServicesError({
          status: response.status,
          code: 'INVALID_RESPONSE',
          attempts: attempt,
          message: scrub(
            `CVE Services answered the request to ${spec.operation} with something Lockstep does not understand (${issues}): is LOCKSTEP_CVE_API_URL the CVE Services API?`,
            this.#apiKey,
          ),
        })
      }

      const retryable = response.status === 429 || response.status >= 500
      if (response.status >= 500) ambiguous = true
      if (retryable && !last) {
        const wait = this.#backoff(attempt, response.headers.get('retry-after'))
        this.#log?.warn(
          { ...where, attempt, status: response.status, retryInMs: wait },
          'CVE Services failed, trying again',
        )
        await sleep(wait)
        continue
      }
      const err = apiErrorSchema.safeParse(json)
      const code = (err.success && err.data.error) || httpCode(response.status)
      const apiMessage = err.success ? err.data.message : undefined
      const details = err.success ? err.data.details : undefined
      const validationErrors = validationMessages(details)
      const message = refusalSentence(
        response.status,
        code,
        apiMessage,
        details,
        validationErrors,
        this.#context(spec, attempt),
      )
      this.#log?.warn({ ...where, attempt, status: response.status, code }, 'CVE Services refused a request')
      throw new CveServicesError({
        status: response.status,
        code,
        apiMessage: scrub(apiMessage, this.#apiKey),
        details: scrub(details, this.#apiKey),
        validationErrors: scrub(validationErrors, this.#apiKey),
        attempts: attempt,
        afterAmbiguousAttempt: ambiguous,
        message: scrub(message, this.#apiKey),
      })
    }
  }

  /** Exponential backoff with full jitter, or the server's Retry-After when it is shorter than the cap. */
  #backoff(attempt: number, retryAfter: string | null): number {
    const { baseDelayMs, maxDelayMs } = this.#retry
    const asked = retryAfterMs(retryAfter)
    if (asked !== null) return Math.min(asked, maxDelayMs)
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function httpCode(status: number): string {
  return `HTTP_${status}`
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now())
}

function networkReason(cause: unknown): string {
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause
  if (inner && typeof inner === 'object' && 'code' in inner && typeof inner.code === 'string') return inner.code
  return inner instanceof Error ? inner.message : String(inner)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
