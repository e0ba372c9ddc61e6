import { describe, expect, it } from 'vitest'
import { byUrgency, type UrgencyFacts } from './alertUrgency.js'

const alert = (name: string, stage: UrgencyFacts['stage'], open: number, score: number | null) => ({
  name,
  stage,
  counts: { open },
  severity: score === null ? null : { score },
})

describe('the order of an owner’s alerts', () => {
  it('puts open pre-notices first, then open alerts by severity, then those dealt with, newest first among equals', () => {
    const newestFirst = [
      alert('patched critical', 'released', 0, 9.8),
      alert('open medium', 'released', 2, 5.3),
      alert('open unscored', 'released', 1, null),
      alert('pre-notice', 'pre_notice', 1, 6.1),
      alert('open critical', 'released', 1, 9.8),
      alert('older open medium', 'released', 1, 5.3),
      alert('older patched', 'released', 0, null),
    ]
    expect(byUrgency(newestFirst).map((a) => a.name)).toEqual([
      'pre-notice',
      'open critical',
      'open medium',
      'older open medium',
      'open unscored',
      'patched critical',
      'older patched',
    ])
  })
})
