// The CVE Services client against the stand-in of the API on loopback: reserving IDs, publishing
// and updating records, and what a coordinator reads when the API refuses (credentials, quota, an
// invalid record) or fails (retried when it may pass, not when it cannot). No database involved.
import fs from 'node:fs'
import path from 'node:path'
import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CveServicesClient,
  CveServicesError,
  type CnaContainer,
  type CveServicesClientOptions,
} from '../../src/adapters/cveServices/client.js'
import { startCveServicesStandIn, type CveServicesStandIn } from '../support/cveServicesStandIn.js'
import { widgetrySnapshot, withCpeNames } from '../support/advisorySnapshots.js'
import { toCveRecord } from '../../src/domain/advisory/cve5.js'

const KEY = 'lockstep-secret-5f1c9a0e-2d7b'
const OTHER_KEY = 'other-secret-0b8e'
const TINY_KEY = 'tiny-secret-77aa'
const examples = path.resolve(process.cwd(), '../shared/conformance/cve5')

/** The basic CNA container of the CVE Record Format examples; providerMetadata is the API's to set. */
function basicContainer(): CnaContainer {
  const { cnaContainer } = JSON.parse(
    fs.readFileSync(path.join(examples, 'cnaContainer-basic-example.json'), 'utf8'),
  ) as { cnaContainer: CnaContainer }
  const { providerMetadata: _set, ...rest } = cnaContainer
  return rest
}

let standIn: CveServicesStandIn
const logged: { level: string; obj: object; msg: string }[] = []

function client(overrides: Partial<CveServicesClientOptions> = {}) {
  return new CveServicesClient({
    baseUrl: standIn.url,
    org: 'lockstep',
    user: 'coordinator@example.org',
    apiKey: KEY,
    timeoutMs: 2000,
    retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 },
    log: {
      debug: (obj, msg) => logged.push({ level: 'debug', obj, msg }),
      warn: (obj, msg) => logged.push({ level: 'warn', obj, msg }),
    },
    ...overrides,
  })
}

/** Requests the stand-in saw from here on. */
function seenSince(mark: number) {
  return standIn.requests.slice(mark)
}

async function failure(promise: Promise<unknown>): Promise<CveServicesError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CveServicesError)
  return error as CveServicesError
}

beforeAll(async () => {
  standIn = await startCveServicesStandIn({
    orgs: [
      { shortName: 'lockstep', idQuota: 50, users: [{ username: 'coordinator@example.org', apiKey: KEY }] },
      { shortName: 'othercna', users: [{ username: 'someone@other.example', apiKey: OTHER_KEY }] },
      { shortName: 'tinycna', idQuota: 2, users: [{ username: 'tiny@tiny.example', apiKey: TINY_KEY }] },
    ],
    ranges: { 2026: { first: 1000, last: 1999 }, 2025: { first: 20000, last: 20999 } },
  })
})

afterAll(async () => {
  await standIn?.close()
})

