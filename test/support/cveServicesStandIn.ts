// A stand-in for MITRE's CVE Services API (v2) on loopback, since the real one is out of reach from
// tests. It speaks the same protocol for the endpoints Lockstep calls: the three CVE-API-* headers
// (400 BAD_REQUEST when one is missing, 401 UNAUTHORIZED when they do not match), IDs issued from a
// year's range within the org's quota (403 EXCEEDED_ID_QUOTA), records published from a CNA
// container only by the org owning the ID (403 ORG_DOES_NOT_OWN_ID), the record formed from it
// ("dataVersion": "5.2", as the API has written since its 5.2 upgrade, cve-services #1550, #1577)
// checked against the CVE Record Format 5.2 schema and the API's own purl rules (400
// INVALID_JSON_SCHEMA with ajv's errors), and the API's `{ error, message, details }` bodies. Codes and messages follow the API's sources
// (src/middleware/error.js, src/controller/*/error.js). Everything is in memory. Tests can make it
// fail the next requests (503 or 429, before or after doing the work) or answer late, and read
// what it was asked.
import { randomInt, randomUUID } from 'node:crypto'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import { PackageURL } from 'packageurl-js'
import { cveRecordSchema } from './cveRecordFormat.js'

export interface StandInUser {
  username: string
  apiKey: string
}

export interface StandInOrg {
  shortName: string
  /** How many IDs it may hold RESERVED at once; default 10. */
  idQuota?: number
  users: StandInUser[]
}

export interface StandInOptions {
  orgs: StandInOrg[]
  /** The years IDs can be reserved for, each with its range of numbers; default 2026: 1000–9999. */
  ranges?: Record<number, { first: number; last: number }>
}

export interface SeenRequest {
  method: string
  /** Path and query, as sent. */
  url: string
  /** Null until answered (and for good when the client gave up waiting first). */
  status: number | null
  org: string | undefined
  user: string | undefined
  /** Whether a CVE-API-KEY header came; its value is not kept. */
  keySent: boolean
}

export interface StoredCveId {
  cve_id: string
  cve_year: string
  state: 'RESERVED' | 'PUBLISHED' | 'REJECTED'
  owning_cna: string
  requested_by: { cna: string; user: string }
  reserved: string
  time: { created: string; modified: string }
}

export interface FailureOptions {
  /** 503 unless told otherwise (429 to play the rate limiter). */
  status?: number
  /** Do the work, then answer the failure: an answer lost on the way back. */
  afterHandling?: boolean
  /** Sent as Retry-After. */
  retryAfterSeconds?: number
}

export interface CveServicesStandIn {
  /** The API's base URL, like https://cveawg-test.mitre.org/api. */
  url: string
  /** Every request seen, in order. */
  requests: SeenRequest[]
  ids: Map<string, StoredCveId>
  records: Map<string, Record<string, unknown>>
  /** The next `count` requests fail with `status` (503 by default). */
  failNext(count: number, options?: FailureOptions): void
  /** The next `count` requests are answered only after `ms`. */
  delayNext(count: number, ms: number): void
  orgUuid(shortName: string): string
  close(): Promise<void>
}

const NONSEQUENTIAL_MAX_AMOUNT = 10
const CVE_ID = /^CVE-[0-9]{4}-[0-9]{4,19}$/

// Compiling the 130 kB schema takes a while: once per test process.
let publishedRecordValidator: ValidateFunction | null = null
function validatePublishedRecord(record: unknown): ErrorObject[] {
  if (!publishedRecordValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats.default(ajv)
    ajv.addSchema(cveRecordSchema)
    // The record is formed as PUBLISHED: checking it against that branch of the schema's oneOf
    // gives the errors of that branch alone, not the rejected branch's as well.
    publishedRecordValidator = ajv.compile({ $ref: `${cveRecordSchema.$id}#/oneOf/0` })
  }
  if (!publishedRecordValidator(record)) return publishedRecordValidator.errors ?? []
  return packageUrlErrors(record as { containers: { cna: { affected?: { packageURL?: string }[] } } })
}

/**
 * What the API checks of each `packageURL` beyond the schema's "uri" (cve-services #1554, #1560,
 * #1659): a purl it can read, without a version, without a `vers` qualifier (a range in
 * disguise), without an encoded ":" and without an empty subpath. Reported like ajv's errors.
 */
