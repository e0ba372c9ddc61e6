// The release checklist mail: the coordinators read in full what is still open before the
// embargo ends and where to decide; the notice (no key) says only how many items and when.
import { describe, expect, it } from 'vitest'
import { renderTemplate } from './templates.js'

const ctx = { publicUrl: 'https://lockstep.example', replyAddress: null }

describe('release checklist mail', () => {
  it('lists the open items in full, and only their count in the notice', () => {
    const r = renderTemplate(
      {
        template: 'release.readiness',
        caseNumber: 'LS-2003-0001',
        caseId: 'c1',
        caseTitle: 'Remote root in sendmail',
        tlp: 'AMBER',
        endsAt: '2003-03-03T17:00:00.000Z',
        open: ['Red Hat’s statement “fixed” on “crackaddr” is not approved. Approve it, or leave it out.'],
        leftOut: 1,
        owners: { organizations: 2, assets: 3 },
      },
      ctx,
    )
    expect(r.full.subject).toBe('[LS-2003-0001] Before the release: 1 item to decide')
    expect(r.full.text).toContain('- Red Hat’s statement “fixed”')
    expect(r.full.text).toContain('ends Monday, 3 March 2003 at 17:00 UTC')
    expect(r.full.text).toContain('Left out on purpose: 1.')
    expect(r.full.text).toContain('Owners’ assets matched now: 3 (of 2 owners).')
    expect(r.full.text).toContain('https://lockstep.example/cases/LS-2003-0001/advisory')
    expect(r.notice.text).toContain('1 item is still open')
    for (const secret of ['Red Hat', 'sendmail', 'crackaddr', 'assets']) expect(r.notice.text).not.toContain(secret)
  })
})
