// The public record of the 2003 sendmail case the demo replays: CERT/CC's VU#398025 (CERT Advisory
// CA-2003-07, CVE-2002-1337, public on 2003-03-03). 53 vendor records, one vendor entered twice:
// 23 vulnerable, 24 unknown (never answered or never stated) and 6 not vulnerable. Most vendors
// learned of the flaw on 26 February, five days before publication; five only after it.
//
// Sources: the notification order, the six not vulnerable, Cray's and NEC's "unknown", Apple's and
// Mandrake's "vulnerable" (issue 15); Red Hat (notified 02-19, answered 02-28) and SGI (notified
// 02-03, answered 02-27) (DESIGN.md); the vendors whose advisories CVE-2002-1337 cites (Debian,
// Conectiva, NetBSD, SCO, HP, IBM, Gentoo...). The names of the other 25 records could not be found
// in the sources at hand: they are placeholders ("Unnamed vendor NN"), never a guessed company.
// The answer dates other than Red Hat's and SGI's are the demo's, inside what the record allows.

export type RecordStatus = 'vulnerable' | 'not_vulnerable' | 'unknown'

export interface VendorRecord {
  slug: string
  name: string
  /** When it was told (UTC), or 'after' publication. */
  notified: string | 'after'
  status: RecordStatus
  /** When it gave its status; absent for the unknown. */
  answered?: string
  /** When it first looked, for a vendor that looked and never said (unknown). */
  seen?: string
  /** False for a record whose vendor's name the sources did not give. */
  named: boolean
}

/** The first notice (the Sendmail Consortium and four others) and the publication, as CERT/CC dated them. */
export const FIRST_NOTICE = new Date('2003-01-13T14:00:00Z')
export const PUBLICATION = new Date('2003-03-03T14:00:00Z')

const rec = (
  slug: string,
  name: string,
  notified: string,
  status: RecordStatus,
  answered?: string,
  extra: Partial<VendorRecord> = {},
): VendorRecord => ({
  slug,
  name,
  notified,
  status,
  ...(answered ? { answered } : {}),
  named: true,
  ...extra,
})

const JAN13 = '2003-01-13T14:00:00Z'
const WAVE = '2003-02-26T15:00:00Z'

const unnamedAnswers = [
  '2003-02-27T17:00:00Z',
  '2003-02-28T11:00:00Z',
  '2003-02-28T18:00:00Z',
  '2003-03-01T10:00:00Z',
  '2003-03-02T09:00:00Z',
]

/** Placeholders for the records the sources do not name: 5 vulnerable, 20 unknown (one of them entered twice). */
function unnamed(): VendorRecord[] {
  const out: VendorRecord[] = []
  for (let n = 1; n <= 24; n++) {
    const nn = String(n).padStart(2, '0')
    const vulnerable = n <= 5
    // Most of the wave (26 February); the last few the two days after.
    const notified = n <= 19 ? WAVE : n <= 22 ? '2003-02-27T16:00:00Z' : '2003-02-28T16:00:00Z'
    out.push({
      slug: `unnamed-vendor-${nn}`,
      name: `Unnamed vendor ${nn}`,
      notified,
      status: vulnerable ? 'vulnerable' : 'unknown',
      ...(vulnerable ? { answered: unnamedAnswers[n - 1]! } : {}),
      named: false,
    })
  }
  // The vendor entered twice: a second record for the same (unnamed) vendor, also never answered.
  out.push({
    slug: 'unnamed-vendor-24-second-record',
    name: 'Unnamed vendor 24 (second record)',
    notified: '2003-02-28T16:00:00Z',
    status: 'unknown',
    named: false,
  })
  return out
}

export const DUPLICATE_RECORD = { first: 'unnamed-vendor-24', second: 'unnamed-vendor-24-second-record' } as const

export const vendorRecords: readonly VendorRecord[] = [
  // 13 January: the first five.
  rec('sendmail-consortium', 'Sendmail Consortium', JAN13, 'vulnerable', '2003-02-10T17:00:00Z'),
  rec('sendmail-inc', 'Sendmail, Inc.', JAN13, 'vulnerable', '2003-01-21T16:00:00Z'),
  rec('freebsd', 'FreeBSD', JAN13, 'vulnerable', '2003-02-05T10:00:00Z'),
  rec('sun', 'Sun Microsystems', JAN13, 'vulnerable', '2003-02-12T18:00:00Z'),
  rec('iss', 'Internet Security Systems', JAN13, 'unknown', undefined, { seen: '2003-01-14T09:00:00Z' }),
  // The end of January, 3 February, 19 and 21 February.
  rec('hp', 'Hewlett-Packard', '2003-01-30T15:00:00Z', 'vulnerable', '2003-02-20T19:00:00Z'),
  rec('ibm', 'IBM', '2003-01-30T15:00:00Z', 'vulnerable', '2003-02-24T14:00:00Z'),
  rec('sgi', 'SGI', '2003-02-03T15:00:00Z', 'vulnerable', '2003-02-27T18:00:00Z'),
  rec('red-hat', 'Red Hat', '2003-02-19T15:00:00Z', 'vulnerable', '2003-02-28T16:00:00Z'),
  rec('apple', 'Apple', '2003-02-21T15:00:00Z', 'vulnerable', '2003-02-28T20:00:00Z'),
  rec('suse', 'SuSE', '2003-02-21T15:00:00Z', 'vulnerable', '2003-02-27T11:00:00Z'),
  // 26 February, five days before publication: most of the record.
  rec('mandrakesoft', 'MandrakeSoft', WAVE, 'vulnerable', '2003-02-28T10:00:00Z'),
  rec('debian', 'Debian', WAVE, 'vulnerable', '2003-02-28T09:00:00Z'),
  rec('netbsd', 'NetBSD', WAVE, 'vulnerable', '2003-02-27T21:00:00Z'),
  rec('caldera', 'SCO (Caldera International)', WAVE, 'vulnerable', '2003-03-01T15:00:00Z'),
  rec('conectiva', 'Conectiva', WAVE, 'vulnerable', '2003-03-01T12:00:00Z'),
  rec('hitachi', 'Hitachi', WAVE, 'not_vulnerable', '2003-02-27T07:00:00Z'),
  rec('juniper', 'Juniper Networks', WAVE, 'not_vulnerable', '2003-02-27T19:00:00Z'),
  rec('lotus', 'Lotus Software', WAVE, 'not_vulnerable', '2003-02-28T15:00:00Z'),
  rec('openwall', 'Openwall', WAVE, 'not_vulnerable', '2003-02-26T22:00:00Z'),
  rec('syntegra', 'Syntegra', WAVE, 'not_vulnerable', '2003-02-28T13:00:00Z'),
  rec('cray', 'Cray', WAVE, 'unknown', undefined, { seen: '2003-02-27T15:00:00Z' }),
  rec('nec', 'NEC', WAVE, 'unknown', undefined, { seen: '2003-02-28T02:00:00Z' }),
  ...unnamed(),
  // Only after publication.
  rec('gentoo', 'Gentoo Linux', 'after', 'vulnerable'),
  rec('slackware', 'Slackware', 'after', 'vulnerable'),
  rec('openpkg', 'OpenPKG', 'after', 'vulnerable'),
  rec('microsoft', 'Microsoft', 'after', 'unknown'),
  rec('postfix', 'Postfix', 'after', 'not_vulnerable'),
]
