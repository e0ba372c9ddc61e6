// The feeds: Atom for people's readers (order, links, escaping) and the CSAF discovery documents
// (ROLIE feed and provider metadata). Provider-metadata schema validation: validate.test.ts.
import { describe, expect, it } from 'vitest'
import { escapeXml, toAtomFeed } from './atom.js'
import { allSnapshots, sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'
import { toProviderMetadata, toRolieFeed } from './rolie.js'

const feedOptions = {
  url: 'https://lockstep.example/advisories.atom',
  title: 'Lockstep advisories',
  updated: widgetrySnapshot.currentReleaseDate,
}

describe('Atom feed', () => {
  const xml = toAtomFeed([...allSnapshots], feedOptions)

  it('is an Atom 1.0 feed with its own id, self link, author and update time', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n')).toBe(
      true,
    )
    expect(xml).toContain('  <id>https://lockstep.example/advisories.atom</id>')
    expect(xml).toContain(
      '  <link rel="self" type="application/atom+xml" href="https://lockstep.example/advisories.atom"/>',
    )
    expect(xml).toContain(`  <updated>${widgetrySnapshot.currentReleaseDate}</updated>`)
    expect(xml).toContain('  <author><name>Example National CERT</name></author>')
    expect(xml.endsWith('</feed>\n')).toBe(true)
  })

  it('lists the newest advisory first, whatever order it is given', () => {
    const ids = [...xml.matchAll(/<entry>\s*<id>([^<]*)<\/id>/g)].map((m) => m[1])
    expect(ids).toEqual([
      'https://lockstep.example/advisories/LSA-2026-0002',
      'https://lockstep.example/advisories/LSA-2003-0001',
    ])
    expect(toAtomFeed([...allSnapshots].reverse(), feedOptions)).toBe(xml)
  })

  it('links each entry to its page, JSON and CSAF document, with dates, summary and one category per vulnerability', () => {
    const entry = xml.slice(xml.indexOf('<entry>', xml.indexOf('LSA-2003-0001') - 100))
    expect(entry).toContain(
      '<link rel="alternate" type="text/html" href="https://lockstep.example/advisories/LSA-2003-0001"/>',
    )
    expect(entry).toContain(
      '<link rel="alternate" type="application/json" href="https://lockstep.example/advisories/LSA-2003-0001.json"/>',
    )
    expect(entry).toContain('href="https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json"')
    expect(entry).toContain(`<published>${sendmailSnapshot.initialReleaseDate}</published>`)
    expect(entry).toContain(`<updated>${sendmailSnapshot.currentReleaseDate}</updated>`)
    expect(entry).toContain(
      '<category term="CVE-2002-1337" label="Buffer overflow in sendmail crackaddr() header processing"/>',
    )
    expect(entry).toContain(`<summary type="text">${sendmailSnapshot.overview}</summary>`)
    expect(xml).toContain('<category term="LSA-2026-0002-3"')
  })

  it('escapes markup and quotes, and drops characters XML cannot carry', () => {
    expect(xml).toContain(
      '<title>LSA-2026-0002: Widgetry &lt;core&gt; &amp; friends: ten flaws across the &quot;Widgetry&quot; packages</title>',
    )
    const hostile = {
      ...sendmailSnapshot,
      title: `A & B <script>alert('x')</script>\u0007\uFFFE\uD800 end`,
      overview: ']]> <![CDATA[ & &amp;',
    }
    const out = toAtomFeed([hostile], feedOptions)
    expect(out).toContain(
      '<title>LSA-2003-0001: A &amp; B &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; end</title>',
    )
    expect(out).toContain('<summary type="text">]]&gt; &lt;![CDATA[ &amp; &amp;amp;</summary>')
    expect(escapeXml('😀 stays')).toBe('😀 stays')
  })

  it('has an author even without entries', () => {
    expect(toAtomFeed([], { ...feedOptions, author: 'Example National CERT' })).toContain(
      '<author><name>Example National CERT</name></author>',
    )
    expect(toAtomFeed([], feedOptions)).not.toContain('<entry>')
  })
})

