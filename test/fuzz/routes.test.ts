// Every API route, from the OpenAPI document the app itself produces, called with generated
// hostile input (schema-shaped bodies with poison one field deep, any JSON, bodies that are not
// JSON, hostile path parameters and query strings) as a signed-in admin and anonymously.
// Property: never a 5xx; a refusal is problem+json (naming the field for a validation error) and
// stores nothing (the main tables' row counts are unchanged).
import { beforeAll, expect, it } from 'vitest'
import fc from 'fast-check'
import { sql } from 'kysely'
import type { LightMyRequestResponse } from 'fastify'
import { describeEachDatabase } from '../support/api.js'
import { makeCase, makeOrganization, makeReport, makeUser } from '../support/factories.js'
import { createApiToken } from '../../src/commands/accounts/apiTokens.js'
import { fuzz } from './fuzz.js'
import { hostileSegment, hostileString, percentEncode } from './hostile.js'
import { bodyOf, valueOf, type JsonSchema } from './schemaArbitrary.js'

interface Operation {
  method: string
  path: string
  pathParams: string[]
  query: { name: string; schema: JsonSchema }[]
  body: JsonSchema | null
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        tags?: string[]
        parameters?: { in: string; name: string; schema: JsonSchema }[]
        requestBody?: { content: Record<string, { schema: JsonSchema }> }
      }
    >
  >
}

function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      // The live streams answer for as long as the page is open: a request that never ends would
      // hold the fuzzer forever. liveEvents.test.ts calls them, refusals included.
      .filter(([, op]) => !op.tags?.includes('live'))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content['application/json']?.schema ?? null,
      })),
  )
}

// The tables a write would change. A refusal must leave every count as it was.
const COUNTED = [
  'users',
  'organizations',
  'memberships',
  'api_tokens',
  'invitations',
  'reports',
  'report_messages',
  'cases',
  'vulnerabilities',
  'participants',
  'case_messages',
  'attachments',
  'assets',
  'asset_components',
  'inventory_uploads',
  'vendor_products',
  'vendor_statements',
  'organization_contacts',
  'pgp_keys',
  'advisories',
  'advisory_comments',
  'embargo_proposals',
  'ledger_entries',
  'mail_outbox',
] as const

interface FuzzRequest {
  as: 'admin' | 'anonymous'
  method: string
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
}

const describe = (r: FuzzRequest) =>
  `${r.as} ${r.method} ${r.url.slice(0, 300)} ${JSON.stringify(r.headers)} ${String(r.payload ?? '').slice(0, 300)}`

