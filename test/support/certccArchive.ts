// CERT/CC Vulnerability Notes archives for tests and the import benchmark, written from the field
// lists of the archive's notes and vendor records: a clean generated one of any size, and a small
// dirty one written by hand (empty dates, dates with and without zones, text where a date should
// be, a file that is not UTF-8, NUL bytes, a vendor twice, a note without vendors, vendor records
// without their note, an OSV file and random JSON among the notes).
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

const statuses = ['Vulnerable', 'Not Vulnerable', 'Affected', 'Not Affected', 'Unknown'] as const

export function vendorName(i: number): string {
  return `Vendor ${String(i).padStart(4, '0')}${i % 3 === 0 ? ', Inc.' : i % 3 === 1 ? ' Corporation' : ''}`
}

const day = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')

export function noteRecord(n: number, o: { published: boolean; created: number; revision?: number }) {
  return {
    ID: `VU#${n}`,
    IDNumber: String(n),
    Name: `VU#${n}`,
    Title: `Product ${n % 97} contains a buffer overflow in its parser`,
    Overview: `A buffer overflow in product ${n % 97} allows a remote attacker to run code.`,
    Description: `The parser of product ${n % 97} copies a header into a fixed buffer without checking its length.`,
    Impact: 'A remote, unauthenticated attacker may execute arbitrary code.',
    Resolution: 'Apply an update.',
    Workarounds: '',
    SystemsAffectedPreamble: '',
    References: [`https://example.org/advisories/${n}`],
    CVEIDs:
      n % 5 === 0
        ? `CVE-2003-${String(n % 9000).padStart(4, '0')} CVE-2004-${String(n % 7000).padStart(4, '0')}`
        : `CVE-2003-${String(n % 9000).padStart(4, '0')}`,
    CERTAdvisory: n % 10 === 0 ? `CA-2003-${n % 40}` : '',
    USCERTTechnicalAlert: '',
    DateCreated: day(o.created),
    DatePublic: o.published ? day(o.created + 30 * 86_400_000) : '',
    DateFirstPublished: o.published ? day(o.created + 31 * 86_400_000) : '',
    DateLastUpdated: day(o.created + 40 * 86_400_000),
    ThanksAndCredit: 'Thanks to the finder.',
    Author: 'CERT/CC',
    Keywords: ['buffer overflow'],
    Revision: String(o.revision ?? 1),
    VulnerabilityCount: n % 5 === 0 ? 2 : 1,
    CAM_AttackerAccessRequired: '--',
    CAM_Impact: '',
    CAM_EaseOfExploitation: '',
    CAM_InternetInfrastructure: '',
    CAM_Population: '',
    CAM_ScoreCurrent: '5.2',
    CAM_ScoreCurrentWidelyKnown: '',
    CAM_ScoreCurrentWidelyKnownExploited: '',
    CVSS_AccessComplexity: '--',
    CVSS_AccessVector: '',
    CVSS_Authentication: '',
    CVSS_AvailabilityImpact: '',
    CVSS_BaseScore: '',
    CVSS_BaseVector: '',
    CVSS_CollateralDamagePotential: '',
    CVSS_ConfidentialityImpact: '',
    CVSS_EnvironmentalScore: '',
    CVSS_EnvironmentalVector: '',
    CVSS_Exploitability: '',
    CVSS_IntegrityImpact: '',
    CVSS_RemediationLevel: '',
    CVSS_ReportConfidence: '',
    CVSS_TargetDistribution: '',
    CVSS_TemporalScore: '',
    CVSS_TemporalVector: '',
    CVSS_SecurityRequirementsCR: '',
    CVSS_SecurityRequirementsIR: '',
    CVSS_SecurityRequirementsAR: '',
  }
}

export function vendorRecord(
  n: number,
  rec: string,
  vendor: string,
  o: { status: string; notified: string; responded: string; updated?: string },
) {
  return {
    ID: `VU#${n}`,
    Vendor: vendor,
    VendorRecordID: rec,
    Status: o.status,
    DateNotified: o.notified,
    DateResponded: o.responded,
    DateLastUpdated: o.updated ?? o.responded,
    VendorStatement: o.status.startsWith('Not') ? 'Our products are not affected.' : '',
    VendorInformation: '',
    VendorReferences: [],
    Addendum: '',
    Revision: '1',
  }
}

/** Note i's vendors: 0, 1, 2, 3 in turn, so 20,000 notes carry 30,000 vendor records. */
export const vendorsOfNote = (i: number): number => i % 4