describe('ROLIE feed', () => {
  const rolie = toRolieFeed([...allSnapshots], { baseUrl: 'https://lockstep.example/', tlp: 'WHITE' }) as {
    feed: { id: string; link: unknown[]; category: unknown[]; updated: string; entry: Record<string, unknown>[] }
  }

  it('is the TLP:WHITE CSAF feed, updated with its newest entry', () => {
    expect(rolie.feed.id).toBe('lockstep.example-csaf-feed-tlp-white')
    expect(rolie.feed.link).toEqual([
      { rel: 'self', href: 'https://lockstep.example/.well-known/csaf/feed-tlp-white.json' },
      { rel: 'service', href: 'https://lockstep.example/.well-known/csaf/service.json' },
    ])
    expect(rolie.feed.category).toContainEqual({
      scheme: 'urn:ietf:params:rolie:category:information-type',
      term: 'csaf',
    })
    expect(rolie.feed.updated).toBe(widgetrySnapshot.currentReleaseDate)
  })

  it('lists each CSAF document at its §5.1 file name under white/<year>/, newest first', () => {
    expect(rolie.feed.entry.map((e) => e.id)).toEqual(['LSA-2026-0002', 'LSA-2003-0001'])
    expect(rolie.feed.entry[1]).toEqual({
      id: 'LSA-2003-0001',
      title: sendmailSnapshot.title,
      link: [
        { rel: 'self', href: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json' },
        { rel: 'hash', href: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json.sha256' },
        { rel: 'hash', href: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json.sha512' },
        { rel: 'signature', href: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json.asc' },
      ],
      published: sendmailSnapshot.initialReleaseDate,
      updated: sendmailSnapshot.currentReleaseDate,
      summary: { content: sendmailSnapshot.overview },
      content: {
        type: 'application/json',
        src: 'https://lockstep.example/.well-known/csaf/white/2003/lsa-2003-0001.json',
      },
      format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
    })
  })

  it('takes an update time when told, and has one without entries', () => {
    expect((toRolieFeed([], { baseUrl: 'https://lockstep.example', tlp: 'WHITE' }) as typeof rolie).feed.updated).toBe(
      '1970-01-01T00:00:00.000Z',
    )
    expect(
      (
        toRolieFeed([], {
          baseUrl: 'https://lockstep.example',
          tlp: 'WHITE',
          updated: '2026-03-01T00:00:00.000Z',
        }) as typeof rolie
      ).feed.updated,
    ).toBe('2026-03-01T00:00:00.000Z')
  })
})

describe('provider metadata', () => {
  it('points to the ROLIE feed with its service and category documents and to the white/ folder, names the coordinator, and asks no aggregator to list it unless told', () => {
    expect(
      toProviderMetadata({
        baseUrl: 'https://lockstep.example',
        publisher: sendmailSnapshot.publisher,
        lastUpdated: sendmailSnapshot.currentReleaseDate,
      }),
    ).toEqual({
      canonical_url: 'https://lockstep.example/.well-known/csaf/provider-metadata.json',
      distributions: [
        {
          directory_url: 'https://lockstep.example/.well-known/csaf/white/',
          rolie: {
            categories: ['https://lockstep.example/.well-known/csaf/category-white.json'],
            feeds: [
              {
                summary: 'All TLP:WHITE advisories of National Infrastructure Protection Center.',
                tlp_label: 'WHITE',
                url: 'https://lockstep.example/.well-known/csaf/feed-tlp-white.json',
              },
            ],
            services: ['https://lockstep.example/.well-known/csaf/service.json'],
          },
        },
      ],
      last_updated: sendmailSnapshot.currentReleaseDate,
      list_on_CSAF_aggregators: false,
      metadata_version: '2.0',
      mirror_on_CSAF_aggregators: false,
      publisher: {
        category: 'coordinator',
        contact_details: 'security@lockstep.example',
        name: 'National Infrastructure Protection Center',
        namespace: 'https://lockstep.example',
      },
      role: 'csaf_provider',
    })
  })

  it('lists signing keys when there are some, and is then a trusted provider', () => {
    const key = {
      fingerprint: '8F5F267907B2C4559DB360DB2294BA7D2B2298B1',
      url: 'https://lockstep.example/.well-known/openpgpkey.asc',
    }
    expect(
      toProviderMetadata({
        baseUrl: 'https://lockstep.example',
        publisher: sendmailSnapshot.publisher,
        lastUpdated: sendmailSnapshot.currentReleaseDate,
        publicOpenpgpKeys: [key],
      }),
    ).toMatchObject({
      public_openpgp_keys: [key],
      role: 'csaf_trusted_provider',
    })
  })
})

describe('CSAF 2.1 beside 2.0 (the 2.1 draft’s transition plan)', () => {
  const base = 'https://lockstep.example/.well-known/csaf/v2.1'
  it('has its own TLP:CLEAR feed listing each 2.1 document under v2.1/clear/<year>/, with hashes and signature', () => {
    const feed = (
      toRolieFeed([sendmailSnapshot], { baseUrl: 'https://lockstep.example', tlp: 'WHITE', csafVersion: '2.1' }) as {
        feed: {
          id: string
          link: { rel: string; href: string }[]
          entry: { link: { rel: string; href: string }[]; format: object }[]
        }
      }
    ).feed
    expect(feed.id).toBe('lockstep.example-csaf-v2.1-feed-tlp-clear')
    expect(feed.link).toContainEqual({ rel: 'self', href: `${base}/feed-tlp-clear.json` })
    const url = `${base}/clear/2003/lsa-2003-0001.json`
    expect(feed.entry[0]!.link).toEqual([
      { rel: 'self', href: url },
      { rel: 'hash', href: `${url}.sha256` },
      { rel: 'hash', href: `${url}.sha512` },
      { rel: 'signature', href: `${url}.asc` },
    ])
    expect(feed.entry[0]!.format).toEqual({
      schema: 'https://docs.oasis-open.org/csaf/csaf/v2.1/schema/csaf.json',
      version: '2.1',
    })
  })

  it('has its own provider metadata, canonical at v2.1/provider-metadata.json, pointing to the 2.1 feed and folder', () => {
    const metadata = toProviderMetadata({
      baseUrl: 'https://lockstep.example',
      publisher: sendmailSnapshot.publisher,
      lastUpdated: sendmailSnapshot.currentReleaseDate,
      csafVersion: '2.1',
    }) as Record<string, unknown>
    expect(metadata).toMatchObject({
      $schema: 'https://docs.oasis-open.org/csaf/csaf/v2.1/schema/provider.json',
      canonical_url: `${base}/provider-metadata.json`,
      metadata_version: '2.1',
      distributions: [
        {
          directory_url: `${base}/clear/`,
          rolie: {
            categories: [`${base}/category-clear.json`],
            feeds: [expect.objectContaining({ tlp_label: 'CLEAR', url: `${base}/feed-tlp-clear.json` })],
            services: [`${base}/service.json`],
          },
        },
      ],
    })
  })
})
