// Vendors: the directory (products as purl patterns or CPE names, embargo policy, search), finding
// a case's vendors by its affected products, notifying them all or none, tracking each from "no
// response yet" to "statement", statements in VEX terms with the coordinator's approval, vendors
// recording their own fix state, and reminders and escalations on a controllable clock.
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeUser } from '../support/factories.js'
import { followUpSilentVendors } from '../../src/commands/vendors/followUp.js'
import { vendorState } from '../../src/domain/vendorTracking.js'
import { seedDemo } from '../../src/seed/demo.js'
import { demoVendors } from '../../src/seed/demoVendors.js'
import { vendorRecords } from '../../src/seed/demoRecord.js'

describeEachDatabase('vendors', (t) => {
  async function vendor(staff: Client, name: string, products: string[], contact: string | null) {
    const org = await makeOrganization(t.db, { name, kind: 'vendor' })
    for (const pattern of products)
      expect((await staff.post(`/api/v1/organizations/${org.id}/products`, { pattern })).statusCode).toBe(201)
    if (contact) await staff.post(`/api/v1/organizations/${org.id}/contacts`, { email: contact })
    return org
  }

  async function world() {
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    const c = await makeCase(t)
    const vulnerabilityId = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0].id
    await staff.patch(`/api/v1/cases/${c.id}/vulnerabilities/${vulnerabilityId}`, {
      affected: [
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          purl: 'pkg:generic/sendmail',
          range: 'vers:generic/<8.12.8',
        },
        { vendor: 'Red Hat', product: 'sendmail', purl: 'pkg:rpm/redhat/sendmail@8.12.5-7', range: null },
      ],
    })
    const suffix = Math.random().toString(36).slice(2, 8)
    const consortium = await vendor(
      staff,
      `Sendmail Consortium ${suffix}`,
      ['pkg:generic/sendmail'],
      `security-${suffix}@sendmail.example`,
    )
    const redHat = await vendor(
      staff,
      `Red Hat ${suffix}`,
      ['pkg:rpm/redhat/sendmail', 'cpe:2.3:o:redhat:linux:*:*:*:*:*:*:*:*'],
      `secalert-${suffix}@redhat.example`,
    )
    const debian = await vendor(
      staff,
      `Debian ${suffix}`,
      ['pkg:deb/debian/sendmail'],
      `security-${suffix}@debian.example`,
    )
    const silent = await vendor(staff, `Nobody Home ${suffix}`, ['pkg:generic/sendmail'], null)
    return { staff, c, vulnerabilityId, consortium, redHat, debian, silent, suffix }
  }

  it('keeps products as purl patterns or CPE names, refusing anything else by name, and finds vendors by them', async () => {
    const w = await world()
    const bad = await w.staff.post(`/api/v1/organizations/${w.debian.id}/products`, { pattern: 'sendmail 8.12' })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors[0].field).toBe('pattern')
    const versioned = await w.staff.post(`/api/v1/organizations/${w.debian.id}/products`, {
      pattern: 'pkg:deb/debian/sendmail@8.12.3',
    })
    expect(versioned.json().errors[0].message).toContain('version')
    const policy = await w.staff.patch(`/api/v1/organizations/${w.debian.id}/vendor-profile`, {
      embargo: { preferredDays: 30, minDays: 45, maxDays: 90 },
    })
    expect(policy.json().errors[0].field).toBe('embargo.minDays')
    const script = await w.staff.patch(`/api/v1/organizations/${w.debian.id}/vendor-profile`, {
      website: 'javascript:alert(1)',
    })
    expect(script.json().errors[0]).toEqual({ field: 'website', message: 'must be an http(s) URL' })
    await w.staff.patch(`/api/v1/organizations/${w.debian.id}/vendor-profile`, {
      website: 'https://www.debian.org',
      embargo: { preferredDays: 30, minDays: 7, maxDays: 90 },
    })
    expect((await w.staff.get(`/api/v1/organizations/${w.debian.id}`)).json()).toMatchObject({
      website: 'https://www.debian.org',
      embargo: { preferredDays: 30, minDays: 7, maxDays: 90 },
    })

    const found = (await w.staff.get(`/api/v1/vendors?query=${encodeURIComponent('pkg:rpm/redhat')}`)).json()
    expect(found.items.map((v: { name: string }) => v.name)).toContain(w.redHat.name)
    const proposals = (await w.staff.get(`/api/v1/cases/${w.c.id}/vendor-proposals`)).json()
    const names = proposals.map((p: { name: string }) => p.name)
    expect(names).toEqual(expect.arrayContaining([w.consortium.name, w.redHat.name, w.silent.name]))
    expect(names).not.toContain(w.debian.name)
    expect(proposals.find((p: { name: string }) => p.name === w.silent.name).contacts).toBe(0)
  })

  it('imports vendors from CSV (keeping good rows, naming bad lines), exports them back and suggests duplicates', async () => {
    const w = await world()
    const csv = [
      'name,website,contacts,products,embargo_preferred_days,embargo_min_days,embargo_max_days,notes',
      `SGI ${w.suffix},https://www.sgi.example,security@sgi.example;psirt@sgi.example,pkg:generic/sendmail;cpe:2.3:o:sgi:irix:*:*:*:*:*:*:*:*,45,30,90,IRIX ships sendmail`,
      `Broken ${w.suffix},,not-an-address,pkg:generic/x@1.0,,,,`,
      `S.G.I. Inc ${w.suffix},https://sgi.example,,,,,,`,
    ].join('\n')
    const res = await w.staff.post('/api/v1/vendors/import', { format: 'csv', content: csv })
    expect(res.statusCode).toBe(200)
    expect(res.json().created).toEqual(expect.arrayContaining([`SGI ${w.suffix}`]))
    expect(res.json().problems.map((p: { line: number }) => p.line)).toContain(3)
    const again = (
      await w.staff.post('/api/v1/vendors/import', { format: 'csv', content: csv.split('\n').slice(0, 2).join('\n') })
    ).json()
    expect(again).toMatchObject({ created: [], updated: [`SGI ${w.suffix}`] })
    const exported = await w.staff.get('/api/v1/vendors/export?format=csv')
    expect(exported.headers['content-disposition']).toContain('lockstep-vendors.csv')
    expect(exported.body).toContain(`SGI ${w.suffix},https://www.sgi.example,security@sgi.example;psirt@sgi.example`)
    const duplicates = (await w.staff.get('/api/v1/vendors/duplicates')).json()
    expect(
      duplicates.some(
        (d: { a: { name: string }; b: { name: string } }) =>
          [d.a.name, d.b.name].sort().join() === [`S.G.I. Inc ${w.suffix}`, `SGI ${w.suffix}`].sort().join(),
      ),
    ).toBe(true)
  })

  it('derives each vendor’s state in SQL exactly as the domain does', async () => {
    const w = await world()
    const c = await makeCase(t)
    const t0 = new Date('2003-02-10T12:00:00Z')
    const times = [null, t0]
    let i = 0
    for (const notified of times)
      for (const seen of times)
        for (const responded of times)
          for (const statement of times) {
            const org = await makeOrganization(t.db, { name: `Combo ${i++} ${w.suffix}` })
            await t.db
              .insertInto('participants')
              .values({
                case_id: c.id,
                organization_id: org.id,
                roles: ['vendor'],
                rm_state: 'received',
                notified_at: notified,
                seen_at: seen,
                responded_at: responded,
                statement_at: statement,
              })
              .execute()
          }
    const table = (await w.staff.get(`/api/v1/cases/${c.id}/vendors?limit=100`)).json()
    expect(table.total).toBe(16)
    for (const row of table.items) {
      expect(row.state, row.name).toBe(
        vendorState({
          notifiedAt: row.notifiedAt && new Date(row.notifiedAt),
          seenAt: row.seenAt && new Date(row.seenAt),
          respondedAt: row.respondedAt && new Date(row.respondedAt),
          statementAt: row.statementAt && new Date(row.statementAt),
        }),
      )
    }
  })

  it('seeds the demo case with the record’s vendors and answers: most told five days before the release, many silent', async () => {
    await seedDemo(t.db)
    const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
    const demoCase = await t.db
      .selectFrom('cases')
      .select('id')
      .where('title', 'like', '%sendmail%')
      .orderBy('created_at')
      .executeTakeFirstOrThrow()
    const table = (await staff.get(`/api/v1/cases/${demoCase.id}/vendors?limit=100`)).json()
    // Every vendor of the record but the five told only after publication (after the release).
    const late = vendorRecords.filter((r) => r.notified === 'after').map((r) => r.name)
    expect(late).toEqual(['Gentoo Linux', 'Slackware', 'OpenPKG', 'Microsoft', 'Postfix'])
    expect(table.total).toBe(demoVendors.length - late.length)
    // 25 statements (20 vulnerable, 5 not); 23 never said, three of them having looked.
    expect(table.counts).toEqual({ not_notified: 0, no_response: 20, seen: 3, responded: 0, statement: 25 })
    const statements = (await staff.get(`/api/v1/cases/${demoCase.id}/statements`)).json() as {
      status: string
      participant: string
      approved: boolean
    }[]
    const byStatus = (status: string) =>
      statements
        .filter((x) => x.status === status)
        .map((x) => x.participant)
        .sort()
    expect(byStatus('fixed')).toEqual(['Sendmail Consortium'])
    expect(byStatus('affected')).toHaveLength(19)
    expect(byStatus('affected')).toEqual(expect.arrayContaining(['Apple', 'MandrakeSoft', 'Red Hat', 'SGI']))
    expect(byStatus('not_affected')).toEqual(['Hitachi', 'Juniper Networks', 'Lotus Software', 'Openwall', 'Syntegra'])
    expect(byStatus('under_investigation')).toEqual([])
    expect(
      statements
        .filter((x) => x.approved)
        .map((x) => x.participant)
        .sort(),
    ).toEqual(['Hitachi', 'Sendmail Consortium', 'Sendmail, Inc.', 'Sun Microsystems'])
    // The story happened before the first start, in order: the ledger's instants never go back.
    const ledger = (await staff.get(`/api/v1/cases/${demoCase.id}/ledger`)).json()
    const instants = ledger.entries.map((e: { instant: string }) => Date.parse(e.instant))
    expect([...instants].sort((a, b) => a - b)).toEqual(instants)
    expect(instants[instants.length - 1]).toBeLessThan(Date.now())
    expect(ledger.intact).toBe(true)
    // The follow-up job's work of those weeks: those told early and silent for a week reminded
    // (SGI among them, which answered only at the end), ISS (never said) escalated; the vendors
    // told five days before the release never had time to be reminded.
    const followedUp = (kind: string) =>
      ledger.entries
        .filter((e: { kind: string }) => e.kind === kind)
        .map((e: { payload: { participant: string } }) => e.payload.participant)
    expect(followedUp('vendor.reminded')).toEqual(
      expect.arrayContaining(['SGI', 'Internet Security Systems', 'Hewlett-Packard', 'IBM']),
    )
    expect(followedUp('vendor.escalated')).toEqual(expect.arrayContaining(['Internet Security Systems']))
    for (const told26February of ['Debian', 'Cray', 'NEC', 'Unnamed vendor 10'])
      expect(followedUp('vendor.reminded')).not.toContain(told26February)
    // Its mail is not sent now; of the demo vendors, only those told after publication are left to
    // propose (other tests' vendors may be).
    expect(await t.db.selectFrom('mail_outbox').select('id').where('case_id', '=', demoCase.id).execute()).toEqual([])
    const demoNames = new Set(demoVendors.map((v) => v.name))
    const proposed = (await staff.get(`/api/v1/cases/${demoCase.id}/vendor-proposals`))
      .json()
      .map((p: { name: string }) => p.name)
    expect(proposed.filter((n: string) => demoNames.has(n)).every((n: string) => late.includes(n))).toBe(true)
  })

  it('notifies all the chosen vendors or none, naming the one nobody can be written to', async () => {
    const w = await world()
    const refused = await w.staff.post(`/api/v1/cases/${w.c.id}/vendors/notify`, {
      organizationIds: [w.consortium.id, w.silent.id],
    })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors).toEqual([
      {
        field: 'organizationIds.1',
        message: `${w.silent.name} has no contact address and no members: add a contact before notifying it`,
      },
    ])
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/vendors`)).json().total).toBe(0)

    const done = await w.staff.post(`/api/v1/cases/${w.c.id}/vendors/notify`, {
      organizationIds: [w.consortium.id, w.redHat.id],
    })
    expect(done.statusCode).toBe(200)
    expect(done.json().notified.map((n: { recipients: number }) => n.recipients)).toEqual([1, 1])
    const table = (await w.staff.get(`/api/v1/cases/${w.c.id}/vendors`)).json()
    expect(table.counts).toMatchObject({ no_response: 2, not_notified: 0 })
    expect(table.items.every((v: { stateLabel: string }) => v.stateLabel !== 'Unknown')).toBe(true)
    const outbox = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'template'])
      .where('case_id', '=', w.c.id)
      .where('template', '=', 'vendor.notified')
      .execute()
    expect(outbox.map((o) => o.to_address).sort()).toEqual([
      `secalert-${w.suffix}@redhat.example`,
      `security-${w.suffix}@sendmail.example`,
    ])
    const ledger = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json()
    expect(ledger.entries.filter((e: { kind: string }) => e.kind === 'vendor.notified')).toHaveLength(2)
    const charts = (await w.staff.get(`/api/v1/cases/${w.c.id}/vendors/charts`)).json()
    expect(charts.byDay.at(-1)).toMatchObject({ notified: 2, responded: 0 })
    expect(charts.responseTimes.noResponseYet).toBe(2)
  })

  it('follows a vendor from no response to seen, responded and statement; the coordinator approves; the vendor sets its fix state', async () => {
    const w = await world()
    const notified = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/vendors/notify`, { organizationIds: [w.consortium.id, w.redHat.id] })
    ).json().notified
    const consortiumParticipant = notified[0].participantId
    const eric = await signedIn(t.app, await makeMember(t.db, w.consortium, 'admin', { name: 'Eric Allman' }))
    const rae = await signedIn(t.app, await makeMember(t.db, w.redHat, 'admin', { name: 'Rae Hat' }))
    const stateOf = async (name: string) =>
      (await w.staff.get(`/api/v1/cases/${w.c.id}/vendors?query=${encodeURIComponent(name)}`)).json().items[0].state

    // Reading the case is not a look the vendor table counts, nor is the coordinator's visit; the
    // vendor's own visit is.
    expect((await w.staff.post(`/api/v1/cases/${w.c.id}/visit`)).statusCode).toBe(200)
    expect((await eric.get(`/api/v1/cases/${w.c.id}`)).statusCode).toBe(200)
    expect(await stateOf(w.consortium.name)).toBe('no_response')
    expect((await eric.post(`/api/v1/cases/${w.c.id}/visit`)).statusCode).toBe(200)
    expect(await stateOf(w.consortium.name)).toBe('seen')
    await eric.post(`/api/v1/cases/${w.c.id}/threads/${consortiumParticipant}/messages`, {
      body: 'We are looking at it.',
      tlp: 'AMBER',
    })
    expect(await stateOf(w.consortium.name)).toBe('responded')

    const noVersion = await eric.post(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}/statements`, {
      status: 'fixed',
      fixedVersions: [],
    })
    expect(noVersion.statusCode).toBe(422)
    expect(noVersion.json().errors[0].field).toBe('fixedVersions')
    const fixed = await eric.post(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}/statements`, {
      status: 'fixed',
      fixedVersions: ['8.12.8'],
      remediation: 'Upgrade to 8.12.8.',
      shareable: false,
    })
    expect(fixed.statusCode).toBe(201)
    expect(fixed.json()).toMatchObject({
      status: 'fixed',
      fixedVersions: ['8.12.8'],
      participant: w.consortium.name,
      approved: false,
    })
    expect(await stateOf(w.consortium.name)).toBe('statement')

    // Another vendor does not see a statement its vendor did not share, approved or not (the
    // approval is for the advisory, which publishes it at the release).
    expect((await rae.get(`/api/v1/cases/${w.c.id}/statements`)).json()).toEqual([])
    expect((await w.staff.post(`/api/v1/cases/${w.c.id}/statements/${fixed.json().id}/approve`)).statusCode).toBe(204)
    expect((await rae.get(`/api/v1/cases/${w.c.id}/statements`)).json()).toEqual([])
    // A vendor cannot speak for another vendor, nor approve.
    expect(
      (
        await rae.post(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}/statements`, {
          participantId: consortiumParticipant,
          status: 'affected',
        })
      ).statusCode,
    ).toBe(403)
    expect((await rae.post(`/api/v1/cases/${w.c.id}/statements/${fixed.json().id}/approve`)).statusCode).toBe(403)

    // The vendor works the report through its own process, then records its fix state (fix ready
    // needs the report accepted, as the CS rules say); it cannot move another vendor's state.
    const early = await eric.post(`/api/v1/cases/${w.c.id}/participants/${consortiumParticipant}/events`, {
      event: 'fixReady',
    })
    expect(early.statusCode).toBe(409)
    expect(
      (
        await rae.post(`/api/v1/cases/${w.c.id}/participants/${consortiumParticipant}/transitions`, {
          event: 'validate',
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await eric.post(`/api/v1/cases/${w.c.id}/participants/${consortiumParticipant}/transitions`, {
          event: 'validate',
        })
      ).statusCode,
    ).toBe(204)
    expect(
      (
        await eric.post(`/api/v1/cases/${w.c.id}/participants/${consortiumParticipant}/transitions`, {
          event: 'accept',
        })
      ).statusCode,
    ).toBe(204)
    const fixReady = await eric.post(`/api/v1/cases/${w.c.id}/participants/${consortiumParticipant}/events`, {
      event: 'fixReady',
    })
    expect(fixReady.statusCode, fixReady.body).toBe(204)
    expect(
      (await rae.post(`/api/v1/cases/${w.c.id}/participants/${consortiumParticipant}/events`, { event: 'fixDeployed' }))
        .statusCode,
    ).toBe(403)
    const row = (
      await w.staff.get(`/api/v1/cases/${w.c.id}/vendors?query=${encodeURIComponent(w.consortium.name)}`)
    ).json().items[0]
    expect(row.fixReadyAt).not.toBeNull()
  })

  it('asks a new contact to confirm its address by mail; the link works once', async () => {
    const w = await world()
    const address = `security-${w.suffix}@debian.example`
    expect((await w.staff.get(`/api/v1/organizations/${w.debian.id}/contacts`)).json()).toEqual([
      expect.objectContaining({ email: address, verified: false }),
    ])
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select('data')
      .where('to_address', '=', address)
      .where('template', '=', 'contact.verify')
      .executeTakeFirstOrThrow()
    const token = String((mail.data as { verifyUrl: string }).verifyUrl).split('/verify-contact/')[1]!
    const anyone = Client.anonymous(t.app)
    expect((await anyone.post('/api/v1/contacts/verify', { token })).json()).toEqual({
      email: address,
      organization: w.debian.name,
    })
    expect((await w.staff.get(`/api/v1/organizations/${w.debian.id}/contacts`)).json()[0].verified).toBe(true)
    expect((await anyone.post('/api/v1/contacts/verify', { token })).statusCode).toBe(404)
    expect((await anyone.post('/api/v1/contacts/verify', { token: 'made-up' })).statusCode).toBe(404)
  })

  it('lets a vendor suggest another vendor, which the coordinator adds to the case or declines', async () => {
    const w = await world()
    await w.staff.post(`/api/v1/cases/${w.c.id}/vendors/notify`, { organizationIds: [w.redHat.id] })
    const rae = await signedIn(t.app, await makeMember(t.db, w.redHat, 'member'))
    const suggested = await rae.post(`/api/v1/cases/${w.c.id}/vendor-suggestions`, {
      organizationId: w.debian.id,
      reason: 'Debian ships sendmail too',
    })
    expect(suggested.statusCode).toBe(201)
    const byName = await rae.post(`/api/v1/cases/${w.c.id}/vendor-suggestions`, {
      name: 'Slackware',
      reason: 'also ships it',
    })
    expect(byName.statusCode).toBe(201)
    const list = (await w.staff.get(`/api/v1/cases/${w.c.id}/vendor-suggestions`)).json()
    expect(list.map((x: { name: string; suggestedBy: string }) => `${x.name} by ${x.suggestedBy}`)).toEqual([
      `Slackware by ${w.redHat.name}`,
      `${w.debian.name} by ${w.redHat.name}`,
    ])
    expect(
      (
        await w.staff.post(`/api/v1/cases/${w.c.id}/vendor-suggestions/${suggested.json().id}/decision`, {
          decision: 'added',
        })
      ).statusCode,
    ).toBe(204)
    const notInDirectory = await w.staff.post(
      `/api/v1/cases/${w.c.id}/vendor-suggestions/${byName.json().id}/decision`,
      { decision: 'added' },
    )
    expect(notInDirectory.statusCode).toBe(409)
    expect(
      (await w.staff.get(`/api/v1/cases/${w.c.id}/vendors?query=${encodeURIComponent(w.debian.name)}`)).json().items[0]
        .state,
    ).toBe('not_notified')
    // Someone in the case who is not a vendor does not suggest vendors.
    const finder = await makeUser(t.db)
    await t.db
      .insertInto('participants')
      .values({ case_id: w.c.id, user_id: finder.id, roles: ['finder'], rm_state: 'accepted' })
      .execute()
    expect(
      (await (await signedIn(t.app, finder)).post(`/api/v1/cases/${w.c.id}/vendor-suggestions`, { name: 'X' }))
        .statusCode,
    ).toBe(403)
  })

  it('lets a vendor open a case about its own product, coordinated by the instance', async () => {
    const w = await world()
    const vic = await signedIn(t.app, await makeMember(t.db, w.consortium, 'member', { name: 'Vic Vendor' }))
    const opened = await vic.post(`/api/v1/organizations/${w.consortium.id}/cases`, {
      title: 'prescan() overflow found in our own audit',
      description: 'An off-by-one in prescan() lets a crafted address overflow a buffer.',
      affected: [
        { vendor: 'Sendmail Consortium', product: 'sendmail', versions: '< 8.12.9', purl: 'pkg:generic/sendmail' },
      ],
    })
    expect(opened.statusCode).toBe(201)
    expect(opened.json().caseNumber).toMatch(/^LS-\d{4}-\d{4}$/)
    const seen = (await vic.get(`/api/v1/cases/${opened.json().id}`)).json()
    expect(seen.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: w.consortium.name, roles: ['vendor', 'reporter'] })]),
    )
    expect((await w.staff.get('/api/v1/cases')).json().map((c: { id: string }) => c.id)).toContain(opened.json().id)
    // Only a vendor's members, and only for a vendor.
    const finderOrg = await makeOrganization(t.db, { kind: 'finder' })
    const finder = await signedIn(t.app, await makeMember(t.db, finderOrg, 'admin'))
    expect(
      (
        await finder.post(`/api/v1/organizations/${finderOrg.id}/cases`, {
          title: 'Not a vendor case',
          description: 'A finder cannot open a case as a vendor would.',
          affected: [{ vendor: 'x', product: 'y' }],
        })
      ).statusCode,
    ).toBe(409)
    expect(
      (
        await finder.post(`/api/v1/organizations/${w.consortium.id}/cases`, {
          title: 'Not my vendor',
          description: 'Not a member of this vendor organization.',
          affected: [{ vendor: 'x', product: 'y' }],
        })
      ).statusCode,
    ).toBe(404)
  })

  it('gives a vendor of one case 404 on everything of another case', async () => {
    const w = await world()
    await w.staff.post(`/api/v1/cases/${w.c.id}/vendors/notify`, { organizationIds: [w.redHat.id] })
    const rae = await signedIn(t.app, await makeMember(t.db, w.redHat, 'admin'))
    const other = await makeCase(t)
    const otherVulnerability = (await w.staff.get(`/api/v1/cases/${other.id}`)).json().vulnerabilities[0].id
    for (const [method, url, body] of [
      ['GET', `/api/v1/cases/${other.id}`],
      ['GET', `/api/v1/cases/${other.id}/statements`],
      ['GET', `/api/v1/cases/${other.id}/vendors`],
      ['POST', `/api/v1/cases/${other.id}/vulnerabilities/${otherVulnerability}/statements`, { status: 'affected' }],
      ['GET', `/api/v1/cases/${other.id}/threads`],
    ] as const) {
      expect((await rae.request(method, url, body)).statusCode, `${method} ${url}`).toBe(404)
    }
  })

  it('reminds a silent vendor after 7 days and escalates after 14, once each, and leaves one that answered alone', async () => {
    const w = await world()
    const at = new Date('2003-02-10T12:00:00Z')
    await t.db
      .updateTable('participants')
      .set({ removed_at: new Date() })
      .where('notified_at', 'is not', null)
      .where('removed_at', 'is', null)
      .execute()
    await w.staff.post(`/api/v1/cases/${w.c.id}/vendors/notify`, { organizationIds: [w.consortium.id, w.redHat.id] })
    await t.db
      .updateTable('participants')
      .set({ notified_at: at })
      .where('case_id', '=', w.c.id)
      .where('notified_at', 'is not', null)
      .execute()
    await t.db
      .updateTable('participants')
      .set({ responded_at: new Date('2003-02-11T09:00:00Z') })
      .where('case_id', '=', w.c.id)
      .where('organization_id', '=', w.redHat.id)
      .execute()
    await w.staff.post(`/api/v1/organizations/${w.consortium.id}/contacts`, {
      email: `backup-${w.suffix}@sendmail.example`,
      kind: 'alternate',
    })
    const policy = { remindAfterDays: 7, escalateAfterDays: 14 }
    const day = (n: number) => new Date(at.getTime() + n * 86_400_000)

    expect(await followUpSilentVendors(t.db, day(6), policy)).toEqual({ reminded: 0, escalated: 0 })
    expect(await followUpSilentVendors(t.db, day(7.1), policy)).toEqual({ reminded: 1, escalated: 0 })
    expect(await followUpSilentVendors(t.db, day(8), policy)).toEqual({ reminded: 0, escalated: 0 })
    expect(await followUpSilentVendors(t.db, day(14.1), policy)).toEqual({ reminded: 0, escalated: 1 })
    expect(await followUpSilentVendors(t.db, day(30), policy)).toEqual({ reminded: 0, escalated: 0 })

    const mails = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'data'])
      .where('case_id', '=', w.c.id)
      .where('template', '=', 'vendor.reminder')
      .execute()
    const reminders = mails.filter((m) => !(m.data as { escalation: boolean }).escalation).map((m) => m.to_address)
    const escalations = mails.filter((m) => (m.data as { escalation: boolean }).escalation).map((m) => m.to_address)
    expect(reminders).toEqual([`security-${w.suffix}@sendmail.example`])
    expect(escalations).toContain(`backup-${w.suffix}@sendmail.example`)
    const kinds = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`))
      .json()
      .entries.map((e: { kind: string }) => e.kind)
    expect(kinds.filter((k: string) => k === 'vendor.reminded' || k === 'vendor.escalated')).toEqual([
      'vendor.reminded',
      'vendor.escalated',
    ])
  })
})
