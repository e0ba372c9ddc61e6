import { describe, expect, it } from 'vitest'
import {
  formatTlp,
  mayTravelInPlaintext,
  mostRestrictive,
  parseTlp,
  tlpColours,
  tlpLabels,
  tlpMeaning,
  tlpRank,
  type TlpLabel,
  deliveryMode,
} from './tlp.js'

describe('TLP labels', () => {
  it('are the five of TLP 2.0, least restrictive first', () => {
    expect(tlpLabels).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])
    expect(tlpLabels.map(tlpRank)).toEqual([0, 1, 2, 3, 4])
  })

  it('are written with the TLP: prefix', () => {
    expect(formatTlp('AMBER+STRICT')).toBe('TLP:AMBER+STRICT')
  })

  it('each say, in one sentence, who the recipient may share with', () => {
    for (const label of tlpLabels) {
      expect(tlpMeaning[label]).toContain(`TLP:${label}`)
      expect(tlpMeaning[label].match(/\.(\s|$)/g), 'one sentence').toHaveLength(1)
    }
    expect(tlpMeaning.CLEAR).toMatch(/world/)
    expect(tlpMeaning.GREEN).toMatch(/community, but not via publicly accessible channels/)
    expect(tlpMeaning.AMBER).toMatch(/own organization and its clients/)
    expect(tlpMeaning['AMBER+STRICT']).toMatch(/only with members of their own organization/)
    expect(tlpMeaning.RED).toMatch(/may not share .* with anyone else/)
  })

  it('carry FIRST’s recommended colours, each on black', () => {
    expect(tlpColours).toEqual({
      CLEAR: { foreground: '#FFFFFF', background: '#000000' },
      GREEN: { foreground: '#33FF00', background: '#000000' },
      AMBER: { foreground: '#FFC000', background: '#000000' },
      'AMBER+STRICT': { foreground: '#FFC000', background: '#000000' },
      RED: { foreground: '#FF2B2B', background: '#000000' },
    })
  })
})

describe('mostRestrictive', () => {
  it('picks the strictest label of a set, whatever the order', () => {
    expect(mostRestrictive(['GREEN', 'RED', 'CLEAR'])).toBe('RED')
    expect(mostRestrictive(['AMBER', 'AMBER+STRICT', 'GREEN'])).toBe('AMBER+STRICT')
    expect(mostRestrictive(['AMBER+STRICT', 'AMBER'])).toBe('AMBER+STRICT')
    expect(mostRestrictive(['CLEAR', 'GREEN', 'CLEAR'])).toBe('GREEN')
  })

  it('returns the only label of a set of one', () => {
    for (const label of tlpLabels) expect(mostRestrictive([label])).toBe(label)
  })

  it('agrees with the ranking for every pair', () => {
    for (const a of tlpLabels)
      for (const b of tlpLabels) expect(tlpRank(mostRestrictive([a, b]))).toBe(Math.max(tlpRank(a), tlpRank(b)))
  })
})

