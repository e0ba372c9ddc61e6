// The contract every exporter keeps, run over all of them alike: the output is a function of the
// snapshot alone (same snapshot, same bytes, whatever the clock or the random generator say; the
// snapshot left untouched), nothing private gets out (the case number, in particular: changing it
// changes nothing), every link is the snapshot's or a format's own constant, every vulnerability
// is represented, and the dates are the snapshot's.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { toPublicJson } from './advisoryJson.js'
import { toAtomFeed } from './atom.js'
import { toCsaf } from './csaf.js'
import { toCveRecords } from './cve5.js'
import { allSnapshots } from '../../../test/support/advisorySnapshots.js'
import { baseUrlOf, osvId, vulnerabilityId } from './links.js'
import { toOsv } from './osv.js'
import { packageFacts } from './packages.js'
import { toProviderMetadata, toRolieFeed } from './rolie.js'
import type { AdvisorySnapshot, AdvisoryVulnerability } from './snapshot.js'

type Json = Record<string, unknown>
const cna = { orgId: 'b3476cb9-2e3d-41a6-98d0-0f47421a65b6', shortName: 'lockstep' }
const get = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value)

interface Exporter {
  name: string
  /** The exporter's whole output for one snapshot, as the bytes it would serve. */
  render(snapshot: AdvisorySnapshot): string
  /** [what the output says, what the snapshot says] for each date it carries. */
  dates(snapshot: AdvisorySnapshot, output: string): [string | undefined, string][]
  /** Whether the output represents the vulnerability; null when the format does not list vulnerabilities. */
  represents(snapshot: AdvisorySnapshot, vuln: AdvisoryVulnerability, output: string): boolean | null
}

const releaseDates = (s: AdvisorySnapshot, initial: unknown, current: unknown): [string | undefined, string][] => [
  [initial as string | undefined, s.initialReleaseDate],
  [current as string | undefined, s.currentReleaseDate],
]

const exporters: Exporter[] = [
  {
    name: 'CSAF',
    render: (s) => JSON.stringify(toCsaf(s)),
    dates: (s, out) =>
      releaseDates(
        s,
        get(JSON.parse(out), 'document', 'tracking', 'initial_release_date'),
        get(JSON.parse(out), 'document', 'tracking', 'current_release_date'),
      ),
    represents: (s, vuln, out) =>
      (JSON.parse(out) as { vulnerabilities: { ids: { text: string }[]; cve?: string }[] }).vulnerabilities.some(
        (v) => v.ids[0]?.text === vulnerabilityId(s, vuln) && v.cve === (vuln.cve ?? undefined),
      ),
  },
  {
    name: 'OSV',
    render: (s) => JSON.stringify(toOsv(s)),
    dates: (s, out) => (JSON.parse(out) as Json[]).flatMap((doc) => releaseDates(s, doc.published, doc.modified)),
    represents: (s, vuln, out) =>
      (JSON.parse(out) as { id: string; aliases?: string[] }[]).some(
        (d) => d.id === osvId(s, vuln) && (!vuln.cve || d.aliases?.includes(vuln.cve) === true),
      ),
  },
  {
    name: 'CVE 5.2',
    render: (s) => JSON.stringify(toCveRecords(s, cna)),
    dates: (s, out) =>
      (JSON.parse(out) as Json[]).flatMap((doc) => [
        ...releaseDates(s, get(doc, 'cveMetadata', 'datePublished'), get(doc, 'cveMetadata', 'dateUpdated')),
        ...releaseDates(
          s,
          get(doc, 'containers', 'cna', 'datePublic'),
          get(doc, 'containers', 'cna', 'providerMetadata', 'dateUpdated'),
        ),
      ]),
    // Only vulnerabilities with a CVE ID have a record; the others must not get one.
    represents: (_s, vuln, out) =>
      (JSON.parse(out) as { cveMetadata: { cveId: string } }[]).some((d) => d.cveMetadata.cveId === vuln.cve) ===
      (vuln.cve !== null),
  },
  {
    name: 'Atom',
    render: (s) =>
      toAtomFeed([s], {
        url: `${baseUrlOf(s.publisher.namespace)}/advisories.atom`,
        title: 'Advisories',
        updated: s.currentReleaseDate,
      }),
    dates: (s, out) =>
      releaseDates(
        s,
        /<published>([^<]*)<\/published>/.exec(out)?.[1],
        /<entry>[\s\S]*<updated>([^<]*)<\/updated>/.exec(out)?.[1],
      ),
    represents: (s, vuln, out) => out.includes(`<category term="${vuln.cve ?? vulnerabilityId(s, vuln)}"`),
  },
  {
    name: 'ROLIE',
    render: (s) => JSON.stringify(toRolieFeed([s], { baseUrl: s.publisher.namespace, tlp: 'WHITE' })),
    dates: (s, out) =>
      releaseDates(
        s,
        get(JSON.parse(out), 'feed', 'entry', 0, 'published'),
        get(JSON.parse(out), 'feed', 'entry', 0, 'updated'),
      ),
    represents: () => null,
  },
  {
    name: 'provider metadata',
    render: (s) =>
      JSON.stringify(
        toProviderMetadata({
          baseUrl: s.publisher.namespace,
          publisher: s.publisher,
          lastUpdated: s.currentReleaseDate,
        }),
      ),
    dates: (s, out) => [[get(JSON.parse(out), 'last_updated') as string, s.currentReleaseDate]],
    represents: () => null,
  },
  {
    name: 'public JSON',
    render: (s) => JSON.stringify(toPublicJson(s)),
    dates: (s, out) =>
      releaseDates(s, get(JSON.parse(out), 'initialReleaseDate'), get(JSON.parse(out), 'currentReleaseDate')),
    represents: (s, vuln, out) =>
      (JSON.parse(out) as { vulnerabilities: { id: string; cve: string | null }[] }).vulnerabilities.some(
        (v) => v.id === vulnerabilityId(s, vuln) && v.cve === vuln.cve,
      ),
  },
]

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze)
    Object.freeze(value)
  }
  return value
}