/** Writes a clean archive of `notes` notes; answers how many vendor records it wrote. */
export async function writeGeneratedArchive(
  dir: string,
  o: { notes: number; vendorPool?: number; firstNote?: number; revision?: number },
): Promise<{ vendorRecords: number; published: number }> {
  const first = o.firstNote ?? 100_000
  const pool = o.vendorPool ?? 800
  const base = Date.UTC(2003, 0, 1)
  let vendorRecords = 0
  let published = 0
  for (let i = 0; i < o.notes; i++) {
    const n = first + i
    const folder = path.join(dir, `vu_${n}`)
    await mkdir(folder, { recursive: true })
    const created = base + (i % 7000) * 86_400_000
    const isPublished = i % 3 !== 2
    if (isPublished) published++
    const writes = [
      writeFile(
        path.join(folder, `vu_${n}.json`),
        JSON.stringify(noteRecord(n, { published: isPublished, created, revision: o.revision ?? 1 })),
      ),
    ]
    for (let v = 0; v < vendorsOfNote(i); v++) {
      const vendorIndex = (i * 7 + v * 131) % pool
      const notified = created + (v + 1) * 86_400_000
      const answered = (i + v) % 4 !== 0
      writes.push(
        writeFile(
          path.join(folder, `vendor_${n}-${v}.json`),
          JSON.stringify(
            vendorRecord(n, `${n}-${v}`, vendorName(vendorIndex), {
              status: answered ? statuses[(i + v) % 4]! : 'Unknown',
              notified: day(notified),
              responded: answered ? day(notified + ((i + v) % 20) * 86_400_000) : '',
            }),
          ),
        ),
      )
      vendorRecords++
    }
    await Promise.all(writes)
  }
  return { vendorRecords, published }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2))

/**
 * The hand-written dirty archive. Its expected summary: 5 notes imported (VU#900001..900005, the
 * last from vendor records alone), 2 files skipped (an OSV advisory, random JSON) and 1 not JSON.
 */
export async function writeDirtyArchive(dir: string): Promise<void> {
  const files: Record<string, Buffer> = {}
  // 1. Dates in every spelling, text where a date should be, the same vendor twice.
  files['vu_900001/vu_900001.json'] = json({
    ...noteRecord(900001, { published: true, created: Date.UTC(2003, 0, 13) }),
    DateCreated: '2003-01-13 09:30:00',
    DatePublic: '2003-03-03T00:00:00-05:00',
    DateFirstPublished: '',
    DateLastUpdated: 'Message 273007 not found in the archive',
    CVEIDs: 'CVE-2002-1337, CVE-2003-0161;CVE-2002-1337',
  })
  files['vu_900001/vendor_A1.json'] = json(
    vendorRecord(900001, 'A1', 'Sendmail, Inc.', {
      status: 'Vulnerable',
      notified: '2003-01-13T00:00:00Z',
      responded: '2003-01-14',
    }),
  )
  files['vu_900001/vendor_A2.json'] = json(
    vendorRecord(900001, 'A2', 'SENDMAIL INC', {
      status: 'Affected',
      notified: '2003-01-12 08:00:00',
      responded: 'not yet',
    }),
  )
  files['vu_900001/vendor_B.json'] = json(
    vendorRecord(900001, 'B', 'Postfix', { status: 'Not Vulnerable', notified: '2003-02-26', responded: '2003-02-27' }),
  )
  files['vu_900001/vendor_C.json'] = json(
    vendorRecord(900001, 'C', 'Cray Inc.', { status: 'Unknown', notified: '2003-02-26', responded: '' }),
  )
  // 2. Not UTF-8: a vendor name in Latin-1 (é as the single byte 0xE9).
  files['vu_900002/vu_900002.json'] = json(noteRecord(900002, { published: false, created: Date.UTC(2004, 5, 1) }))
  files['vu_900002/vendor_D.json'] = Buffer.from(
    '{"ID":"VU#900002","Vendor":"Soci\u00e9t\u00e9 G\u00e9n\u00e9rale","VendorRecordID":"D","Status":"Not Affected",' +
      '"DateNotified":"2004-06-02","DateResponded":"2004-06-05T10:00:00+02:00"}',
    'latin1',
  )
  // 3. NUL characters, escaped and raw, in the note's text.
  files['vu_900003/vu_900003.json'] = Buffer.concat([
    Buffer.from('{"ID":"VU#900003","Title":"Null\\u0000 bytes in a title","Overview":"raw '),
    Buffer.from([0x00]),
    Buffer.from(' byte","CVEIDs":"","DateCreated":"2005-01-01","DatePublic":"","Revision":"1"}'),
  ])
  files['vu_900003/vendor_E.json'] = json(
    vendorRecord(900003, 'E', 'Example Networks', { status: 'Unknown', notified: '', responded: '' }),
  )
  // 4. A note without vendors.
  files['vu_900004/vu_900004.json'] = json(noteRecord(900004, { published: true, created: Date.UTC(2006, 2, 1) }))
  // 5. Vendor records whose note is missing.
  files['vu_900005/vendor_F.json'] = json(
    vendorRecord(900005, 'F', 'Example Networks', {
      status: 'Affected',
      notified: '2007-01-01',
      responded: '2007-01-02',
    }),
  )
  // Not notes: an OSV advisory, random JSON, and a file that is not JSON at all.
  files['osv/GHSA-xxxx.json'] = json({
    schema_version: '1.6.0',
    id: 'GHSA-xxxx-yyyy-zzzz',
    modified: '2024-01-01T00:00:00Z',
    affected: [],
  })
  files['random.json'] = json({ hello: 'world', list: [1, 2, 3] })
  files['vu_900004/broken.json'] = Buffer.from('{"ID": "VU#900004", "Title": ')
  for (const [rel, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true })
    await writeFile(path.join(dir, rel), body)
  }
}
