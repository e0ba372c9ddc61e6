// Editing a case: vulnerabilities (with purl and vers range, CVSS scored, each field's error by
// name), participants added, re-roled and taken out (history kept, view of the case ended), and
// "what changed since your last visit" as each side may know of it.
import { expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'

describeEachDatabase('editing a case', (t) => {
  const storedAffected = async (vulnerabilityId: string) =>
    (
      await t.db
        .selectFrom('vulnerabilities')
        .select('affected')
        .where('id', '=', vulnerabilityId)
        .executeTakeFirstOrThrow()
    ).affected

  async function world() {
    const finder = await makeUser(t.db, { name: 'Fran Finder' })
    const c = await makeCase(t, { finder, title: 'Remote root in sendmail header processing' })
    const staff = await signedIn(
      t.app,
      await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
    )
    const redHat = await makeOrganization(t.db, { name: 'Red Hat' })
    const vendor = await signedIn(t.app, await makeMember(t.db, redHat, 'admin', { name: 'Rae Hat' }))
    const vulnerabilityId = (await staff.get(`/api/v1/cases/${c.id}`)).json().vulnerabilities[0].id as string
    return { c, staff, redHat, vendor, finder: await signedIn(t.app, finder), vulnerabilityId }
  }

  it('edits a vulnerability: affected products with a purl and a vers range, CVSS scored, in the ledger', async () => {
    const w = await world()
    const res = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
      cwe: 'CWE-120',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      affected: [
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          purl: 'pkg:generic/sendmail',
          range: 'vers:generic/ >= 5.79 | < 8.12.8 ',
        },
      ],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      cwe: 'CWE-120',
      cvssScore: 9.8,
      affected: [{ purl: 'pkg:generic/sendmail', range: 'vers:generic/>=5.79|<8.12.8', versions: null }],
    })
    const ledger = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`)).json()
    const edit = ledger.entries.find((e: { kind: string }) => e.kind === 'vulnerability.updated')
    expect(Object.keys(edit.payload.changed).sort()).toEqual(['affected', 'cvss_vector', 'cwe'])
    expect(ledger.intact).toBe(true)
  })

  it("takes an ecosystem's own range syntax and stores it as vers; says what it cannot read", async () => {
    const w = await world()
    const res = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
      affected: [
        { vendor: 'Lodash', product: 'lodash', purl: 'pkg:npm/lodash', range: '>=4.0.0 <4.17.21' },
        { vendor: 'Django', product: 'django', purl: 'pkg:pypi/django', range: '~=4.2.0' },
      ],
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().affected.map((a: { range: string }) => a.range)).toEqual([
      'vers:npm/>=4.0.0|<4.17.21',
      'vers:pypi/>=4.2.0|<4.3.dev0',
    ])
    const bad = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
      affected: [{ vendor: 'Lodash', product: 'lodash', purl: 'pkg:npm/lodash', range: '^^4' }],
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().errors[0]).toMatchObject({ field: 'affected.0.range' })
    expect(bad.json().errors[0].message).toContain('npm range "^^4" cannot be read')
  })

  it("keeps a product's CPE name in its CPE 2.3 form, and refuses one that names no single product", async () => {
    const w = await world()
    const res = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
      affected: [{ vendor: 'Sendmail', product: 'sendmail', purl: null, cpe: 'cpe:/a:sendmail:sendmail' }],
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().affected[0].cpe).toBe('cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*')
    for (const cpe of ['cpe:2.3:a:sendmail:*', 'cpe:2.3:a:sendmail:sendmail:8.12.8', 'sendmail']) {
      const bad = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
        affected: [{ vendor: 'Sendmail', product: 'sendmail', cpe }],
      })
      expect(bad.statusCode, cpe).toBe(422)
      expect(bad.json().errors[0].field).toBe('affected.0.cpe')
    }
    // Refused, nothing changed: the name given first is still the one kept.
    expect((await storedAffected(w.vulnerabilityId))[0]!.cpe).toBe('cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*')
  })

  it('refuses a CPE name no CVE record or CSAF document can carry, naming the component, and keeps the old one', async () => {
    const w = await world()
    const path = `/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`
    const good = await w.staff.patch(path, {
      affected: [{ vendor: 'Acme', product: 'Widget Pro', purl: null, cpe: 'cpe:/a:acme:widget_pro' }],
    })
    expect(good.statusCode, good.body).toBe(200)
    for (const [cpe, message] of [
      ['cpe:/a:acme:widget%20pro', 'product "widget%20pro" holds a space (CPE writes spaces as _)'],
      ['cpe:2.3:a:acme:widget\\ pro', 'product "widget\\ pro" holds a space (CPE writes spaces as _)'],
      ['cpe:/a:acme:widg%C3%A9t', 'product "widg%C3%A9t" holds "é" (U+00E9), a character outside ASCII'],
      ['cpe:2.3:a:acme:widget!pro', 'product "widget!pro" holds "!" unescaped (CPE 2.3 writes it \\!)'],
    ]) {
      const bad = await w.staff.patch(path, { affected: [{ vendor: 'Acme', product: 'Widget Pro', cpe }] })
      expect(bad.statusCode, cpe).toBe(422)
      expect(bad.headers['content-type']).toContain('application/problem+json')
      expect(bad.json().errors[0].field).toBe('affected.0.cpe')
      expect(bad.json().errors[0].message).toContain(message)
    }
    expect((await storedAffected(w.vulnerabilityId))[0]!.cpe).toBe('cpe:2.3:a:acme:widget_pro:*:*:*:*:*:*:*:*')
  })

  it('names each bad field of a vulnerability and changes nothing', async () => {
    const w = await world()
    const res = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
      cwe: 'buffer overflow',
      cvssVector: 'CVSS:3.1/AV:N',
      affected: [{ vendor: 'Sendmail Consortium', product: 'sendmail', range: '< 8.12.8' }],
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['cwe', 'cvssVector', 'affected.0.range'])
    const badPurl = await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, {
      affected: [{ vendor: 'x', product: 'y', purl: 'sendmail' }],
    })
    expect(badPurl.json().errors[0].field).toBe('affected.0.purl')
    const after = (await w.staff.get(`/api/v1/cases/${w.c.id}`)).json().vulnerabilities[0]
    expect(after.cwe).toBeNull()
  })

  it('adds a second vulnerability and removes one, but never the last', async () => {
    const w = await world()
    const added = await w.staff.post(`/api/v1/cases/${w.c.id}/vulnerabilities`, {
      title: 'prescan() overflow',
      cwe: 'CWE-787',
    })
    expect(added.statusCode).toBe(201)
    expect((await w.staff.delete(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`)).statusCode).toBe(204)
    const last = await w.staff.delete(`/api/v1/cases/${w.c.id}/vulnerabilities/${added.json().id}`)
    expect(last.statusCode).toBe(409)
    expect(last.json().detail).toContain('at least one vulnerability')
    expect(
      (await w.staff.get(`/api/v1/cases/${w.c.id}`)).json().vulnerabilities.map((v: { title: string }) => v.title),
    ).toEqual(['prescan() overflow'])
    // A participant who is not staff cannot edit.
    expect(
      (await w.finder.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${added.json().id}`, { title: 'x' })).statusCode,
    ).toBe(403)
  })

  it('adds a vendor, changes its roles, takes it out (it loses the case, its thread stays) and adds it back', async () => {
    const w = await world()
    const added = await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, {
      organizationId: w.redHat.id,
      roles: ['vendor'],
    })
    expect(added.statusCode).toBe(201)
    expect(added.json()).toMatchObject({ roles: ['vendor'], rmState: 'start' })
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}`)).statusCode).toBe(200)
    expect(
      (await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, { organizationId: w.redHat.id, roles: ['vendor'] }))
        .statusCode,
    ).toBe(409)

    const reroled = await w.staff.put(`/api/v1/cases/${w.c.id}/participants/${added.json().id}/roles`, {
      roles: ['vendor', 'deployer'],
    })
    expect(reroled.json().roles).toEqual(['vendor', 'deployer'])
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/${added.json().id}/messages`, {
      body: 'Your fix date?',
      tlp: 'AMBER',
    })

    expect(
      (
        await w.staff.delete(
          `/api/v1/cases/${w.c.id}/participants/${added.json().id}?reason=${encodeURIComponent('Does not ship sendmail')}`,
        )
      ).statusCode,
    ).toBe(204)
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}`)).statusCode).toBe(404)
    expect((await w.vendor.get('/api/v1/cases')).json().map((x: { id: string }) => x.id)).not.toContain(w.c.id)
    // Staff still read its thread as a record, but no one posts to it any more.
    expect((await w.staff.get(`/api/v1/cases/${w.c.id}/threads/${added.json().id}/messages`)).json()).toHaveLength(1)
    expect(
      (
        await w.staff.post(`/api/v1/cases/${w.c.id}/threads/${added.json().id}/messages`, {
          body: 'Hello?',
          tlp: 'AMBER',
        })
      ).statusCode,
    ).toBe(409)
    expect(
      (await w.staff.get(`/api/v1/cases/${w.c.id}`)).json().participants.map((p: { name: string }) => p.name),
    ).not.toContain('Red Hat')

    const back = await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, {
      organizationId: w.redHat.id,
      roles: ['vendor'],
    })
    expect(back.json().id).toBe(added.json().id)
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}/threads/${added.json().id}/messages`)).json()).toHaveLength(1)
    const kinds = (await w.staff.get(`/api/v1/cases/${w.c.id}/ledger`))
      .json()
      .entries.map((e: { kind: string }) => e.kind)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'participant.added',
        'participant.roles_changed',
        'participant.removed',
        'participant.readded',
      ]),
    )
  })

  it('refuses bad participants by name: unknown organization, the coordinator role, the coordinator itself', async () => {
    const w = await world()
    const unknown = await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, {
      organizationId: '00000000-0000-4000-8000-000000000000',
      roles: ['vendor'],
    })
    expect(unknown.json().errors).toEqual([{ field: 'organizationId', message: 'is not an organization' }])
    const coordinatorRole = await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, {
      organizationId: w.redHat.id,
      roles: ['coordinator'],
    })
    expect(coordinatorRole.json().errors[0].field).toBe('roles')
    const noRoles = await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, {
      organizationId: w.redHat.id,
      roles: [],
    })
    expect(noRoles.statusCode).toBe(422)
    // A case opened by a coordinator has them as its coordinating participant, who stays.
    const opened = (
      await w.staff.post('/api/v1/cases', {
        reportIds: [(await makeReport(t.db, { state: 'valid' })).id],
        title: 'Another case',
      })
    ).json()
    const coordinator = opened.participants.find((p: { roles: string[] }) => p.roles.includes('coordinator'))
    const refused = await w.staff.delete(`/api/v1/cases/${opened.id}/participants/${coordinator.id}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().detail).toBe('The coordinating participant stays in its case.')
  })

  it('tells each participant what changed since their last visit, as far as they may know', async () => {
    const w = await world()
    const vendorParticipant = (
      await w.staff.post(`/api/v1/cases/${w.c.id}/participants`, { organizationId: w.redHat.id, roles: ['vendor'] })
    ).json().id
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}`)).json().previousVisitAt).toBeNull()
    // Reading the case records nothing; the case page records its visit.
    expect(await t.db.selectFrom('case_visits').selectAll().where('case_id', '=', w.c.id).execute()).toEqual([])
    expect((await w.vendor.post(`/api/v1/cases/${w.c.id}/visit`)).json()).toEqual({ previousVisitAt: null })
    expect((await w.vendor.get(`/api/v1/cases/${w.c.id}/changes`)).json()).toEqual({
      since: null,
      items: [],
      more: false,
      threads: [],
    })
    // The vendor leaves; two hours later things have happened.
    const left = new Date(Date.now() - 2 * 3600_000)
    await t.db.updateTable('case_visits').set({ last_seen_at: left }).where('case_id', '=', w.c.id).execute()
    const finderThread = (await w.finder.get(`/api/v1/cases/${w.c.id}/threads`))
      .json()
      .find((x: { key: string }) => x.key !== 'case').key
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/${finderThread}/messages`, {
      body: 'Please keep the exploit private.',
      tlp: 'RED',
    })
    await w.staff.request(
      'POST',
      `/api/v1/cases/${w.c.id}/threads/${finderThread}/attachments?name=exploit.c&tlp=RED`,
      Buffer.from('int main;'),
      { 'content-type': 'application/octet-stream' },
    )
    await w.staff.post(`/api/v1/cases/${w.c.id}/threads/case/messages`, {
      body: 'Release planned for 3 March.',
      tlp: 'AMBER',
    })
    await w.staff.post(`/api/v1/cases/${w.c.id}/participants/${vendorParticipant}/events`, { event: 'vendorAware' })
    await w.staff.patch(`/api/v1/cases/${w.c.id}/vulnerabilities/${w.vulnerabilityId}`, { cwe: 'CWE-120' })

    const view = (await w.vendor.get(`/api/v1/cases/${w.c.id}`)).json()
    expect(new Date(view.previousVisitAt).getTime()).toBe(left.getTime())
    const visit = (await w.vendor.post(`/api/v1/cases/${w.c.id}/visit`)).json()
    expect(new Date(visit.previousVisitAt).getTime()).toBe(left.getTime())
    const changes = (await w.vendor.get(`/api/v1/cases/${w.c.id}/changes`)).json()
    // Newest first; what happened before (opening the case) follows.
    const texts = changes.items.map((i: { text: string }) => i.text)
    expect(texts.slice(0, 2)).toEqual([
      expect.stringMatching(/^Casey Coordinator edited “Report \d+” \(cwe\)\.$/),
      'Red Hat is aware of the vulnerability.',
    ])
    // The file posted to the finder's private thread is not the vendor's business.
    expect(texts.join(' ')).not.toContain('exploit.c')
    expect(changes.threads).toEqual([{ key: 'case', title: 'Everyone in the case', newMessages: 1 }])
    // Staff see the private threads' news too, but not their own messages.
    await w.finder.post(`/api/v1/cases/${w.c.id}/threads/${finderThread}/messages`, {
      body: 'Understood, it stays private.',
      tlp: 'RED',
    })
    await w.staff.post(`/api/v1/cases/${w.c.id}/visit`)
    await t.db.updateTable('case_visits').set({ previous_seen_at: left }).where('case_id', '=', w.c.id).execute()
    const staffChanges = (await w.staff.get(`/api/v1/cases/${w.c.id}/changes`)).json()
    expect(staffChanges.threads).toEqual([
      expect.objectContaining({ title: 'Coordinator and Fran Finder', newMessages: 1 }),
    ])
    expect(staffChanges.items.map((i: { text: string }) => i.text)).toContain(
      'Casey Coordinator posted the file exploit.c to “Coordinator and Fran Finder” (TLP:RED).',
    )
  })
})