function packageUrlErrors(record: { containers: { cna: { affected?: { packageURL?: string }[] } } }): ErrorObject[] {
  return (record.containers.cna.affected ?? []).flatMap((product, i) => {
    const purl = product.packageURL
    if (purl === undefined) return []
    const problem = (message: string): ErrorObject[] => [
      {
        instancePath: `/containers/cna/affected/${i}/packageURL`,
        schemaPath: '',
        keyword: 'purl',
        params: {},
        message,
      },
    ]
    let parsed: PackageURL
    try {
      parsed = PackageURL.fromString(purl)
    } catch {
      return problem('must be a Package URL')
    }
    if (parsed.version) return problem('must not include a version')
    if (parsed.qualifiers?.vers !== undefined) return problem('must not include a vers qualifier')
    if (/%3A/i.test(purl)) return problem('must not percent-encode ":"')
    if (/#\/*$/.test(purl)) return problem('must not have an empty subpath')
    return []
  })
}

export async function startCveServicesStandIn(options: StandInOptions): Promise<CveServicesStandIn> {
  const ranges = new Map(
    Object.entries(options.ranges ?? { 2026: { first: 1000, last: 9999 } }).map(([y, r]) => [Number(y), { ...r }]),
  )
  const orgs = new Map(
    options.orgs.map((o) => [
      o.shortName,
      {
        ...o,
        idQuota: o.idQuota ?? 10,
        uuid: randomUUID(),
        userUuids: new Map(o.users.map((u) => [u.username, randomUUID()])),
      },
    ]),
  )
  const ids = new Map<string, StoredCveId>()
  const records = new Map<string, Record<string, unknown>>()
  const requests: SeenRequest[] = []
  const failures: FailureOptions[] = []
  const delays: number[] = []

  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 })

  // The API (express) takes a POST without a body even when it says application/json.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (!body) return done(null, undefined)
    try {
      done(null, JSON.parse(body as string))
    } catch {
      done(Object.assign(new Error('Parameters were invalid'), { statusCode: 400 }), undefined)
    }
  })

  const send = (reply: FastifyReply, status: number, error: string, message: string, details?: unknown) =>
    reply.code(status).send(details === undefined ? { error, message } : { error, message, details })

  app.setNotFoundHandler((_req, reply) => send(reply, 404, 'NOT_FOUND', '404: resource not found'))
  app.setErrorHandler((error: { statusCode?: number }, _req, reply) => {
    if (error.statusCode && error.statusCode < 500) return send(reply, 400, 'BAD_INPUT', 'Parameters were invalid')
    return send(reply, 500, 'SERVICE_NOT_AVAILABLE', 'This service appears to not be available.')
  })

  const afterHandling = new WeakMap<FastifyRequest, FailureOptions>()
  const seen = new WeakMap<FastifyRequest, SeenRequest>()
  app.addHook('onRequest', async (req, reply) => {
    // Counted on arrival: a request the client stopped waiting for was still made.
    const entry: SeenRequest = {
      method: req.method,
      url: req.url,
      status: null,
      org: header(req, 'cve-api-org'),
      user: header(req, 'cve-api-user'),
      keySent: header(req, 'cve-api-key') !== undefined,
    }
    requests.push(entry)
    seen.set(req, entry)
    const delay = delays.shift()
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay))
    const failure = failures.shift()
    if (!failure) return
    if (failure.afterHandling) {
      afterHandling.set(req, failure)
      return
    }
    return failWith(reply, failure)
  })
  app.addHook('onSend', async (req, reply, payload) => {
    const entry = seen.get(req)
    const failure = afterHandling.get(req)
    if (!failure) {
      if (entry) entry.status = reply.statusCode
      return payload
    }
    afterHandling.delete(req)
    reply.code(failure.status ?? 503)
    if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds))
    if (entry) entry.status = reply.statusCode
    return JSON.stringify(failureBody(failure))
  })

  function failWith(reply: FastifyReply, failure: FailureOptions) {
    if (failure.retryAfterSeconds !== undefined) reply.header('retry-after', String(failure.retryAfterSeconds))
    return reply.code(failure.status ?? 503).send(failureBody(failure))
  }
  function failureBody(failure: FailureOptions) {
    return (failure.status ?? 503) === 429
      ? { error: 'TOO_MANY_REQUESTS', message: 'Too many requests. Please try again later.' }
      : { error: 'SERVICE_NOT_AVAILABLE', message: 'This service appears to not be available.' }
  }

  /** The API's validateUser middleware: all three headers, then org, user and secret. */
  function authenticate(req: FastifyRequest, reply: FastifyReply) {
    for (const name of ['CVE-API-ORG', 'CVE-API-USER', 'CVE-API-KEY']) {
      if (!header(req, name.toLowerCase())) {
        send(reply, 400, 'BAD_REQUEST', `${name} header field required.`)
        return null
      }
    }
    const org = orgs.get(header(req, 'cve-api-org')!)
    const user = org?.users.find((u) => u.username === header(req, 'cve-api-user'))
    if (!org || !user || user.apiKey !== header(req, 'cve-api-key')) {
      send(reply, 401, 'UNAUTHORIZED', 'Unauthorized')
      return null
    }
    return { org, user, userUuid: org.userUuids.get(user.username)! }
  }

  function badId(reply: FastifyReply, id: string) {
    if (CVE_ID.test(id)) return false
    send(reply, 400, 'BAD_INPUT', 'Parameters were invalid', [
      { msg: 'Invalid CVE ID', param: 'id', location: 'params' },
    ])
    return true
  }

  const reservedCount = (shortName: string) =>
    [...ids.values()].filter((i) => i.owning_cna === shortName && i.state === 'RESERVED').length
  const quotaOf = (org: { shortName: string; idQuota: number }) => {
    const total = reservedCount(org.shortName)
    return { id_quota: org.idQuota, total_reserved: total, available: Math.max(0, org.idQuota - total) }
  }
  const idText = (year: number, n: number) => `CVE-${year}-${String(n).padStart(4, '0')}`

  app.post('/api/cve-id', async (req, reply) => {
    const who = authenticate(req, reply)
    if (!who) return reply
    const q = req.query as Record<string, string | undefined>
    if (!q.short_name)
      return send(reply, 400, 'NO_ORG_SHORTNAME', 'The short_name query parameter is required to reserve CVE IDs.')
    if (q.short_name !== who.org.shortName) {
      return send(
        reply,
        403,
        'ORG_CANNOT_RESERVE_FOR_OTHER',
        'The organization designated by the CVE-API-ORG header is not allowed to reserve IDs for the organization specified by the short_name query parameter.',
      )
    }
    if (!q.cve_year) return send(reply, 400, 'NO_YEAR', 'The cve_year query parameter is required [1999-present+1].')
    if (!q.amount)
      return send(reply, 400, 'NO_AMOUNT', 'The amount query parameter is required and needs to be above 0.')
    const amount = Number(q.amount)
    if (!Number.isInteger(amount) || amount <= 0)
      return send(reply, 400, 'INVALID_AMOUNT', 'The amount query parameter needs to be above 0.')
    if (amount > 1 && !q.batch_type) {
      return send(
        reply,
        400,
        'NO_BATCH_TYPE',
        'The batch_type query parameter must be specified when reserving more than one CVE ID. Available values are: sequential, nonsequential, non-sequential.',
      )
    }
    const batch = q.batch_type ?? 'priority'
    if (!['priority', 'sequential', 'nonsequential', 'non-sequential'].includes(batch)) {
      return send(
        reply,
        400,
        'INVALID_BATCH_TYPE',
        'The batch_type provided is invalid. Available values are sequential, nonsequential, non-sequential.',
      )
    }
    const scattered = batch === 'nonsequential' || batch === 'non-sequential'
    if (scattered && amount > NONSEQUENTIAL_MAX_AMOUNT) {
      return send(
        reply,
        400,
        'OVER_NONSEQUENTIAL_MAX_AMOUNT',
        `The amount query parameter exceeds the maximum amount allowed. Only amounts of ${NONSEQUENTIAL_MAX_AMOUNT} ids or less can be reserved at a time.`,
      )
    }
    const quota = quotaOf(who.org)
    if (amount > quota.available) {
      return send(
        reply,
        403,
        'EXCEEDED_ID_QUOTA',
        "The amount requested would exceed the organization's ID quota. No more IDs can be reserved until the number of IDs in the Reserved state goes below the ID quota or the ID quota is raised. If you feel you are receiving this message in error, please contact support here: https://cveform.mitre.org/",
        quota,
      )
    }
    const year = Number(q.cve_year)
    const range = ranges.get(year)
    if (!range) {
      return send(
        reply,
        403,
        'CANNOT_RESERVE_FOR_YEAR',
        `IDR is not currently configured to reserve IDs for year ${year}. If you believe you are receiving this message in error, please contact an administrator.`,
      )
    }
    const free = (n: number) => !ids.has(idText(year, n))
    const numbers: number[] = []
    if (scattered) {
      const open: number[] = []
      for (let n = range.first; n <= range.last; n++) if (free(n)) open.push(n)
      while (numbers.length < amount && open.length > 0) numbers.push(open.splice(randomInt(open.length), 1)[0]!)
      numbers.sort((a, b) => a - b)
    } else {
      // The lowest run of `amount` free numbers: sequential batches are contiguous.
      for (let start = range.first; start + amount - 1 <= range.last && numbers.length === 0; start++) {
        const run = Array.from({ length: amount }, (_, i) => start + i)
        if (run.every(free)) numbers.push(...run)
      }
    }
    if (numbers.length === 0) {
      return send(
        reply,
        403,
        'YEAR_RANGE_FULL',
        `IDR cannot currently reserve IDs for year ${year} as the range it's allowed to reserve from is full. Please contact an administrator to have the range extended.`,
      )
    }
    const now = new Date().toISOString()
    const reserved = numbers.map((n) => {
      const id: StoredCveId = {
        cve_id: idText(year, n),
        cve_year: String(year),
        state: 'RESERVED',
        owning_cna: who.org.shortName,
        requested_by: { cna: who.org.shortName, user: who.user.username },
        reserved: now,
        time: { created: now, modified: now },
      }
      ids.set(id.cve_id, id)
      return structuredClone(id)
    })
    const meta = { remaining_quota: quotaOf(who.org).available }
    if (reserved.length < amount) {
      return reply.code(206).send({
        error: 'RESERVED_PARTIAL_AMOUNT',
        message:
          'Only a partial amount of CVE IDs were reserved because there are not enough IDs available in the configured range for IDR to reserve the full amount.',
        details: { amount_reserved: reserved.length },
        cve_ids: reserved,
        meta,
      })
    }
    return reply.code(200).send({ cve_ids: reserved, meta })
  })

  app.get('/api/cve-id/:id', async (req, reply) => {
    const who = authenticate(req, reply)
    if (!who) return reply
    const { id } = req.params as { id: string }
    if (badId(reply, id)) return reply
    const found = ids.get(id)
    // Another org's RESERVED ID is not disclosed: the API answers as if it did not exist.
    if (!found || (found.owning_cna !== who.org.shortName && found.state === 'RESERVED'))
      return send(reply, 404, 'CVE_ID_NOT_FOUND', `${id} not found`)
    if (found.owning_cna !== who.org.shortName) {
      return reply.send({
        cve_id: found.cve_id,
        cve_year: found.cve_year,
        state: found.state,
        owning_cna: found.owning_cna,
      })
    }
    return reply.send(found)
  })

  /** The checks POST and PUT /cve/:id/cna share: the ID, the body, and that the org owns the ID. */
  function containerRequest(req: FastifyRequest, reply: FastifyReply) {
    const who = authenticate(req, reply)
    if (!who) return null
    const { id } = req.params as { id: string }
    if (badId(reply, id)) return null
    const body = req.body as { cnaContainer?: unknown } | undefined
    if (
      !body ||
      typeof body.cnaContainer !== 'object' ||
      body.cnaContainer === null ||
      Array.isArray(body.cnaContainer)
    ) {
      send(reply, 400, 'BAD_INPUT', 'Parameters were invalid', [
        { msg: 'Parameter must be a JSON object', param: 'cnaContainer', location: 'body' },
      ])
      return null
    }
    const cveId = ids.get(id)
    // The API's cnaMustOwnID: an ID never reserved and another org's ID get the same 403.
    if (!cveId || cveId.owning_cna !== who.org.shortName) {
      send(reply, 403, 'ORG_DOES_NOT_OWN_ID', `It appears that ${who.org.shortName} does not own ${id}`)
      return null
    }
    return { who, id, cveId, container: body.cnaContainer as Record<string, unknown> }
  }

  /** The record the API forms around a CNA container: providerMetadata and cveMetadata are its own. */
  function formRecord(
    c: NonNullable<ReturnType<typeof containerRequest>>,
    previous: Record<string, unknown> | undefined,
  ) {
    const now = new Date().toISOString()
    const before = previous?.cveMetadata as { datePublished?: string } | undefined
    return {
      dataType: 'CVE_RECORD',
      dataVersion: '5.2',
      cveMetadata: {
        cveId: c.id,
        assignerOrgId: c.who.org.uuid,
        assignerShortName: c.who.org.shortName,
        requesterUserId: c.who.userUuid,
        state: 'PUBLISHED',
        dateReserved: c.cveId.reserved,
        datePublished: before?.datePublished ?? now,
        dateUpdated: now,
      },
      containers: {
        cna: {
          ...c.container,
          providerMetadata: { orgId: c.who.org.uuid, shortName: c.who.org.shortName, dateUpdated: now },
        },
      },
    }
  }

  function invalid(reply: FastifyReply, record: unknown) {
    const errors = validatePublishedRecord(record)
    if (errors.length === 0) return false
    // As the API reports them: paths into the request body, not into the record around it.
    const reported = errors.map((e) => ({
      ...e,
      instancePath: e.instancePath.replace(/^\/containers\/cna/, '/cnaContainer'),
    }))
    send(reply, 400, 'INVALID_JSON_SCHEMA', 'CVE JSON schema validation FAILED.', { errors: reported })
    return true
  }

  app.post('/api/cve/:id/cna', async (req, reply) => {
    const c = containerRequest(req, reply)
    if (!c) return reply
    if (records.has(c.id)) return send(reply, 403, 'CVE_RECORD_EXISTS', 'The cve record for the cve id already exists.')
    const record = formRecord(c, undefined)
    if (invalid(reply, record)) return reply
    records.set(c.id, record)
    c.cveId.state = 'PUBLISHED'
    c.cveId.time.modified = record.cveMetadata.dateUpdated
    return reply.send({ message: `${c.id} record was successfully created.`, created: record })
  })

  app.put('/api/cve/:id/cna', async (req, reply) => {
    const c = containerRequest(req, reply)
    if (!c) return reply
    const previous = records.get(c.id)
    if (!previous) return send(reply, 403, 'CVE_RECORD_DNE', 'The cve record for the cve id does not exist.')
    const record = formRecord(c, previous)
    if (invalid(reply, record)) return reply
    records.set(c.id, record)
    c.cveId.state = 'PUBLISHED'
    c.cveId.time.modified = record.cveMetadata.dateUpdated
    return reply.send({ message: `${c.id} record was successfully updated.`, updated: record })
  })

  app.get('/api/cve/:id', async (req, reply) => {
    if (!authenticate(req, reply)) return reply
    const { id } = req.params as { id: string }
    if (badId(reply, id)) return reply
    const record = records.get(id)
    if (!record) return send(reply, 404, 'CVE_RECORD_DNE', 'The cve record for the cve id does not exist.')
    return reply.send(record)
  })

  app.get('/api/org/:shortname/id_quota', async (req, reply) => {
    const who = authenticate(req, reply)
    if (!who) return reply
    const { shortname } = req.params as { shortname: string }
    const org = orgs.get(shortname)
    if (!org)
      return send(
        reply,
        404,
        'ORG_DNE_PARAM',
        `The '${shortname}' organization designated by the shortname parameter does not exist.`,
      )
    if (org !== who.org)
      return send(
        reply,
        403,
        'NOT_SAME_ORG_OR_SECRETARIAT',
        'This information can only be viewed by the users of the same organization or the Secretariat.',
      )
    return reply.send(quotaOf(org))
  })

  await app.listen({ host: '127.0.0.1', port: 0 })
  const port = (app.server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    ids,
    records,
    failNext(count, failure = {}) {
      for (let i = 0; i < count; i++) failures.push(failure)
    },
    delayNext(count, ms) {
      for (let i = 0; i < count; i++) delays.push(ms)
    },
    orgUuid(shortName) {
      const org = orgs.get(shortName)
      if (!org) throw new Error(`the stand-in has no org ${shortName}`)
      return org.uuid
    },
    close: () => app.close(),
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}
