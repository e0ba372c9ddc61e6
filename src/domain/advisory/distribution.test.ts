// The plain files of the CSAF provider: security.txt as RFC 9116 and CSAF §7.1.8 want it, and the
// white/ folder's index.txt, changes.csv, listings and hash files in the forms §7.1.12–18 give.
import { describe, expect, it } from 'vitest'
import {
  securityTxtExpiry,
  toChangesCsv,
  toDirectoryListing,
  toHashFile,
  toIndexTxt,
  toSecurityTxt,
} from './distribution.js'

const docs = [
  { name: '2025/lsa-2025-0009.json', currentReleaseDate: '2026-02-01T10:00:00.000Z' },
  { name: '2026/lsa-2026-0001.json', currentReleaseDate: '2026-01-15T08:30:00.000Z' },
  { name: '2026/lsa-2026-0002.json', currentReleaseDate: '2026-03-01T00:00:00.000Z' },
]

describe('security.txt', () => {
  const now = new Date('2026-12-07T13:45:10Z')
  const text = toSecurityTxt({
    baseUrl: 'https://lockstep.example/',
    contact: 'security@lockstep.example',
    keyPath: '/.well-known/lockstep.asc',
    reportPath: '/report',
    expires: securityTxtExpiry(now),
  })

  it('points to the provider metadata, the key, the contact and itself, and expires in the future', () => {
    expect(text.split('\n')).toEqual([
      'Contact: mailto:security@lockstep.example',
      'Contact: https://lockstep.example/report',
      'Expires: 2027-03-07T00:00:00Z',
      'Encryption: https://lockstep.example/.well-known/lockstep.asc',
      'Canonical: https://lockstep.example/.well-known/security.txt',
      'Preferred-Languages: en',
      'CSAF: https://lockstep.example/.well-known/csaf/provider-metadata.json',
      'CSAF: https://lockstep.example/.well-known/csaf/v2.1/provider-metadata.json',
      '',
    ])
    expect(securityTxtExpiry(now).getTime()).toBeGreaterThan(now.getTime())
  })

  it('keeps a contact that is already a URL', () => {
    expect(
      toSecurityTxt({
        baseUrl: 'https://x.example',
        contact: 'https://x.example/security',
        keyPath: '/k.asc',
        reportPath: '/report',
        expires: now,
      }),
    ).toContain('Contact: https://x.example/security\n')
  })
})

describe('the white/ folder', () => {
  it('lists every document in index.txt, and in changes.csv newest first with its date', () => {
    expect(toIndexTxt(docs)).toBe('2025/lsa-2025-0009.json\n2026/lsa-2026-0001.json\n2026/lsa-2026-0002.json\n')
    expect(toChangesCsv(docs)).toBe(
      '"2026/lsa-2026-0002.json","2026-03-01T00:00:00.000Z"\n' +
        '"2025/lsa-2025-0009.json","2026-02-01T10:00:00.000Z"\n' +
        '"2026/lsa-2026-0001.json","2026-01-15T08:30:00.000Z"\n',
    )
  })

  it('lists a folder as links, folders first, names escaped', () => {
    const html = toDirectoryListing('/.well-known/csaf/white', ['index.txt', '2026/', 'a&b.json'])
    expect(html).toContain('<title>Index of /.well-known/csaf/white/</title>')
    expect(html.indexOf('2026/')).toBeLessThan(html.indexOf('index.txt'))
    expect(html).toContain('<a href="/.well-known/csaf/white/a&amp;b.json">a&amp;b.json</a>')
  })

  it('writes a hash file as sha256sum does, so `sha256sum -c` reads it', () => {
    expect(toHashFile('ab'.repeat(32), 'lsa-2026-0001.json')).toBe(`${'ab'.repeat(32)}  lsa-2026-0001.json\n`)
  })
})
