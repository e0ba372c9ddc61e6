// The advisory as the public JSON API serves it (GET /advisories/<id>.json): Lockstep's own
// shape, for scripts that want the advisory page's content without parsing HTML or learning CSAF.
// Everything a reader sees on the page is here, in the page's order, with the vendors' statements
// as one table per vulnerability and links to every other format. `format` names this shape's
// version; fields are only ever added to it.
import { vexJustificationLabels, vexStatusLabels, type VexJustification, type VexStatus } from '../vex.js'
import { advisoryLinks, osvId, vulnerabilityId, type AdvisoryLinks } from './links.js'
import { endedOf, endedSentence, type AdvisoryEnded } from './ended.js'
import type {
  AdvisoryCreditType,
  AdvisoryCvss,
  AdvisoryReference,
  AdvisoryRevision,
  AdvisorySnapshot,
} from './snapshot.js'

export const publicJsonFormat = 'lockstep-advisory/1'

export interface PublicAdvisoryStatement {
  vendor: string
  status: VexStatus
  /** "Not affected" */
  statusLabel: string
  justification: VexJustification | null
  /** CISA's sentence for the justification, for display. */
  justificationLabel: string | null
  fixedVersions: string[]
  remediation: string | null
  references: string[]
  date: string
  /** The peer coordinator that approved it, for a peer instance's vendor (federation). */
  via?: { name: string; url: string }
}

export interface PublicAdvisoryVulnerability {
  /** "LSA-2026-0001-V1" */
  id: string
  key: string
  cve: string | null
  osvId: string
  title: string
  description: string
  cwe: { id: string; name: string | null } | null
  cvss: AdvisoryCvss[]
  affected: { vendor: string; product: string; purl: string | null; range: string | null; fixedVersions: string[] }[]
  statements: PublicAdvisoryStatement[]
  links: { osv: string; cve: string | null }
}

export interface PublicAdvisory {
  format: typeof publicJsonFormat
  id: string
  title: string
  publisher: { name: string; url: string; contact: string }
  initialReleaseDate: string
  currentReleaseDate: string
  revisions: AdvisoryRevision[]
  overview: string
  description: string
  impact: string
  solution: string
  vulnerabilities: PublicAdvisoryVulnerability[]
  credits: { name: string; contribution: string | null; type: AdvisoryCreditType | null }[]
  references: AdvisoryReference[]
  links: Omit<AdvisoryLinks, 'osv' | 'cve'>
  /** Only on a withdrawn or superseded advisory: how it ended, and the sentence the page shows. */
  ended?: AdvisoryEnded & { sentence: string }
}

export function toPublicJson(snapshot: AdvisorySnapshot): PublicAdvisory {
  const { osv, cve, ...links } = advisoryLinks(snapshot)
  const ended = endedOf(snapshot)
  return {
    format: publicJsonFormat,
    id: snapshot.id,
    title: snapshot.title,
    publisher: {
      name: snapshot.publisher.name,
      url: snapshot.publisher.namespace,
      contact: snapshot.publisher.contactDetails,
    },
    initialReleaseDate: snapshot.initialReleaseDate,
    currentReleaseDate: snapshot.currentReleaseDate,
    revisions: snapshot.revisions.map((r) => ({ number: r.number, date: r.date, summary: r.summary })),
    overview: snapshot.overview,
    description: snapshot.description,
    impact: snapshot.impact,
    solution: snapshot.solution,
    vulnerabilities: snapshot.vulnerabilities.map((vuln) => ({
      id: vulnerabilityId(snapshot, vuln),
      key: vuln.key,
      cve: vuln.cve,
      osvId: osvId(snapshot, vuln),
      title: vuln.title,
      description: vuln.description,
      cwe: vuln.cwe ? { id: vuln.cwe, name: vuln.cweName } : null,
      cvss: vuln.cvss.map((c) => ({
        version: c.version,
        vector: c.vector,
        baseScore: c.baseScore,
        baseSeverity: c.baseSeverity,
      })),
      affected: vuln.affected.map((a) => ({
        vendor: a.vendor,
        product: a.product,
        purl: a.purl,
        range: a.range,
        fixedVersions: [...a.fixedVersions],
      })),
      statements: vuln.statements.map((s) => ({
        vendor: s.vendor,
        status: s.status,
        statusLabel: vexStatusLabels[s.status],
        justification: s.justification,
        justificationLabel: s.justification ? vexJustificationLabels[s.justification] : null,
        fixedVersions: [...s.fixedVersions],
        remediation: s.remediation,
        references: [...s.references],
        date: s.date,
        ...(s.via ? { via: { ...s.via } } : {}),
      })),
      links: { osv: osv[vuln.key]!, cve: cve[vuln.key] ?? null },
    })),
    credits: snapshot.credits.map((c) => ({ name: c.name, contribution: c.contribution, type: c.type ?? null })),
    references: snapshot.references.map((r) => ({ url: r.url, summary: r.summary, category: r.category })),
    links,
    ...(ended ? { ended: { ...ended, sentence: endedSentence(ended) } } : {}),
  }
}