// Links a format itself defines (its schema, the TLP definitions, package registries by purl).
function constantUrls(snapshot: AdvisorySnapshot): string[] {
  const registries = snapshot.vulnerabilities
    .flatMap((v) => v.affected.map((a) => packageFacts(a.purl)?.collectionUrl ?? null))
    .filter((u): u is string => u !== null)
  return [
    'https://www.first.org/tlp/',
    'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json',
    'http://www.w3.org/2005/Atom',
    ...registries,
  ]
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe.each(exporters.map((e) => [e.name, e] as const))('%s exporter', (_name, exporter) => {
  describe.each(allSnapshots.map((s) => [s.id, s] as const))('on %s', (_id, snapshot) => {
    it('is deterministic: same snapshot, same bytes, whatever the time or the random numbers', () => {
      vi.useFakeTimers()
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
      vi.spyOn(Math, 'random').mockReturnValue(0.25)
      const first = exporter.render(snapshot)
      vi.setSystemTime(new Date('1999-12-31T23:59:59Z'))
      vi.spyOn(Math, 'random').mockReturnValue(0.75)
      expect(exporter.render(snapshot)).toBe(first)
      expect(exporter.render(structuredClone(snapshot))).toBe(first)
    })

    it('leaves the snapshot as it was (a frozen one works)', () => {
      const copy = structuredClone(snapshot)
      const frozen = deepFreeze(structuredClone(snapshot))
      expect(exporter.render(frozen)).toBe(exporter.render(snapshot))
      expect(snapshot).toEqual(copy)
    })

    it('lets nothing private out: not the case number, and a different one changes nothing', () => {
      const output = exporter.render(snapshot)
      expect(output).not.toContain(snapshot.caseNumber)
      expect(exporter.render({ ...snapshot, caseNumber: 'LS-1999-9999' })).toBe(output)
    })

    it("links only to the snapshot's URLs, the instance's, and the format's own", () => {
      const source = JSON.stringify(snapshot)
      const base = baseUrlOf(snapshot.publisher.namespace)
      const allowed = constantUrls(snapshot)
      const urls = [
        ...exporter
          .render(snapshot)
          .replace(/\\\//g, '/')
          .matchAll(/https?:\/\/[^\s"'<>\\]+/g),
      ].map((m) => m[0])
      for (const url of urls)
        expect(source.includes(url) || url.startsWith(`${base}/`) || allowed.includes(url), url).toBe(true)
    })

    it("carries the snapshot's dates", () => {
      const dates = exporter.dates(snapshot, exporter.render(snapshot))
      expect(dates.length).toBeGreaterThan(0)
      for (const [actual, expected] of dates) expect(actual).toBe(expected)
    })

    it('represents every vulnerability', () => {
      const output = exporter.render(snapshot)
      for (const vuln of snapshot.vulnerabilities)
        expect(exporter.represents(snapshot, vuln, output) ?? true, vuln.key).toBe(true)
    })
  })
})

describe('the contract table', () => {
  it('covers every exporter', () => {
    expect(exporters.map((e) => e.name)).toEqual([
      'CSAF',
      'OSV',
      'CVE 5.2',
      'Atom',
      'ROLIE',
      'provider metadata',
      'public JSON',
    ])
  })
})
