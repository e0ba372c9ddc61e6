// VEX through HTTP on both databases: a vendor's member uploads its VEX document (OpenVEX,
// CycloneDX, CSAF) and its statements are recorded as the form records them (not approved, a
// ledger entry each), with a per-statement report of what was refused and why; a bad document is
// refused whole with a 422 and changes nothing; another vendor's products are never taken; and the
// exports give each vendor its own statements (the coordinators all), valid against their schemas.
import { expect, it } from 'vitest'
import { type Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'
import { validateCycloneDx16, validateOpenVex } from '../support/vexSchemas.js'
import { validateCsaf } from '../../src/domain/advisory/validate.js'

const openVex = (statements: object[]) => ({
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://vendor.example/vex/1',
  author: 'Vendor PSIRT',
  timestamp: '2026-12-01T00:00:00Z',
  version: 1,
  statements,
})

describeEachDatabase('VEX documents', (t) => {
  async function vendorIn(staff: Client, caseId: string, name: string, purl: string) {
    const org = await makeOrganization(t.db, { name, kind: 'vendor' })
    expect((await staff.post(`/api/v1/organizations/${org.id}/products`, { pattern: purl })).statusCode).toBe(201)
    const participant = await t.db
      .insertInto('participants')
      .values({ case_id: caseId, organization_id: org.id, roles: ['vendor'], rm_state: 'received' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const member = await signedIn(t.app, await makeMember(t.db, org))
    return { org, participantId: participant.id, member }
  }

  async function world() {
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const c = await makeCase(t)
    const vulnerabilityId = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0].id as string
    const suffix = Math.random().toString(36).slice(2, 8)
    await t.db
      .updateTable('vulnerabilities')
      .set({ cve_id: 'CVE-2002-1337' })
      .where('id', '=', vulnerabilityId)
      .execute()
    await staff.patch(`/api/v1/cases/${c.id}/vulnerabilities/${vulnerabilityId}`, {
      affected: [
        {
          vendor: `Sendmail ${suffix}`,
          product: 'sendmail',
          purl: 'pkg:generic/sendmail',
          range: 'vers:generic/<8.12.8',
        },
        { vendor: `Red Hat ${suffix}`, product: 'sendmail', purl: 'pkg:rpm/redhat/sendmail', range: null },
      ],
    })
    const consortium = await vendorIn(staff, c.id, `Sendmail ${suffix}`, 'pkg:generic/sendmail')
    const redHat = await vendorIn(staff, c.id, `Red Hat ${suffix}`, 'pkg:rpm/redhat/sendmail')
    return { staff, c, vulnerabilityId, consortium, redHat }
  }

  const statementsOf = (caseId: string) =>
    t.db.selectFrom('vendor_statements').selectAll().where('case_id', '=', caseId).execute()
  const postedEntries = (caseId: string) =>
    t.db
      .selectFrom('ledger_entries')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'statement.posted')
      .execute()

  it("takes a vendor's OpenVEX statements, refusing unknown vulnerabilities, unknown and other vendors' products", async () => {
    const w = await world()
    const res = await w.consortium.member.post(
      `/api/v1/cases/${w.c.id}/vex`,
      openVex([
        {
          vulnerability: { name: 'CVE-2002-1337' },
          products: [{ '@id': 'pkg:generic/sendmail@8.12.7' }],
          status: 'fixed',
          status_notes: 'Update to 8.12.8.',
        },
        { vulnerability: { name: 'CVE-2099-0001' }, products: [{ '@id': 'pkg:generic/sendmail' }], status: 'fixed' },
        {
          vulnerability: { name: 'CVE-2002-1337' },
          products: [{ '@id': 'pkg:rpm/redhat/sendmail' }],
          status: 'not_affected',
          justification: 'component_not_present',
        },
        {
          vulnerability: { name: 'CVE-2002-1337' },
          products: [{ '@id': 'pkg:npm/left-pad' }],
          status: 'affected',
          action_statement: 'Upgrade.',
        },
      ]),
    )
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report.format).toBe('openvex')
    expect(report.taken).toMatchObject([
      {
        at: 'statements/0',
        vulnerability: 'CVE-2002-1337',
        status: 'fixed',
        products: ['pkg:generic/sendmail@8.12.7'],
      },
    ])
    expect(report.refused.map((r: { at: string; reason: string }) => [r.at, r.reason.split(':')[0]])).toEqual([
      ['statements/1', 'unknown vulnerability'],
      ['statements/2', "another vendor's product"],
      ['statements/3', 'unknown product'],
    ])

    const [stored] = await statementsOf(w.c.id)
    expect(stored).toMatchObject({
      participant_id: w.consortium.participantId,
      vulnerability_id: w.vulnerabilityId,
      status: 'fixed',
      fixed_versions: ['8.12.8'],
      approved_at: null,
    })
    expect(stored!.id).toBe(report.taken[0].statementId)
    expect(await postedEntries(w.c.id)).toHaveLength(1)
    // Listed to the coordinator for approval, as a statement from the form would be.
    const listed = (await w.staff.get(`/api/v1/cases/${w.c.id}/statements`)).json()
    expect(listed).toMatchObject([{ status: 'fixed', approved: false, fixedVersions: ['8.12.8'] }])
  })

  it('refuses a bad document whole with a 422 naming what is wrong, and changes nothing', async () => {
    const w = await world()
    const empty = await w.consortium.member.post(`/api/v1/cases/${w.c.id}/vex`, openVex([]))
    expect(empty.statusCode).toBe(422)
    expect(empty.json().errors[0].field).toBe('document/statements')

    const notVex = await w.consortium.member.post(`/api/v1/cases/${w.c.id}/vex`, { name: 'a list of things' })
    expect(notVex.statusCode).toBe(422)
    expect(notVex.json().errors[0].message).toContain('not a VEX document')

    const badCycloneDx = await w.consortium.member.post(`/api/v1/cases/${w.c.id}/vex`, {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      vulnerabilities: [
        { id: 'CVE-2002-1337', analysis: { state: 'maybe' }, affects: [{ ref: 'pkg:generic/sendmail' }] },
      ],
    })
    expect(badCycloneDx.statusCode).toBe(422)
    expect(badCycloneDx.json().errors[0].message).toContain('/vulnerabilities/0/analysis/state')

    const notCsafVex = await w.consortium.member.post(`/api/v1/cases/${w.c.id}/vex`, {
      document: { csaf_version: '2.0', category: 'csaf_security_advisory' },
    })
    expect(notCsafVex.statusCode).toBe(422)
    expect(notCsafVex.json().errors.map((e: { field: string }) => e.field)).toContain('document/document/category')

    expect(await statementsOf(w.c.id)).toEqual([])
    expect(await postedEntries(w.c.id)).toEqual([])
  })

  it("takes nothing of a document about another vendor's products, nor for another vendor", async () => {
    const w = await world()
    const theirs = await w.redHat.member.post(
      `/api/v1/cases/${w.c.id}/vex`,
      openVex([
        {
          vulnerability: { name: 'CVE-2002-1337' },
          products: [{ '@id': 'pkg:generic/sendmail' }],
          status: 'under_investigation',
        },
      ]),
    )
    expect(theirs.statusCode).toBe(200)
    expect(theirs.json().taken).toEqual([])
    expect(theirs.json().refused[0].reason).toMatch(/^another vendor's product/)

    const forOther = await w.redHat.member.post(
      `/api/v1/cases/${w.c.id}/vex?participantId=${w.consortium.participantId}`,
      openVex([{ vulnerability: { name: 'CVE-2002-1337' }, status: 'under_investigation' }]),
    )
    expect([403, 404]).toContain(forOther.statusCode)
    expect(await statementsOf(w.c.id)).toEqual([])
  })

  it('exports each vendor its own statements and the coordinators all, valid in every format, and reads them back', async () => {
    const w = await world()
    const post = (who: Client, status: string, extra: object = {}) =>
      who.post(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}/statements`, {
        status,
        shareable: true,
        ...extra,
      })
    expect((await post(w.consortium.member, 'fixed', { fixedVersions: ['8.12.8'] })).statusCode).toBe(201)
    expect((await post(w.redHat.member, 'affected')).statusCode).toBe(201)

    const own = await w.redHat.member.get(`/api/v1/cases/${w.c.id}/vex/cyclonedx`)
    expect(own.statusCode).toBe(200)
    expect(own.headers['content-disposition']).toMatch(/attachment; filename=".+-vex\.cdx\.json"/)
    expect(validateCycloneDx16(own.json())).toEqual([])
    expect(own.json().vulnerabilities.map((v: { analysis: { state: string } }) => v.analysis.state)).toEqual([
      'exploitable',
    ])

    const all = await w.staff.get(`/api/v1/cases/${w.c.id}/vex/openvex`)
    expect(validateOpenVex(all.json())).toEqual([])
    expect(
      all
        .json()
        .statements.map((s: { status: string }) => s.status)
        .sort(),
    ).toEqual(['affected', 'fixed'])
    const oneVendor = await w.staff.get(
      `/api/v1/cases/${w.c.id}/vex/openvex?participantId=${w.consortium.participantId}`,
    )
    expect(oneVendor.json().statements.map((s: { status: string }) => s.status)).toEqual(['fixed'])

    const csaf = await w.staff.get(`/api/v1/cases/${w.c.id}/vex/csaf`)
    expect(await validateCsaf(csaf.json())).toEqual([])
    expect(csaf.json().document.distribution.tlp.label).toBe('AMBER')

    // Red Hat's own CSAF VEX export, uploaded again, is taken as its statement once more.
    const redHatCsaf = (await w.redHat.member.get(`/api/v1/cases/${w.c.id}/vex/csaf`)).json()
    const again = await w.redHat.member.post(`/api/v1/cases/${w.c.id}/vex`, redHatCsaf)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ format: 'csaf', taken: [{ status: 'affected' }], refused: [] })

    // The consortium's own CycloneDX export, uploaded again, likewise.
    const consortiumCdx = (await w.consortium.member.get(`/api/v1/cases/${w.c.id}/vex/cyclonedx`)).json()
    const cdxAgain = await w.consortium.member.post(`/api/v1/cases/${w.c.id}/vex`, consortiumCdx)
    expect(cdxAgain.json()).toMatchObject({
      format: 'cyclonedx',
      taken: [{ status: 'fixed', vulnerability: 'CVE-2002-1337' }],
      refused: [],
    })
    expect((await statementsOf(w.c.id)).filter((s) => s.participant_id === w.consortium.participantId)).toMatchObject([
      { status: 'fixed', fixed_versions: ['8.12.8'] },
      { status: 'fixed', fixed_versions: ['8.12.8'] },
    ])

    // Not a party: not found.
    const outsider = await signedIn(t.app, await makeUser(t.db))
    expect((await outsider.get(`/api/v1/cases/${w.c.id}/vex/openvex`)).statusCode).toBe(404)
  }, 180_000) // the CSAF validator loads for seconds the first time (here and in the server's worker thread)
})
