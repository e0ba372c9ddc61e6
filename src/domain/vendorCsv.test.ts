import { describe, expect, it } from 'vitest'
import { parseVendorCsv, parseVendorJson, toVendorCsv, toVendorJson, type VendorRecord } from './vendorCsv.js'
import { vendorDuplicates } from './vendorDuplicates.js'

const header = 'name,website,contacts,products,embargo_preferred_days,embargo_min_days,embargo_max_days,notes'

function record(overrides: Partial<VendorRecord> = {}): VendorRecord {
  return {
    name: 'Sendmail, Inc.',
    website: null,
    contacts: [],
    products: [],
    embargoPreferredDays: null,
    embargoMinDays: null,
    embargoMaxDays: null,
    notes: '',
    ...overrides,
  }
}

describe('parseVendorCsv', () => {
  const file = [
    header,
    'Sendmail Consortium,https://www.sendmail.org,security@sendmail.org;ca@sendmail.org,pkg:generic/sendmail;cpe:/a:sendmail:sendmail,45,30,90,Maintainers of the open-source MTA',
    '"Red Hat, Inc.",redhat.com,secalert@redhat.com,pkg:rpm/redhat/sendmail,,,,"Reached through ""secalert"",\nnot through support"',
    'Debian,https://www.debian.org/security/,team@security.debian.org,pkg:deb/debian/sendmail,,,,',
  ].join('\n')

  it('reads a directory, a vendor a row, with quoted commas, doubled quotes and line breaks', () => {
    expect(parseVendorCsv(file)).toEqual({
      rows: [
        {
          name: 'Sendmail Consortium',
          website: 'https://www.sendmail.org',
          contacts: ['security@sendmail.org', 'ca@sendmail.org'],
          products: ['pkg:generic/sendmail', 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*'],
          embargoPreferredDays: 45,
          embargoMinDays: 30,
          embargoMaxDays: 90,
          notes: 'Maintainers of the open-source MTA',
        },
        record({
          name: 'Red Hat, Inc.',
          website: 'https://redhat.com',
          contacts: ['secalert@redhat.com'],
          products: ['pkg:rpm/redhat/sendmail'],
          notes: 'Reached through "secalert",\nnot through support',
        }),
        record({
          name: 'Debian',
          website: 'https://www.debian.org/security/',
          contacts: ['team@security.debian.org'],
          products: ['pkg:deb/debian/sendmail'],
        }),
      ],
      problems: [],
    })
  })

  it('reads CRLF line ends, a byte-order mark and a final line end the same', () => {
    // The line break inside the quoted note stays LF: it is part of the value.
    const crlf = `\uFEFF${file.replace(/\n(?!not)/g, '\r\n')}\r\n`
    expect(crlf).toContain('\r\nDebian')
    expect(parseVendorCsv(crlf).rows).toEqual(parseVendorCsv(file).rows)
    expect(parseVendorCsv(crlf).problems).toEqual([])
  })

  it('skips blank lines and takes columns in any order, named loosely', () => {
    const text = '\nNotes, Name ,Embargo Preferred Days,Contacts\n\n"Ships sendmail",HP,60,Security-Alert@HP.COM\n'
    expect(parseVendorCsv(text)).toEqual({
      rows: [
        record({ name: 'HP', notes: 'Ships sendmail', embargoPreferredDays: 60, contacts: ['Security-Alert@hp.com'] }),
      ],
      problems: [],
    })
  })

  it('normalises what it keeps: canonical patterns, each contact and product once', () => {
    const text = `${header}\nAcme,,a@acme.example;A@ACME.EXAMPLE; b@acme.example ;;,PKG:DEB/Debian/Acme;pkg:deb/debian/acme;cpe:2.3:a:acme:acme,,,,`
    expect(parseVendorCsv(text).rows).toEqual([
      record({
        name: 'Acme',
        contacts: ['a@acme.example', 'b@acme.example'],
        products: ['pkg:deb/debian/acme', 'cpe:2.3:a:acme:acme:*:*:*:*:*:*:*:*'],
      }),
    ])
  })

  it('reports each bad row by its line and field, and keeps the good rows', () => {
    const text = [
      header,
      'Good One,,ok@one.example,,,,,',
      'Bad Mail,,not-an-address;ok@two.example,,,,,',
      '"Multi',
      'line",,,,,,,',
      ',https://nameless.example,,,,,,',
      'Versioned,,,pkg:deb/debian/sendmail@8.12.3;nonsense,,,,',
      'Days,,,,forty,-1,3651,',
      'Order,,,,30,45,20,',
      'Site,ftp://files.example,,,,,,',
      'Good Two,,,,0,0,0,',
    ].join('\n')
    const { rows, problems } = parseVendorCsv(text)
    expect(rows.map((r) => r.name)).toEqual(['Good One', 'Multi\nline', 'Good Two'])
    expect(problems).toEqual([
      { line: 3, field: 'contacts', message: '"not-an-address" is not an e-mail address' },
      { line: 6, field: 'name', message: 'is required' },
      {
        line: 7,
        field: 'products',
        message:
          '"pkg:deb/debian/sendmail@8.12.3" is a package URL with a version: give the product only (pkg:deb/debian/sendmail)',
      },
      {
        line: 7,
        field: 'products',
        message:
          '"nonsense" is not a package URL or CPE name (for example pkg:deb/debian/sendmail or cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*)',
      },
      { line: 8, field: 'embargo_preferred_days', message: 'must be a whole number of days from 0 to 3650' },
      { line: 8, field: 'embargo_min_days', message: 'must be a whole number of days from 0 to 3650' },
      { line: 8, field: 'embargo_max_days', message: 'must be a whole number of days from 0 to 3650' },
      { line: 9, field: 'embargo_min_days', message: 'is more than the preferred embargo (45 > 30 days)' },
      { line: 9, field: 'embargo_max_days', message: 'is less than the preferred embargo (20 < 30 days)' },
      { line: 10, field: 'website', message: '"ftp://files.example" is not a web address (https://…)' },
    ])
  })

  it('checks the shortest against the longest embargo when no preferred one is given', () => {
    expect(parseVendorCsv(`${header}\nX,,,,,60,30,`).problems).toEqual([
      { line: 2, field: 'embargo_max_days', message: 'is less than the shortest embargo (30 < 60 days)' },
    ])
    expect(parseVendorCsv(`${header}\nX,,,,30,30,30,`).problems).toEqual([])
  })

  it('refuses rows with more fields than the header, and broken quoting', () => {
    const text = [
      header,
      'A,,,,,,,,extra',
      'B,"quoted"tail,,,,,,',
      'C,,,,,,,',
      'D,"never closed,,,,,,,\nE,,,,,,,',
    ].join('\n')
    const { rows, problems } = parseVendorCsv(text)
    expect(rows.map((r) => r.name)).toEqual(['C'])
    expect(problems).toEqual([
      { line: 2, field: 'row', message: 'has 9 fields where the header has 8' },
      {
        line: 3,
        field: 'row',
        message: 'has text after the closing quote of a field (write a quote inside a quoted field as "")',
      },
      { line: 5, field: 'row', message: 'has a quoted field that is never closed' },
    ])
  })

  it('reads a row with fewer fields than the header, as spreadsheets write them', () => {
    expect(parseVendorCsv(`${header}\nShort,https://short.example`).rows).toEqual([
      record({ name: 'Short', website: 'https://short.example' }),
    ])
  })

  it('names unknown and doubled columns, and needs a name column', () => {
    expect(parseVendorCsv('name,contact,name\nAcme,a@acme.example,Other').problems).toEqual([
      {
        line: 1,
        field: 'contact',
        message:
          'is not a known column (name, website, contacts, products, embargo_preferred_days, embargo_min_days, embargo_max_days, notes)',
      },
      { line: 1, field: 'name', message: 'is a column named twice: the first one is read' },
    ])
    expect(parseVendorCsv('name,contact,name\nAcme,a@acme.example,Other').rows).toEqual([record({ name: 'Acme' })])
    expect(parseVendorCsv('vendor,contacts\nAcme,a@acme.example')).toEqual({
      rows: [],
      problems: [
        {
          line: 1,
          field: 'vendor',
          message:
            'is not a known column (name, website, contacts, products, embargo_preferred_days, embargo_min_days, embargo_max_days, notes)',
        },
        { line: 1, field: 'name', message: 'is a column the header row must have' },
      ],
    })
    expect(parseVendorCsv('').problems).toEqual([
      {
        line: 1,
        field: 'row',
        message:
          'is not a header row: the file is empty (columns: name, website, contacts, products, embargo_preferred_days, embargo_min_days, embargo_max_days, notes)',
      },
    ])
  })

  it('keeps to its limits', () => {
    expect(parseVendorCsv(`${header}\n${'x'.repeat(201)}`).problems).toEqual([
      { line: 2, field: 'name', message: 'is longer than 200 characters' },
    ])
    const contacts = Array.from({ length: 21 }, (_, i) => `c${i}@acme.example`).join(';')
    expect(parseVendorCsv(`${header}\nAcme,,${contacts}`).problems).toEqual([
      { line: 2, field: 'contacts', message: 'lists more than 20 addresses' },
    ])
  })
})

describe('toVendorCsv', () => {
  it('writes a header row and CRLF line ends, quoting only where RFC 4180 needs it', () => {
    const csv = toVendorCsv([
      record({
        name: 'Sendmail Consortium',
        website: 'https://www.sendmail.org',
        contacts: ['security@sendmail.org', 'ca@sendmail.org'],
        products: ['pkg:generic/sendmail'],
        embargoPreferredDays: 45,
      }),
      record({ name: 'Red Hat, Inc.', notes: 'Say "secalert",\nnot support' }),
    ])
    expect(csv).toBe(
      `${header}\r\n` +
        'Sendmail Consortium,https://www.sendmail.org,security@sendmail.org;ca@sendmail.org,pkg:generic/sendmail,45,,,\r\n' +
        '"Red Hat, Inc.",,,,,,,"Say ""secalert"",\nnot support"\r\n',
    )
    expect(toVendorCsv([])).toBe(`${header}\r\n`)
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    const csv = toVendorCsv([
      record({ name: '=HYPERLINK("https://evil.example","Acme")', notes: '@SUM(1+1)' }),
      record({ name: "'=already quoted" }),
    ])
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""https://evil.example"",""Acme"")",,,,,,,'@SUM(1+1)`)
    expect(csv.split('\r\n')[2]).toBe(`''=already quoted,,,,,,,`)
  })

  it('round-trips: what it writes reads back the same', () => {
    const records = [
      record({
        name: 'Sendmail Consortium',
        website: 'https://www.sendmail.org',
        contacts: ['security@sendmail.org', 'ca@sendmail.org'],
        products: ['pkg:generic/sendmail', 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*', 'pkg:npm/%40sendmail/client'],
        embargoPreferredDays: 45,
        embargoMinDays: 0,
        embargoMaxDays: 3650,
        notes: 'Line one,\r\nline "two"\n\tindented',
      }),
      record({
        name: 'Ünïcödé GmbH',
        products: [
          'cpe:2.3:a:\\@thi.ng\\/egf_project:\\@thi.ng\\/egf:*:*:*:*:*:*:*:*',
          'cpe:2.3:a:semi\\;colon:x:*:*:*:*:*:*:*:*',
        ],
      }),
      record({ name: '=1+1', notes: "-minus\n'=quoted" }),
      record({ name: "'+already", contacts: ['-dash@acme.example'] }),
      record({ name: 'Empty' }),
    ]
    const parsed = parseVendorCsv(toVendorCsv(records))
    expect(parsed.problems).toEqual([])
    expect(parsed.rows).toEqual(records)
    expect(toVendorCsv(parsed.rows)).toBe(toVendorCsv(records))
  })
})

describe('vendor directory as JSON', () => {
  const records = [
    record({
      name: 'Sendmail Consortium',
      website: 'https://www.sendmail.org',
      contacts: ['security@sendmail.org'],
      products: ['pkg:generic/sendmail'],
      embargoPreferredDays: 45,
      embargoMaxDays: 90,
    }),
    record({ name: 'Debian', notes: 'Through the security team' }),
  ]

  it('uses the CSV’s column names as keys', () => {
    expect(JSON.parse(toVendorJson(records))[0]).toEqual({
      name: 'Sendmail Consortium',
      website: 'https://www.sendmail.org',
      contacts: ['security@sendmail.org'],
      products: ['pkg:generic/sendmail'],
      embargo_preferred_days: 45,
      embargo_min_days: null,
      embargo_max_days: 90,
      notes: '',
    })
  })

  it('round-trips, and agrees with the CSV', () => {
    expect(parseVendorJson(toVendorJson(records))).toEqual({ rows: records, problems: [] })
    expect(parseVendorJson(toVendorJson(records)).rows).toEqual(parseVendorCsv(toVendorCsv(records)).rows)
  })

  it('reads what a script might leave out, and normalises as the CSV does', () => {
    expect(
      parseVendorJson('[{"name":"Acme","products":["PKG:DEB/Debian/Acme"],"embargo_preferred_days":"30"}]'),
    ).toEqual({
      rows: [record({ name: 'Acme', products: ['pkg:deb/debian/acme'], embargoPreferredDays: 30 })],
      problems: [],
    })
  })

  it('names each problem by entry and field, and keeps the good entries', () => {
    const text = JSON.stringify([
      { name: 'Good' },
      { name: 'Bad', contacts: 'a@b.example', products: ['pkg:deb/debian/x@1'], embargo_min_days: 2.5, vendor_id: 7 },
      'Acme',
      { website: 42 },
    ])
    expect(parseVendorJson(text)).toEqual({
      rows: [record({ name: 'Good' })],
      problems: [
        {
          field: '1.vendor_id',
          message:
            'is not a known field (name, website, contacts, products, embargo_preferred_days, embargo_min_days, embargo_max_days, notes)',
        },
        { field: '1.contacts', message: 'must be a list of text' },
        {
          field: '1.products',
          message: '"pkg:deb/debian/x@1" is a package URL with a version: give the product only (pkg:deb/debian/x)',
        },
        { field: '1.embargo_min_days', message: 'must be a whole number of days from 0 to 3650' },
        { field: '2', message: 'must be an object with a name' },
        { field: '3.website', message: 'must be text' },
        { field: '3.name', message: 'is required' },
      ],
    })
  })

  it('refuses what is not a JSON list', () => {
    expect(parseVendorJson('{"name":"Acme"}').problems).toEqual([
      { field: '', message: 'must be a list of vendors ([{ "name": … }, …])' },
    ])
    expect(parseVendorJson('name,website').problems[0]!.message).toMatch(/^is not JSON: /)
  })
})

describe('vendorDuplicates', () => {
  const vendor = (id: string, name: string, website: string | null = null, contacts: string[] = []) => ({
    id,
    name,
    website,
    contacts,
  })

  it.each([
    ['Sendmail, Inc.', 'SENDMAIL'],
    ['Red Hat, Inc.', 'RedHat'],
    ['Hewlett-Packard Company', 'Hewlett Packard'],
    ['The Acme Corporation', 'ACME Corp.'],
    ['Acme Co., Ltd.', 'acme'],
    ['Siemens AG', 'Siemens'],
    ['Müller GmbH', 'Muller'],
    ['Nokia Oyj', 'Nokia'],
    ['Smith & Co', 'Smith'],
  ])('calls %j and %j the same name', (x, y) => {
    expect(vendorDuplicates([vendor('1', x), vendor('2', y)])).toEqual([
      {
        a: '1',
        b: '2',
        why: expect.stringMatching(/^same name once case, punctuation and company suffixes are set aside/),
      },
    ])
  })

  it.each([
    ['Sendmail', 'Sendmail Switch'],
    ['Red Hat', 'Red Hat Enterprise'],
    ['AG', 'GmbH'],
    ['Apple', 'Applied'],
  ])('keeps %j and %j apart', (x, y) => {
    expect(vendorDuplicates([vendor('1', x), vendor('2', y)])).toEqual([])
  })

  it('pairs vendors with the same website host, www. aside', () => {
    expect(
      vendorDuplicates([
        vendor('a', 'Sendmail Consortium', 'https://www.sendmail.org/'),
        vendor('b', 'Proofpoint', 'sendmail.org/security'),
      ]),
    ).toEqual([{ a: 'a', b: 'b', why: 'same website (sendmail.org)' }])
    expect(
      vendorDuplicates([vendor('a', 'X', 'https://security.example.com'), vendor('b', 'Y', 'https://example.com')]),
    ).toEqual([])
  })

  it('pairs vendors with contacts at the same domain, unless it is a shared mail provider', () => {
    expect(
      vendorDuplicates([vendor('a', 'X', null, ['psirt@cisco.com']), vendor('b', 'Y', null, ['Security@Cisco.COM'])]),
    ).toEqual([{ a: 'a', b: 'b', why: 'contact addresses at the same domain (cisco.com)' }])
    expect(
      vendorDuplicates([vendor('a', 'X', null, ['x.security@gmail.com']), vendor('b', 'Y', null, ['y-sec@gmail.com'])]),
    ).toEqual([])
    expect(
      vendorDuplicates([
        vendor('a', 'X', null, ['x@wearehackerone.com']),
        vendor('b', 'Y', null, ['y@wearehackerone.com']),
      ]),
    ).toEqual([])
    expect(
      vendorDuplicates([vendor('a', 'X', null, ['x@lists.example']), vendor('b', 'Y', null, ['y@lists.example'])], {
        sharedMailDomains: ['Lists.Example'],
      }),
    ).toEqual([])
  })

  it('gives one suggestion a pair, with every reason, in input order', () => {
    const records = [
      vendor('v1', 'Sendmail, Inc.', 'https://www.sendmail.com', ['security@sendmail.com']),
      vendor('v2', 'Debian', 'https://www.debian.org', ['team@security.debian.org']),
      vendor('v3', 'Sendmail', 'sendmail.com', ['psirt@sendmail.com', 'ceo@sendmail.com']),
      vendor('v4', 'Debian Project', null, ['team@security.debian.org']),
      vendor('v5', 'SENDMAIL INC', null, []),
    ]
    expect(vendorDuplicates(records)).toEqual([
      {
        a: 'v1',
        b: 'v3',
        why: 'same name once case, punctuation and company suffixes are set aside (sendmail); same website (sendmail.com); contact addresses at the same domain (sendmail.com)',
      },
      { a: 'v1', b: 'v5', why: 'same name once case, punctuation and company suffixes are set aside (sendmail)' },
      { a: 'v2', b: 'v4', why: 'contact addresses at the same domain (security.debian.org)' },
      { a: 'v3', b: 'v5', why: 'same name once case, punctuation and company suffixes are set aside (sendmail)' },
    ])
  })

  it('suggests nothing for one vendor, for none, or for names with no letters', () => {
    expect(vendorDuplicates([vendor('a', 'Acme', 'acme.example', ['a@acme.example', 'b@acme.example'])])).toEqual([])
    expect(vendorDuplicates([])).toEqual([])
    expect(vendorDuplicates([vendor('a', '---'), vendor('b', '...')])).toEqual([])
  })
})
