// The public side without an account: the advisory index with search, and the announcement list
// (subscribe, confirm by the mailed link, get the announcement at release, leave by its link).
import { expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { makeCase } from '../support/factories.js'
import { releaseCase } from '../../src/commands/release/release.js'
import { system } from '../../src/domain/actor.js'

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
})

describeEachDatabase('public pages', (t) => {
  it('serves the feeds empty and valid before the first release, and frames every page with the way back', async () => {
    const published = await t.db.selectFrom('published_documents').select('path').execute()
    if (published.length === 0) {
      const atom = await t.app.inject({ method: 'GET', url: '/advisories.atom' })
      expect(atom.statusCode).toBe(200)
      expect(atom.headers['content-type']).toContain('application/atom+xml')
      expect(atom.body).toContain('<feed')
      const csaf = await t.app.inject({ method: 'GET', url: '/.well-known/csaf/provider-metadata.json' })
      expect(csaf.statusCode).toBe(200)
      expect(csaf.json().canonical_url).toContain('/.well-known/csaf/provider-metadata.json')
      // Served over plain HTTP, the instance does not ask aggregators to list it (CSAF 2.0 §7.1.3).
      expect(csaf.json()).toMatchObject({ list_on_CSAF_aggregators: false, mirror_on_CSAF_aggregators: false })
    }
    const index = await t.app.inject({ method: 'GET', url: '/advisories' })
    for (const link of ['href="/"', 'href="/report"', 'href="/.well-known/lockstep.asc"', 'href="/advisories.atom"'])
      expect(index.body).toContain(link)
    expect(index.body).toContain('<header class="site-header">')
    expect(index.body).toContain('<footer class="site-footer">')
  })

  it('lists and searches what is published, and nothing else', async () => {
    const c = await makeCase(t, { title: 'Heap overflow in the SMTP AUTH handler' })
    const empty = await t.app.inject({ method: 'GET', url: '/advisories?q=AUTH' })
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('No published advisory matches “AUTH”.')
    const released = await releaseCase(
      t.db,
      c.id,
      new Date(),
      { kind: 'immediate', actor: system, reason: 'Public already' },
      { config: t.config },
    )
    expect(released.released).toBe(true)
    const id = released.released ? released.advisoryId : ''
    const found = await t.app.inject({ method: 'GET', url: '/advisories?q=smtp%20auth' })
    expect(found.body).toContain(`${id}: Heap overflow in the SMTP AUTH handler`)
    const advisoryPage = await t.app.inject({ method: 'GET', url: `/advisories/${id}` })
    expect(advisoryPage.body).toContain('<a href="/advisories">All advisories</a>')
    expect(advisoryPage.body).toContain('href="/report"')
    expect(advisoryPage.body).not.toContain('vers:')
    expect(advisoryPage.body).not.toMatch(/>x_LSA-/)
    expect(found.headers['content-security-policy']).toContain("script-src 'self'")
    expect((await t.app.inject({ method: 'GET', url: '/advisories?q=nothing-like-this' })).body).toContain(
      'No published advisory matches',
    )
  })

  it('subscribes by double opt-in, announces each release once to confirmed addresses, and lets them leave', async () => {
    const address = `reader-${Math.random().toString(36).slice(2, 8)}@lists.example`
    const bad = await t.app.inject({ method: 'POST', url: '/subscriptions', ...form({ email: 'not an address' }) })
    expect(bad.statusCode).toBe(422)
    const asked = await t.app.inject({ method: 'POST', url: '/subscriptions', ...form({ email: address }) })
    expect(asked.statusCode).toBe(202)
    expect(asked.body).toContain('Nothing is sent until you confirm.')
    const confirmMail = await t.db
      .selectFrom('mail_outbox')
      .select(['data'])
      .where('to_address', '=', address)
      .where('template', '=', 'subscription.confirm')
      .executeTakeFirstOrThrow()
    const confirmUrl = new URL((confirmMail.data as { confirmUrl: string }).confirmUrl)
    // Not yet confirmed: a release now does not mail it.
    const first = await makeCase(t)
    await releaseCase(
      t.db,
      first.id,
      new Date(),
      { kind: 'immediate', actor: system, reason: 'Public already' },
      { config: t.config },
    )
    expect(
      await t.db
        .selectFrom('mail_outbox')
        .select('id')
        .where('to_address', '=', address)
        .where('template', '=', 'advisory.published')
        .execute(),
    ).toEqual([])

    const landing = await t.app.inject({ method: 'GET', url: `${confirmUrl.pathname}${confirmUrl.search}` })
    expect(landing.body).toContain('Confirm the subscription')
    const token = confirmUrl.searchParams.get('token')!
    expect((await t.app.inject({ method: 'POST', url: '/subscriptions/confirm', ...form({ token }) })).body).toContain(
      `${address} will get every advisory`,
    )
    expect((await t.app.inject({ method: 'POST', url: '/subscriptions/confirm', ...form({ token }) })).statusCode).toBe(
      404,
    )

    const second = await makeCase(t)
    await releaseCase(
      t.db,
      second.id,
      new Date(),
      { kind: 'immediate', actor: system, reason: 'Public already' },
      { config: t.config },
    )
    const announced = await t.db
      .selectFrom('mail_outbox')
      .select(['data', 'confidential'])
      .where('to_address', '=', address)
      .where('template', '=', 'advisory.published')
      .execute()
    expect(announced).toHaveLength(1)
    expect(announced[0]!.confidential).toBe(false)
    const leave = new URL((announced[0]!.data as { unsubscribeUrl: string }).unsubscribeUrl)
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/subscriptions/unsubscribe',
          ...form({ id: leave.searchParams.get('id')!, token: 'wrong' }),
        })
      ).statusCode,
    ).toBe(404)
    const left = await t.app.inject({
      method: 'POST',
      url: '/subscriptions/unsubscribe',
      ...form({ id: leave.searchParams.get('id')!, token: leave.searchParams.get('token')! }),
    })
    expect(left.body).toContain(`${address} will get no more announcements.`)
    expect(await t.db.selectFrom('advisory_subscribers').select('id').where('email', '=', address).execute()).toEqual(
      [],
    )
  })
})
