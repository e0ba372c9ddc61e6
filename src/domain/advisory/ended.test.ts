// A withdrawn or superseded advisory in every form: CSAF 2.0 (no profile for it: a final csaf_base
// revision saying so, checked by csaf-validator-lib's strict schema and mandatory tests), CSAF 2.1
// (its profiles, schema + mandatory + recommended), OSV (`withdrawn`, the replacement among the
// references, checked by the OSV schema), the page, the public JSON and the Atom entry. And known
// exploitation as CSAF 2.0's exploit_status threat.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { toCsaf } from './csaf.js'
import { toCsaf21 } from './csaf21.js'
import { toOsv } from './osv.js'
import { toHtmlPage } from './html.js'
import { toPublicJson } from './advisoryJson.js'
import { toAtomFeed } from './atom.js'
import { validateCsaf, validateOsv } from './validate.js'
import { validateCsaf21Recommended } from './validate21.js'
import { sendmailSnapshot } from '../../../test/support/advisorySnapshots.js'
import type { AdvisorySnapshot } from './snapshot.js'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const osvSchema = JSON.parse(
  readFileSync(path.resolve(process.cwd(), '../shared/conformance/osv/validation/schema.json'), 'utf8'),
) as object

const finalRevision = (summary: string): Partial<AdvisorySnapshot> => ({
  currentReleaseDate: '2003-04-01T09:00:00.000Z',
  revisions: [...sendmailSnapshot.revisions, { number: '3', date: '2003-04-01T09:00:00.000Z', summary }],
})
const withdrawn: AdvisorySnapshot = {
  ...sendmailSnapshot,
  ...finalRevision('Withdrawn: published for the wrong case'),
  withdrawn: { reason: 'Published for the wrong case' },
}
const superseded: AdvisorySnapshot = {
  ...sendmailSnapshot,
  ...finalRevision('Superseded by LSA-2003-0009: the fix was incomplete'),
  supersededBy: {
    id: 'LSA-2003-0009',
    url: 'https://lockstep.example/advisories/LSA-2003-0009',
    reason: 'The fix was incomplete',
  },
}

describe.each([
  ['withdrawn', withdrawn, 'Withdrawn on 2003-04-01: Published for the wrong case'],
  ['superseded', superseded, 'Superseded by LSA-2003-0009 on 2003-04-01: The fix was incomplete'],
] as const)('a %s advisory', (kind, snapshot, sentence) => {
  it('is a final CSAF 2.0 revision that says so in a note, without products, valid', async () => {
    const doc = toCsaf(snapshot) as Json
    expect(doc.document.category).toBe('csaf_base')
    expect(doc.document.tracking.status).toBe('final')
    expect(doc.document.tracking.version).toBe('3')
    expect(doc.document.notes[0]).toEqual({
      category: 'general',
      text: sentence,
      title: kind === 'withdrawn' ? 'Withdrawn' : 'Superseded',
    })
    expect(doc.product_tree).toBeUndefined()
    expect(doc.vulnerabilities).toBeUndefined()
    expect(await validateCsaf(doc)).toEqual([])
  })

  it(`is CSAF 2.1's csaf_${kind} profile, passing schema, mandatory and recommended tests`, async () => {
    const doc = toCsaf21(snapshot) as Json
    expect(doc.document.category).toBe(`csaf_${kind}`)
    expect(doc.document.tracking.status).toBe('final')
    expect(doc.vulnerabilities).toBeUndefined()
    // Said once, in the profile's own note (not the 2.0 note as well).
    expect(
      doc.document.notes.filter((n: Json) => n.text.includes('wrong case') || n.text.includes('incomplete')),
    ).toHaveLength(1)
    expect(await validateCsaf21Recommended(doc)).toEqual([])
  })

  it('is withdrawn in OSV at its final revision, the sentence first, valid', () => {
    for (const record of toOsv(snapshot) as Json[]) {
      expect(record.withdrawn).toBe('2003-04-01T09:00:00.000Z')
      expect(record.details.startsWith(sentence)).toBe(true)
      expect(validateOsv(record, osvSchema)).toEqual([])
      if (kind === 'superseded')
        expect(record.references).toContainEqual({ type: 'ADVISORY', url: superseded.supersededBy!.url })
    }
  })

  it('says so at the top of the page, in the public JSON and in its Atom entry', () => {
    const page = toHtmlPage(snapshot)
    expect(page.indexOf('class="ended"')).toBeLessThan(page.indexOf('id="overview"'))
    expect(page).toContain(kind === 'withdrawn' ? 'Withdrawn on' : '>LSA-2003-0009</a> on')
    expect(toPublicJson(snapshot).ended?.sentence).toBe(sentence)
    const feed = toAtomFeed([snapshot], {
      url: 'https://lockstep.example/advisories.atom',
      title: 't',
      updated: snapshot.currentReleaseDate,
    })
    expect(feed).toContain(kind === 'withdrawn' ? '(withdrawn)</title>' : '(superseded by LSA-2003-0009)</title>')
  })
})

describe('an advisory in force', () => {
  it('says nothing of an end anywhere', () => {
    expect((toCsaf(sendmailSnapshot) as Json).document.category).toBe('csaf_vex')
    expect(toPublicJson(sendmailSnapshot).ended).toBeUndefined()
    expect((toOsv(sendmailSnapshot)[0] as Json).withdrawn).toBeUndefined()
    expect(toHtmlPage(sendmailSnapshot)).not.toContain('class="ended"')
  })

  it('gives known exploitation as a CSAF 2.0 exploit_status threat on the products known affected', async () => {
    const exploited: AdvisorySnapshot = {
      ...sendmailSnapshot,
      vulnerabilities: sendmailSnapshot.vulnerabilities.map((v) => ({
        ...v,
        firstKnownExploitation: { exploitedAt: '2003-03-04T00:00:00.000Z', recordedAt: '2003-03-05T14:30:00.000Z' },
      })),
    }
    const doc = toCsaf(exploited) as Json
    const [vuln] = doc.vulnerabilities
    expect(vuln.threats).toContainEqual({
      category: 'exploit_status',
      date: '2003-03-05T14:30:00.000Z',
      details: 'Known to be exploited since 2003-03-04.',
      product_ids: vuln.product_status.known_affected,
    })
    expect(await validateCsaf(doc)).toEqual([])
  })
})