describe('CVE Services client', () => {
  it('reserves one ID, sending the three credential headers and no batch_type', async () => {
    const mark = standIn.requests.length
    const reservation = await client().reserveIds({ amount: 1, year: 2026 })
    expect(reservation.partial).toBe(false)
    expect(reservation.cveIds).toHaveLength(1)
    const [id] = reservation.cveIds
    expect(id).toMatchObject({
      year: 2026,
      state: 'RESERVED',
      owningCna: 'lockstep',
      requestedBy: { cna: 'lockstep', user: 'coordinator@example.org' },
    })
    expect(id!.cveId).toMatch(/^CVE-2026-1\d{3}$/)
    expect(Date.parse(id!.reservedAt!)).not.toBeNaN()
    expect(reservation.remainingQuota).toBe(50 - standIn.ids.size)

    const [seen] = seenSince(mark)
    expect(seen).toMatchObject({
      method: 'POST',
      status: 200,
      org: 'lockstep',
      user: 'coordinator@example.org',
      keySent: true,
    })
    const query = new URL(seen!.url, 'http://x').searchParams
    expect(Object.fromEntries(query)).toEqual({ amount: '1', cve_year: '2026', short_name: 'lockstep' })
  })

  it('reserves a sequential batch as consecutive numbers, and a non-sequential one', async () => {
    const mark = standIn.requests.length
    const batch = await client().reserveIds({ amount: 3, year: 2025, sequential: true })
    const numbers = batch.cveIds.map((i) => Number(i.cveId.split('-')[2]))
    expect(batch.cveIds.every((i) => i.cveId.startsWith('CVE-2025-') && i.state === 'RESERVED')).toBe(true)
    expect(numbers).toEqual([numbers[0], numbers[0]! + 1, numbers[0]! + 2])
    expect(new URL(seenSince(mark)[0]!.url, 'http://x').searchParams.get('batch_type')).toBe('sequential')

    const scattered = await client().reserveIds({ amount: 2, year: 2025, sequential: false })
    expect(new Set(scattered.cveIds.map((i) => i.cveId)).size).toBe(2)
    expect(new URL(seenSince(mark)[1]!.url, 'http://x').searchParams.get('batch_type')).toBe('nonsequential')
  })

  it('reads an ID back; another org’s reserved ID is not found', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const id = await client().getId(cveIds[0]!.cveId)
    expect(id).toEqual(cveIds[0])

    const other = client({ org: 'othercna', user: 'someone@other.example', apiKey: OTHER_KEY })
    const error = await failure(other.getId(cveIds[0]!.cveId))
    expect(error).toMatchObject({ status: 404, code: 'CVE_ID_NOT_FOUND' })
    expect(error.message).toBe(`CVE Services knows no ${cveIds[0]!.cveId} that org othercna may see.`)
  })

  it('publishes a CNA container, reads the record back, and updates it', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const cveId = cveIds[0]!.cveId
    const published = await client().publishRecord(cveId, basicContainer())
    expect(published.message).toBe(`${cveId} record was successfully created.`)
    expect(published.record).toMatchObject({
      dataType: 'CVE_RECORD',
      cveMetadata: {
        cveId,
        state: 'PUBLISHED',
        assignerShortName: 'lockstep',
        assignerOrgId: standIn.orgUuid('lockstep'),
      },
      containers: {
        cna: {
          providerMetadata: { orgId: standIn.orgUuid('lockstep'), shortName: 'lockstep' },
          references: [{ url: 'https://example.org/ESA-22-11-CVE-1900-1234' }],
        },
      },
    })
    expect(await client().getRecord(cveId)).toEqual(published.record)
    expect((await client().getId(cveId)).state).toBe('PUBLISHED')

    const again = await failure(client().publishRecord(cveId, basicContainer()))
    expect(again).toMatchObject({ status: 403, code: 'CVE_RECORD_EXISTS', attempts: 1 })
    expect(again.message).toBe(`${cveId} already has a published record: update it instead.`)

    const changed = {
      ...basicContainer(),
      descriptions: [
        { lang: 'en', value: 'Fixed in 1.0.6: the Web Management Interface no longer passes file names to a shell.' },
      ],
    }
    const updated = await client().updateRecord(cveId, changed)
    expect(updated.message).toBe(`${cveId} record was successfully updated.`)
    const record = await client().getRecord(cveId)
    expect(record.containers.cna.descriptions).toEqual(changed.descriptions)
    expect(record.cveMetadata.datePublished).toBe(published.record.cveMetadata.datePublished)
    expect(record).toEqual(updated.record)
  })

  it('refuses to update a record never published, and to publish for an ID not reserved or another org’s', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const notPublished = await failure(client().updateRecord(cveIds[0]!.cveId, basicContainer()))
    expect(notPublished).toMatchObject({ status: 403, code: 'CVE_RECORD_DNE' })
    expect(notPublished.message).toMatch(/has no published record at CVE Services yet: publish it first/)

    const neverReserved = await failure(client().publishRecord('CVE-2026-1999', basicContainer()))
    expect(neverReserved).toMatchObject({
      status: 403,
      code: 'ORG_DOES_NOT_OWN_ID',
      apiMessage: 'It appears that lockstep does not own CVE-2026-1999',
    })

    const other = client({ org: 'othercna', user: 'someone@other.example', apiKey: OTHER_KEY })
    const notTheirs = await failure(other.publishRecord(cveIds[0]!.cveId, basicContainer()))
    expect(notTheirs).toMatchObject({ status: 403, code: 'ORG_DOES_NOT_OWN_ID' })
    expect(notTheirs.message).toBe(
      `CVE Services says org othercna does not own ${cveIds[0]!.cveId}: only the org that reserved it can publish or update its record.`,
    )
    expect(standIn.records.has(cveIds[0]!.cveId)).toBe(false)
  })

  it('turns refused credentials into a sentence naming the settings, without the key, and does not retry', async () => {
    const wrongKey = 'wrong-key-9d2f3e'
    const mark = standIn.requests.length
    const error = await failure(client({ apiKey: wrongKey }).reserveIds({ year: 2026 }))
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', apiMessage: 'Unauthorized', attempts: 1 })
    expect(error.message).toBe(
      "CVE Services refused the credentials for org lockstep (user coordinator@example.org): check LOCKSTEP_CVE_API_USER and LOCKSTEP_CVE_API_KEY, and that LOCKSTEP_CVE_API_ORG is the CNA's short name.",
    )
    for (const text of [
      error.message,
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      inspect(client({ apiKey: wrongKey })),
      JSON.stringify(client({ apiKey: wrongKey })),
    ]) {
      expect(text).not.toContain(wrongKey)
    }
    expect(seenSince(mark)).toHaveLength(1)

    const unknownUser = await failure(client({ user: 'nobody' }).getId('CVE-2026-1000'))
    expect(unknownUser.status).toBe(401)
    const noKey = await failure(client({ apiKey: '' }).getId('CVE-2026-1000'))
    expect(noKey).toMatchObject({ status: 400, code: 'BAD_REQUEST', apiMessage: 'CVE-API-KEY header field required.' })
  })

  it('reports an exceeded quota with its figures, and reads the quota', async () => {
    const tiny = client({ org: 'tinycna', user: 'tiny@tiny.example', apiKey: TINY_KEY })
    expect(await tiny.quota()).toEqual({ idQuota: 2, totalReserved: 0, available: 2 })
    await tiny.reserveIds({ amount: 2, year: 2026 })
    const mark = standIn.requests.length
    const error = await failure(tiny.reserveIds({ year: 2026 }))
    expect(error).toMatchObject({
      status: 403,
      code: 'EXCEEDED_ID_QUOTA',
      details: { id_quota: 2, total_reserved: 2, available: 0 },
      attempts: 1,
    })
    expect(error.message).toBe(
      'Org tinycna has used up its CVE ID quota (quota 2, 2 reserved, 0 left): publish or reject IDs it holds in reserve, or ask its Root CNA for a larger quota.',
    )
    expect(seenSince(mark)).toHaveLength(1)
    expect(await tiny.quota()).toEqual({ idQuota: 2, totalReserved: 2, available: 0 })
  })

  it('surfaces the schema validation messages of an invalid container, and does not retry the 400', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const { references: _dropped, ...noReferences } = basicContainer()
    const mark = standIn.requests.length
    const error = await failure(client().publishRecord(cveIds[0]!.cveId, { ...noReferences, descriptions: [] }))
    expect(error).toMatchObject({
      status: 400,
      code: 'INVALID_JSON_SCHEMA',
      apiMessage: 'CVE JSON schema validation FAILED.',
      attempts: 1,
    })
    expect(error.validationErrors).toEqual(
      expect.arrayContaining([
        "/cnaContainer must have required property 'references'",
        '/cnaContainer/descriptions must NOT have fewer than 1 items',
      ]),
    )
    expect(error.message).toMatch(
      new RegExp(`^CVE Services rejected the record of ${cveIds[0]!.cveId} as not valid CVE JSON: `),
    )
    expect(error.message).toContain("/cnaContainer must have required property 'references'")
    expect(seenSince(mark)).toHaveLength(1)
    expect(standIn.records.has(cveIds[0]!.cveId)).toBe(false)
  })

  it("publishes Lockstep's 5.2 container whole: packageURL, cpes and cpeApplicability, in a 5.2 record", async () => {
    const snapshot = withCpeNames(widgetrySnapshot)
    const vuln = snapshot.vulnerabilities.find((v) => v.key === 'V4')!
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const cveId = cveIds[0]!.cveId
    const lockstep = { orgId: standIn.orgUuid('lockstep'), shortName: 'lockstep' }
    const { cna } = (toCveRecord(snapshot, { ...vuln, cve: cveId }, lockstep) as { containers: { cna: CnaContainer } })
      .containers
    const { providerMetadata: _set, ...container } = cna
    const published = await client().publishRecord(cveId, container)
    expect(published.record.dataVersion).toBe('5.2')
    const kept = published.record.containers.cna as { affected: Record<string, unknown>[]; cpeApplicability: unknown }
    expect(kept.affected[0]).toMatchObject({
      packageURL: 'pkg:deb/debian/widgetry',
      cpes: ['cpe:2.3:a:debian:widgetry:*:*:*:*:*:*:*:*'],
    })
    expect(kept.cpeApplicability).toEqual(container.cpeApplicability)
  })

  it('is refused a packageURL with a version, as CVE Services refuses it', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const container = basicContainer() as { affected: Record<string, unknown>[] }
    container.affected[0]!.packageURL = 'pkg:npm/example@1.0.5'
    const error = await failure(client().publishRecord(cveIds[0]!.cveId, container))
    expect(error).toMatchObject({ status: 400, code: 'INVALID_JSON_SCHEMA', attempts: 1 })
    expect(error.validationErrors).toEqual(['/cnaContainer/affected/0/packageURL must not include a version'])
    expect(standIn.records.has(cveIds[0]!.cveId)).toBe(false)
  })

  it('retries a 503 and a 429 transparently, and gives up after its attempts', async () => {
    let mark = standIn.requests.length
    standIn.failNext(2)
    const { cveIds } = await client().reserveIds({ year: 2026 })
    expect(cveIds).toHaveLength(1)
    expect(seenSince(mark).map((r) => r.status)).toEqual([503, 503, 200])

    mark = standIn.requests.length
    standIn.failNext(1, { status: 429, retryAfterSeconds: 0 })
    expect((await client().getId(cveIds[0]!.cveId)).cveId).toBe(cveIds[0]!.cveId)
    expect(seenSince(mark).map((r) => r.status)).toEqual([429, 200])

    mark = standIn.requests.length
    standIn.failNext(4)
    const error = await failure(client().getId(cveIds[0]!.cveId))
    expect(error).toMatchObject({ status: 503, code: 'SERVICE_NOT_AVAILABLE', attempts: 4 })
    expect(error.message).toMatch(
      /^CVE Services is not working right now \(HTTP 503, tried 4 times at http:\/\/127\.0\.0\.1:\d+\/api\)/,
    )
    expect(seenSince(mark)).toHaveLength(4)
  })

  it('retries an answer that comes too late', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const mark = standIn.requests.length
    standIn.delayNext(1, 600)
    const id = await client({ timeoutMs: 150 }).getId(cveIds[0]!.cveId)
    expect(id.cveId).toBe(cveIds[0]!.cveId)
    const seen = seenSince(mark)
    expect(seen).toHaveLength(2)
    expect(seen[1]!.status).toBe(200)
  })

  it('a publish whose answer was lost after the API made the record returns that record', async () => {
    const { cveIds } = await client().reserveIds({ year: 2026 })
    const cveId = cveIds[0]!.cveId
    const mark = standIn.requests.length
    standIn.failNext(1, { afterHandling: true })
    const published = await client().publishRecord(cveId, basicContainer())
    expect(published.record.cveMetadata.cveId).toBe(cveId)
    expect(published.record).toEqual(standIn.records.get(cveId))
    expect(seenSince(mark).map((r) => `${r.method} ${r.status}`)).toEqual(['POST 503', 'POST 403', 'GET 200'])
  })

  it('says when CVE Services cannot be reached, after its attempts', async () => {
    const closed = await startCveServicesStandIn({ orgs: [] })
    const url = closed.url
    await closed.close()
    const error = await failure(client({ baseUrl: url }).getId('CVE-2026-1000'))
    expect(error).toMatchObject({ status: null, code: 'NETWORK_ERROR', attempts: 4 })
    expect(error.message).toBe(
      `Could not reach CVE Services at ${url} to look up CVE-2026-1000 (ECONNREFUSED; tried 4 times): check the network and LOCKSTEP_CVE_API_URL.`,
    )
  })

  it('checks arguments before asking, and never logs the key', async () => {
    const badId = await failure(client().getId('CVE-26-1'))
    expect(badId).toMatchObject({ status: null, code: 'INVALID_CVE_ID' })
    const tooMany = await failure(client().reserveIds({ amount: 11, sequential: false }))
    expect(tooMany.code).toBe('INVALID_ARGUMENT')
    expect(logged.length).toBeGreaterThan(0)
    expect(JSON.stringify(logged)).not.toContain(KEY)
  })
})
