// Every document the exporters write passes its official validation: CSAF through
// csaf-validator-lib (strict schema and all mandatory tests), OSV and the CSAF provider metadata
// through ajv and the schemas in ../shared/conformance, CVE records through the CVE 5.2 schema
// bundled in schemas/cve-5.2. And the validators catch what they should, with messages that name
// the place and the problem (the release command shows them).
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toCsaf } from './csaf.js'
import { toCveRecords } from './cve5.js'
import { allSnapshots, sendmailSnapshot, withCpeNames } from '../../../test/support/advisorySnapshots.js'
import { cveRecordExamples, cveRecordSchema as cveSchema } from '../../../test/support/cveRecordFormat.js'
import { toOsv } from './osv.js'
import { toProviderMetadata } from './rolie.js'
import { validateCsaf, validateCveRecord, validateOsv, validateProviderMetadata } from './validate.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance')
const readJson = (file: string) =>
  JSON.parse(readFileSync(path.join(conformance, file), 'utf8')) as Record<string, unknown>
const osvSchema = readJson('osv/validation/schema.json')
const cve51Schema = readJson('cve5/CVE_Record_Format_bundled.json')
const providerSchema = readJson('csaf/csaf_2.0/json_schema/provider_json_schema.json')
const cna = { orgId: 'b3476cb9-2e3d-41a6-98d0-0f47421a65b6', shortName: 'lockstep' }

describe.each(allSnapshots.map((s) => [s.id, s] as const))('the documents of %s', (_id, snapshot) => {
  it('CSAF passes the strict schema and every mandatory test', async () => {
    expect(await validateCsaf(toCsaf(snapshot))).toEqual([])
  })

  it.each(toOsv(snapshot).map((doc) => [(doc as { id: string }).id, doc] as const))(
    'OSV %s passes the OSV schema',
    (_osvId, doc) => {
      expect(validateOsv(doc, osvSchema)).toEqual([])
    },
  )

  it('every CVE record passes the CVE Record Format 5.2 schema', () => {
    const records = toCveRecords(snapshot, cna)
    expect(records.length).toBe(snapshot.vulnerabilities.filter((v) => v.cve).length)
    for (const record of records) expect(validateCveRecord(record, cveSchema)).toEqual([])
  })

  it('its CVE records pass 5.2 with a CPE name on every product (cpes, cpeApplicability)', () => {
    const records = toCveRecords(withCpeNames(snapshot), cna) as { containers: { cna: object } }[]
    expect(records.some((r) => 'cpeApplicability' in r.containers.cna)).toBe(true)
    for (const record of records) expect(validateCveRecord(record, cveSchema)).toEqual([])
  })

  // 5.1.0 leaves a product's properties open, so packageURL passes it; it has no cpeApplicability
  // (5.1.1 added it), so records of products with a CPE name pass 5.2 only.
  it('its CVE records without CPE names still pass the CVE Record Format 5.1.0 schema', () => {
    for (const record of toCveRecords(snapshot, cna)) expect(validateCveRecord(record, cve51Schema)).toEqual([])
  })

  it('the provider metadata passes the CSAF provider schema', () => {
    const metadata = toProviderMetadata({
      baseUrl: snapshot.publisher.namespace,
      publisher: snapshot.publisher,
      lastUpdated: snapshot.currentReleaseDate,
    })
    expect(validateProviderMetadata(metadata, providerSchema)).toEqual([])
  })
})

