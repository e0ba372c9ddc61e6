import { describe, expect, it } from 'vitest'
import { parseArchiveDate } from './dates.js'
import { describeOther, noteKey, parseCveIds, readRecord } from './records.js'
import { decodeBytes } from './text.js'
import { mergeVendors, vendorKey } from './vendors.js'

describe('archive dates', () => {
  it('reads dates with and without a zone, and empty ones as none', () => {
    expect(parseArchiveDate('2003-03-03T00:00:00-05:00')).toEqual({ ok: true, at: new Date('2003-03-03T05:00:00Z') })
    expect(parseArchiveDate('2003-01-13 09:30:00')).toEqual({ ok: true, at: new Date('2003-01-13T09:30:00Z') })
    expect(parseArchiveDate('2003-02-26')).toEqual({ ok: true, at: new Date('2003-02-26T00:00:00Z') })
    expect(parseArchiveDate('')).toEqual({ ok: true, at: null })
    expect(parseArchiveDate(null)).toEqual({ ok: true, at: null })
  })

  it('names text where a date should be, and impossible days', () => {
    expect(parseArchiveDate('Message 273007 not found in ...')).toEqual({
      ok: false,
      text: 'Message 273007 not found in ...',
    })
    expect(parseArchiveDate('2003-02-31').ok).toBe(false)
  })
})

describe('archive records', () => {
  it('reads CVE IDs from one string, once each', () => {
    expect(parseCveIds('CVE-2002-1337, cve-2003-0161;CVE-2002-1337')).toEqual(['CVE-2002-1337', 'CVE-2003-0161'])
    expect(parseCveIds('')).toEqual([])
    expect(noteKey('VU#398025')).toBe('VU#398025')
    expect(noteKey('398025')).toBe('VU#398025')
    expect(noteKey('GHSA-1')).toBeNull()
  })

  it('reads both generations of vendor status words', () => {
    const status = (Status: string) => {
      const r = readRecord({ ID: 'VU#1', Vendor: 'V', Status })
      return r.kind === 'vendor' ? r.vendor.status : null
    }
    expect([status('Vulnerable'), status('Affected'), status('Not Vulnerable'), status('Not Affected')]).toEqual([
      'affected',
      'affected',
      'not_affected',
      'not_affected',
    ])
    expect(status('Unknown')).toBe('unknown')
  })

  it('says what a file that is no note looks like', () => {
    expect(describeOther({ schema_version: '1.6.0', id: 'GHSA-x', affected: [] })).toMatch(/^an OSV advisory/)
    expect(describeOther({ document: { csaf_version: '2.0' } })).toMatch(/^a CSAF advisory/)
    expect(describeOther({ bomFormat: 'CycloneDX' })).toMatch(/^a CycloneDX SBOM/)
    expect(readRecord([1, 2])).toEqual({ kind: 'other', looksLike: 'a JSON list, not a CERT/CC note or vendor record' })
  })

  it('cleans NUL characters and lone surrogates from text, with a warning', () => {
    const r = readRecord({ ID: 'VU#1', Title: 'a\u0000b\ud800c' })
    expect(r.kind === 'note' && r.note.title).toBe('ab\ufffdc')
    expect(r.kind === 'note' && r.warnings.map((w) => w.kind).sort()).toEqual([
      'lone_surrogate_replaced',
      'nul_removed',
    ])
  })

  it('reads bytes that are not UTF-8 as Latin-1, and drops raw NUL bytes', () => {
    expect(decodeBytes(Buffer.from('Soci\u00e9t\u00e9', 'latin1'))).toEqual({ text: 'Société', warnings: ['not_utf8'] })
    expect(decodeBytes(Buffer.from('{"a":"b\u0000"}'))).toEqual({ text: '{"a":"b"}', warnings: ['nul_removed'] })
  })
})

describe('vendors', () => {
  it('matches names that differ only in company form, case and punctuation', () => {
    expect(vendorKey('Sendmail, Inc.')).toBe('sendmail')
    expect(vendorKey('SENDMAIL INC')).toBe('sendmail')
    expect(vendorKey('Hewlett-Packard Company')).toBe('hewlett-packard')
    expect(vendorKey('The SCO Group')).toBe('sco-group')
  })

  it('merges a vendor recorded twice: earliest dates, affected over not affected', () => {
    const base = { noteId: 'VU#1', statement: '', references: [], dateLastUpdated: null }
    const { vendors, merged } = mergeVendors([
      {
        ...base,
        vendor: 'Sun Microsystems, Inc.',
        recordId: 'a',
        status: 'not_affected',
        dateNotified: new Date('2003-01-13'),
        dateResponded: null,
      },
      {
        ...base,
        vendor: 'Sun Microsystems Inc',
        recordId: 'b',
        status: 'affected',
        dateNotified: new Date('2003-01-20'),
        dateResponded: new Date('2003-01-21'),
      },
    ])
    expect(merged).toBe(1)
    expect(vendors).toEqual([
      expect.objectContaining({
        name: 'Sun Microsystems, Inc.',
        status: 'affected',
        notifiedAt: new Date('2003-01-13'),
        respondedAt: new Date('2003-01-21'),
        recordIds: ['a', 'b'],
      }),
    ])
  })
})
