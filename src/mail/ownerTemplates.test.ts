// The owners' mail: the pre-notice says what is affected, what to prepare and when it goes
// public, under TLP:AMBER; its notice (for recipients without a key) says none of that. The
// alert names the advisories, which are public, but the owner's own systems only in full.
import { describe, expect, it } from 'vitest'
import { renderTemplate } from './templates.js'

const ctx = { publicUrl: 'https://lockstep.example', replyAddress: null }
const items = [
  { asset: 'Control-centre mail relay', component: 'pkg:generic/sendmail@8.11.6', fixedVersions: ['8.12.8'] },
]

describe('owner mail', () => {
  it('pre-notice: the components, the fix and the instant in full; nothing of it in the notice', () => {
    const r = renderTemplate(
      {
        template: 'owner.prenotice',
        alertPath: '/organizations/o1/alerts/a1',
        releaseAt: '2003-03-03T17:00:00.000Z',
        items,
        severity: 'Critical (CVSS 9.8)',
      },
      ctx,
    )
    expect(r.full.text).toContain('Control-centre mail relay: pkg:generic/sendmail@8.11.6 (fixed in 8.12.8)')
    expect(r.full.text).toContain('Severity: Critical (CVSS 9.8).')
    expect(r.full.text).toContain('Monday, 3 March 2003')
    expect(r.full.text).toContain('TLP:AMBER')
    expect(r.full.text).toContain('https://lockstep.example/organizations/o1/alerts/a1')
    for (const secret of ['sendmail', 'Control-centre', '8.12.8', '2003', 'Critical', '9.8'])
      expect(r.notice.text).not.toContain(secret)
  })

  it('pre-notice of a moved date: says both instants', () => {
    const r = renderTemplate(
      {
        template: 'owner.prenotice',
        alertPath: '/organizations/o1/alerts/a1',
        releaseAt: '2003-03-04T17:00:00.000Z',
        movedFrom: '2003-03-03T17:00:00.000Z',
        items,
      },
      ctx,
    )
    expect(r.full.subject).toBe('Advance notice: the publication date has moved')
    expect(r.full.text).toContain(
      'now be made public on Tuesday, 4 March 2003 at 17:00 UTC, not on Monday, 3 March 2003 at 17:00 UTC',
    )
    expect(r.notice.text).not.toContain('2003')
  })

  it('alert: one mail for several advisories; the notice names the public advisories, not the systems', () => {
    const r = renderTemplate(
      {
        template: 'owner.alert',
        alertsPath: '/organizations/o1/alerts',
        advisories: [
          {
            id: 'LSA-2003-0001',
            title: 'Remote root in sendmail',
            url: 'https://lockstep.example/advisories/LSA-2003-0001',
            severity: 'Critical (CVSS 9.8)',
            items,
          },
          {
            id: 'GO-2022-0001',
            title: 'Something in a Go module',
            url: 'https://osv.dev/vulnerability/GO-2022-0001',
            items: [],
          },
        ],
      },
      ctx,
    )
    expect(r.full.subject).toBe('2 advisories affect your systems')
    expect(r.full.text).toContain('LSA-2003-0001: Remote root in sendmail\nSeverity: Critical (CVSS 9.8)')
    expect(r.full.text).toContain('Control-centre mail relay')
    expect(r.notice.text).toContain('LSA-2003-0001: Remote root in sendmail, Critical (CVSS 9.8)')
    expect(r.notice.text).not.toContain('Control-centre')
  })
})