describeEachDatabase('fuzzing every API route', (t) => {
  let operations: Operation[] = []
  let ids: string[] = []
  let adminToken = ''
  let adminId = ''

  async function signInAdmin() {
    adminToken = (await createApiToken(t.db, adminId, 'fuzz', { expiresInDays: 1, scope: 'read_write' })).token
  }

  beforeAll(async () => {
    operations = operationsOf(t.app.swagger() as unknown as OpenApi)
    const admin = await makeUser(t.db, { instanceRole: 'admin' })
    adminId = admin.id
    await signInAdmin()
    const other = await makeUser(t.db)
    const vendor = await makeOrganization(t.db, { kind: 'vendor' })
    const owner = await makeOrganization(t.db, { kind: 'owner' })
    const report = await makeReport(t.db)
    const opened = await makeCase(t)
    const threads = await t.db.selectFrom('case_topics').select('id').where('case_id', '=', opened.id).execute()
    ids = [other.id, vendor.id, owner.id, report.id, opened.id, opened.case_number, ...threads.map((x) => x.id)]
  })

  async function counts(): Promise<Record<string, number>> {
    const selects = COUNTED.map((table) => sql`(SELECT count(*) FROM ${sql.table(table)})::int AS ${sql.ref(table)}`)
    const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(selects)}`.execute(t.db)
    return rows[0]!
  }

  function requestFor(op: Operation): fc.Arbitrary<FuzzRequest> {
    const segment = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...ids) },
      { weight: 3, arbitrary: hostileSegment },
    )
    const params = fc.tuple(...op.pathParams.map(() => segment))
    const queryPart = fc.oneof(
      ...op.query.map((q) =>
        valueOf(q.schema, { ids }).map(
          (v) => `${q.name}=${percentEncode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
        ),
      ),
      hostileSegment.map((v) => `${v}=${v}`),
    )
    const query = fc.array(queryPart, { maxLength: 3 }).map((parts) => (parts.length ? `?${parts.join('&')}` : ''))
    const jsonBody = op.body ? bodyOf(op.body, { ids }) : fc.jsonValue({ maxDepth: 2 })
    const payload = fc.oneof(
      {
        weight: 8,
        arbitrary: jsonBody.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) ?? 'null' })),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          { type: 'application/json', payload: '{"a": ' },
          { type: 'application/json', payload: '{"title":"\\ud800\\u0000"}' },
          { type: 'application/json', payload: '['.repeat(100_000) + ']'.repeat(100_000) },
          { type: 'application/json', payload: '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000) },
          { type: 'application/json', payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) },
          { type: 'application/json; charset=utf-16', payload: '{}' },
          { type: 'text/plain', payload: 'pkg:npm/left-pad@1.3.0\u0000\n' },
          { type: 'application/x-www-form-urlencoded', payload: 'a=%00&b=%ED%A0%80' },
          { type: 'application/octet-stream', payload: Buffer.from([0, 1, 2, 0xd8, 0x00]) },
          { type: 'application/xml', payload: '<bom/>' },
        ),
      },
      {
        weight: 1,
        arbitrary: hostileString.map((s) => ({ type: 'text/plain', payload: s })),
      },
    )
    const sendsBody = !['GET', 'DELETE'].includes(op.method)
    return fc
      .record({
        as: fc.constantFrom('admin' as const, 'anonymous' as const),
        params,
        query,
        body: sendsBody ? payload : fc.constant(null),
        ip: fc.ipV4(),
      })
      .map(({ as, params, query, body, ip }) => {
        let i = 0
        const path = op.path.replace(/\{[^}]+\}/g, () => params[i++]!)
        const headers: Record<string, string> = { 'x-forwarded-for': ip }
        if (as === 'admin') headers.authorization = `Bearer ${adminToken}`
        if (body) headers['content-type'] = body.type
        return { as, method: op.method, url: path + query, headers, ...(body ? { payload: body.payload } : {}) }
      })
  }

  function expectWellRefused(r: FuzzRequest, res: LightMyRequestResponse) {
    const what = () => `${describe(r)} → ${res.statusCode} ${res.body.slice(0, 500)}`
    expect(res.statusCode, what()).toBeLessThan(500)
    if (res.statusCode < 400 || !r.url.startsWith('/api/')) return
    expect(res.headers['content-type'], what()).toContain('application/problem+json')
    const problem = res.json()
    if (problem.type === 'tag:lockstep,2026:problem/validation') {
      expect(problem.errors?.length, what()).toBeGreaterThan(0)
      for (const e of problem.errors) expect(e.field, what()).toMatch(/\S/)
    }
  }

  it('never a 5xx; a refusal is problem+json naming the field and stores nothing', async () => {
    const property = fc.asyncProperty(fc.constantFrom(...operations).chain(requestFor), async (r: FuzzRequest) => {
      const before = await counts()
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: r.url,
        headers: r.headers,
        remoteAddress: r.headers['x-forwarded-for'],
        ...(r.payload !== undefined ? { payload: r.payload } : {}),
      })
      expectWellRefused(r, res)
      if (res.statusCode >= 400) expect(await counts(), describe(r)).toEqual(before)
      // A fuzzed request may end the admin's own token (a password reset, a revocation): mint another.
      if (r.as === 'admin' && res.statusCode === 401) await signInAdmin()
    })
    await fuzz(`routes [${t.backend}]`, property, 150)
  })
})