describe('the validators accept the official examples', () => {
  it('CSAF: the OASIS VEX examples', async () => {
    const folder = 'csaf/csaf_2.0/examples/csaf/csaf_vex'
    for (const file of readdirSync(path.join(conformance, folder)).filter((f) => f.endsWith('.json')))
      expect(await validateCsaf(readJson(`${folder}/${file}`)), file).toEqual([])
  })

  it('CVE: the published CVE-2002-1337 and the 5.2 schema examples', () => {
    expect(validateCveRecord(readJson('cve5/CVE-2002-1337.json'), cveSchema)).toEqual([])
    for (const [file, record] of cveRecordExamples) expect(validateCveRecord(record, cveSchema), file).toEqual([])
  })

  it('CVE: the bundled 5.2 schema and examples are the bytes SOURCE.md names', () => {
    const folder = new URL('./schemas/cve-5.2/', import.meta.url)
    const rows = [
      ...readFileSync(new URL('SOURCE.md', folder), 'utf8').matchAll(
        /^\| `([\w.-]+\.json)` \|.*`([0-9a-f]{64})` \|$/gm,
      ),
    ]
    expect(rows.map(([, file]) => file).sort()).toEqual(
      readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    )
    for (const [, file, sha256] of rows)
      expect(
        createHash('sha256')
          .update(readFileSync(new URL(file!, folder)))
          .digest('hex'),
        file,
      ).toBe(sha256)
  })

  it('OSV: Go and RustSec advisories', () => {
    for (const folder of ['osv-data/go', 'osv-data/rustsec']) {
      const files = readdirSync(path.join(conformance, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.json'))
        .sort()
        .slice(0, 20)
      expect(files.length).toBeGreaterThan(0)
      for (const file of files) expect(validateOsv(readJson(`${folder}/${file}`), osvSchema), file).toEqual([])
    }
  })

  it('provider metadata: the OASIS example', () => {
    expect(
      validateProviderMetadata(
        readJson('csaf/csaf_2.0/examples/provider-metadata/example-01-provider-metadata.json'),
        providerSchema,
      ),
    ).toEqual([])
  })
})

describe('the validators refuse, saying where and why', () => {
  it('CSAF: a VEX document missing an action statement and with a wrong CWE name', async () => {
    const doc = toCsaf(sendmailSnapshot) as { vulnerabilities: { remediations?: unknown; cwe: { name: string } }[] }
    delete doc.vulnerabilities[0]!.remediations
    doc.vulnerabilities[0]!.cwe.name = 'Buffer overflow'
    expect(await validateCsaf(doc)).toEqual([
      'CSAF 6.1.11: /vulnerabilities/0/cwe/name: the name does not match the weakness with the given id',
      'CSAF 6.1.27.10: /vulnerabilities/0/product_status/known_affected/0: no suitable action statement found',
      'CSAF 6.1.27.10: /vulnerabilities/0/product_status/known_affected/1: no suitable action statement found',
    ])
  })

  it('CSAF: a schema violation names the property', async () => {
    const doc = toCsaf(sendmailSnapshot) as { document: Record<string, unknown> }
    doc.document.private_notes = 'LS-2003-0007'
    expect(await validateCsaf(doc)).toContain(
      'CSAF schema (csaf_2_0_strict): /document: has the property "private_notes", which is not allowed here',
    )
  })

  it('OSV: an unregistered id prefix and a made-up ecosystem', () => {
    const [doc] = toOsv(sendmailSnapshot) as Record<string, unknown>[]
    const problems = validateOsv(
      { ...doc, id: 'LSA-2003-0001-V1', affected: [{ package: { ecosystem: 'generic', name: 'sendmail' } }] },
      osvSchema,
    )
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^\/id: must match pattern/)
    expect(problems[1]).toMatch(/^\/affected\/0\/package\/ecosystem: must match pattern/)
  })

  it('CVE: a record without references and with a bad version entry', () => {
    const [record] = toCveRecords(sendmailSnapshot, cna) as {
      containers: { cna: Record<string, unknown> & { affected: { versions?: unknown[] }[] } }
    }[]
    delete record!.containers.cna.references
    record!.containers.cna.affected[0]!.versions = [{ version: '5.2', status: 'vulnerable' }]
    const problems = validateCveRecord(record, cveSchema)
    expect(problems).toContain("/containers/cna: must have required property 'references'")
    expect(problems).toContain(
      '/containers/cna/affected/0/versions/0/status: must be equal to one of the allowed values ("affected", "unaffected", "unknown")',
    )
  })

  it('CVE 5.2: a product property the format does not know, and a packageURL that is no URI', () => {
    const [record] = toCveRecords(sendmailSnapshot, cna) as {
      containers: { cna: { affected: Record<string, unknown>[] } }
    }[]
    Object.assign(record!.containers.cna.affected[0]!, { purl: 'pkg:generic/sendmail', packageURL: 'sendmail 8.12' })
    expect(validateCveRecord(record, cveSchema)).toEqual([
      '/containers/cna/affected/0: has the property "purl", which is not allowed here',
      '/containers/cna/affected/0/packageURL: must match format "uri"',
    ])
  })

  it('provider metadata: a canonical URL that is not provider-metadata.json', () => {
    const metadata = toProviderMetadata({
      baseUrl: 'https://lockstep.example',
      publisher: sendmailSnapshot.publisher,
      lastUpdated: sendmailSnapshot.currentReleaseDate,
    })
    expect(
      validateProviderMetadata({ ...metadata, canonical_url: 'https://lockstep.example/csaf.json' }, providerSchema),
    ).toEqual(['/canonical_url: must match pattern "/provider-metadata\\.json$"'])
  })
})
