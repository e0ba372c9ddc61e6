import { describe, expect, it } from 'vitest'
import { describeChange, mayKnowOf, type ChangeEntry } from './caseChanges.js'

const entry = (kind: string, payload: ChangeEntry['payload']): ChangeEntry => ({
  instant: '2003-02-10T12:00:00.000Z',
  actorName: 'Casey Coordinator',
  kind,
  payload,
})
const vendor = { staff: false, threadKeys: new Set(['case', 'p-redhat']) }

describe('what a participant may know of', () => {
  it('hides what was released in another participant’s private thread, not in the case-wide one or its own', () => {
    expect(
      mayKnowOf(
        entry('information.released', { thread: 'Coordinator and ISS', threadKey: 'p-iss', tlp: 'RED' }),
        vendor,
      ),
    ).toBe(false)
    expect(
      mayKnowOf(
        entry('information.released', { thread: 'Coordinator and Red Hat', threadKey: 'p-redhat', tlp: 'AMBER' }),
        vendor,
      ),
    ).toBe(true)
    expect(mayKnowOf(entry('information.released', { thread: 'Everyone in the case', tlp: 'AMBER' }), vendor)).toBe(
      true,
    )
    expect(mayKnowOf(entry('information.released', { thread: 'Coordinator and ISS', tlp: 'RED' }), vendor)).toBe(false)
    expect(
      mayKnowOf(entry('information.released', { thread: 'Coordinator and ISS', threadKey: 'p-iss', tlp: 'RED' }), {
        staff: true,
        threadKeys: new Set(),
      }),
    ).toBe(true)
  })

  it('keeps who was mailed, and why someone was taken out, for the staff', () => {
    expect(
      mayKnowOf(entry('information.released', { via: 'mail', to: 'psirt@redhat.example', mode: 'notice' }), vendor),
    ).toBe(false)
    expect(mayKnowOf(entry('mail.failed', { to: 'psirt@redhat.example' }), vendor)).toBe(false)
    expect(
      describeChange(
        entry('participant.removed', { participant: 'SGI', reason: 'Does not ship sendmail' }),
        new Map(),
        { staff: false },
      ),
    ).toBe('Casey Coordinator took SGI out of the case.')
  })

  it('shows state changes to everyone in the case', () => {
    expect(mayKnowOf(entry('cs.event', { event: 'publicAware' }), vendor)).toBe(true)
  })
})

describe('changes in words', () => {
  const names = new Map([['p-redhat', 'Red Hat']])
  it.each([
    [entry('cs.event', { participant: 'p-redhat', event: 'fixReady' }), 'Red Hat has a fix ready.'],
    [
      entry('cs.event', { event: 'publicAware', reference: 'https://example.test/a' }),
      'Recorded: the vulnerability became public (https://example.test/a).',
    ],
    [
      entry('rm.transition', { participant: 'p-redhat', from: 'received', to: 'valid' }),
      'Red Hat moved from received to valid.',
    ],
    [entry('participant.added', { participant: 'SGI', roles: ['vendor'] }), 'Casey Coordinator added SGI as vendor.'],
    [
      entry('participant.removed', { participant: 'SGI', reason: 'Does not ship sendmail.' }),
      'Casey Coordinator took SGI out of the case: Does not ship sendmail.',
    ],
    [
      entry('information.released', {
        via: 'mail',
        to: 'psirt@redhat.example',
        template: 'case.message',
        mode: 'encrypted',
      }),
      'Lockstep mailed psirt@redhat.example (case.message, encrypted).',
    ],
    [
      entry('vulnerability.updated', {
        title: 'crackaddr overflow',
        changed: { cvss_vector: 'CVSS:3.1/…', affected: [] },
      }),
      'Casey Coordinator edited “crackaddr overflow” (cvss vector, affected).',
    ],
    [
      entry('information.released', {
        thread: 'Everyone in the case',
        tlp: 'GREEN',
        attachment: 'x',
        filename: 'poc.eml',
      }),
      'Casey Coordinator posted the file poc.eml to “Everyone in the case” (TLP:GREEN).',
    ],
  ])('%#: %s', (e, words) => expect(describeChange(e, names)).toBe(words))
})