describe('parseTlp', () => {
  it.each([
    ['TLP:AMBER+STRICT', 'AMBER+STRICT'],
    ['amber+strict', 'AMBER+STRICT'],
    ['AMBER', 'AMBER'],
    ['tlp:red', 'RED'],
    ['TLP: Green', 'GREEN'],
    ['  TLP:CLEAR\n', 'CLEAR'],
    ['Tlp:Amber', 'AMBER'],
  ])('reads %j as %s', (input, label) => {
    expect(parseTlp(input)).toEqual({ ok: true, label })
  })

  it('round-trips every label in both written forms', () => {
    for (const label of tlpLabels) {
      expect(parseTlp(formatTlp(label))).toEqual({ ok: true, label })
      expect(parseTlp(label.toLowerCase())).toEqual({ ok: true, label })
    }
  })

  const allowed = 'TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED'

  it.each([
    ['an unknown colour', 'BLUE'],
    ['an empty string', ''],
    ['a prefix alone', 'TLP:'],
    ['STRICT without AMBER', 'RED+STRICT'],
    ['AMBER STRICT without the plus', 'AMBER STRICT'],
    ['a label inside a sentence', 'this is TLP:RED'],
    ['two labels', 'TLP:RED TLP:AMBER'],
    ['a look-alike letter', 'amber+ſtrict'],
    ['a number', 3],
    ['null', null],
    ['an object', { tlp: 'RED' }],
  ])('refuses %s, naming the field and listing the labels', (_what, input) => {
    expect(parseTlp(input)).toEqual({
      ok: false,
      error: { field: 'tlp', message: `must be a TLP 2.0 label, one of ${allowed}.` },
    })
  })

  it('explains that TLP:WHITE is now TLP:CLEAR', () => {
    const result = parseTlp('TLP:WHITE')
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.field).toBe('tlp')
      expect(result.error.message).toMatch(/TLP 2\.0 calls it TLP:CLEAR/)
      expect(result.error.message).toContain(allowed)
    }
  })

  it('names the field the caller gives it', () => {
    expect(parseTlp('purple', 'messages.0.tlp')).toMatchObject({ ok: false, error: { field: 'messages.0.tlp' } })
  })

  it('does not echo the untrusted input back', () => {
    const result = parseTlp('<script>alert(1)</script>')
    expect(result.ok || result.error.message).not.toContain('script')
  })
})

describe('mayTravelInPlaintext', () => {
  const table: [TlpLabel, boolean, boolean][] = [
    // label, by default, when the instance relaxes CLEAR and GREEN
    ['RED', false, false],
    ['AMBER+STRICT', false, false],
    ['AMBER', false, false],
    ['GREEN', false, true],
    ['CLEAR', false, true],
  ]

  it.each(table)('TLP:%s: %s by default, %s when relaxed', (label, byDefault, relaxed) => {
    expect(mayTravelInPlaintext(label)).toBe(byDefault)
    expect(mayTravelInPlaintext(label, {})).toBe(byDefault)
    expect(mayTravelInPlaintext(label, { relaxClearAndGreen: false })).toBe(byDefault)
    expect(mayTravelInPlaintext(label, { relaxClearAndGreen: true })).toBe(relaxed)
  })

  it('never lets a combination go in plaintext if any part is AMBER or stricter', () => {
    expect(mayTravelInPlaintext(mostRestrictive(['CLEAR', 'GREEN', 'AMBER']), { relaxClearAndGreen: true })).toBe(false)
    expect(mayTravelInPlaintext(mostRestrictive(['CLEAR', 'GREEN']), { relaxClearAndGreen: true })).toBe(true)
  })
})

describe('delivery mode of a notification', () => {
  const labels = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const
  it('encrypts for every recipient with a key, whatever the label', () => {
    for (const tlp of labels) expect(deliveryMode({ confidential: true, tlp, recipientHasKey: true })).toBe('encrypted')
  })
  it('sends only a notice of confidential content to a recipient without a key, unless the instance relaxes CLEAR and GREEN', () => {
    expect(labels.map((tlp) => deliveryMode({ confidential: true, tlp, recipientHasKey: false }))).toEqual([
      'notice',
      'notice',
      'notice',
      'notice',
      'notice',
    ])
    expect(
      labels.map((tlp) =>
        deliveryMode({ confidential: true, tlp, recipientHasKey: false }, { relaxClearAndGreen: true }),
      ),
    ).toEqual(['plain', 'plain', 'notice', 'notice', 'notice'])
  })
  it('never sends RED or AMBER+STRICT in plaintext, even when the content is public', () => {
    expect(labels.map((tlp) => deliveryMode({ confidential: false, tlp, recipientHasKey: false }))).toEqual([
      'plain',
      'plain',
      'plain',
      'notice',
      'notice',
    ])
  })
})
