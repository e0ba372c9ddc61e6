// A case's vendor statements as one VEX set, the input of the three VEX exporters (CSAF, OpenVEX,
// CycloneDX) and the shape the readers bring imported documents back to. The set is an advisory
// snapshot narrowed to the statements asked for: each vulnerability keeps only the products of the
// vendors that made a statement, so every product in a document carries its vendor's own word.
// Vulnerabilities are named by their CVE ID and by the case's own id in the advisory's readable
// scheme ("LS-2026-0001" for the first, "LS-2026-0001-2" for the second), which an import matches back.
import type { AdvisoryAffected, AdvisoryPublisher, AdvisorySnapshot, AdvisoryStatement } from '../advisory/snapshot.js'
import type { VexStatement, VexStatus } from '../vex.js'
import { vulnerabilityId } from '../advisory/links.js'

export const vexFormats = ['csaf', 'openvex', 'cyclonedx'] as const
export type VexFormat = (typeof vexFormats)[number]

export interface VexCaseVulnerability {
  /** The case's own id of the vulnerability: "<case number>" for the first, "<case number>-<n>" after it, n by creation order. */
  caseVulnerabilityId: string
  cve: string | null
  title: string
  description: string
  cwe: string | null
  /** Every affected product the case recorded, of every vendor. */
  affected: Omit<AdvisoryAffected, 'fixedVersions'>[]
}

export interface VexCaseStatement extends VexStatement {
  caseVulnerabilityId: string
  vendor: string
  /** ISO instant. */
  date: string
}

export interface VexCase {
  caseNumber: string
  title: string
  summary: string
  publisher: AdvisoryPublisher
  /** ISO instant the document is written. */
  issued: string
  vulnerabilities: VexCaseVulnerability[]
  statements: VexCaseStatement[]
}

/** "LS-2026-0001" and its n-th vulnerability (from 1) → "LS-2026-0001", "LS-2026-0001-2"… as advisories name them. */
export const caseVulnerabilityId = (caseNumber: string, n: number) =>
  vulnerabilityId({ id: caseNumber }, { key: `V${n}` })

/** The snapshot key ("V<n>") the exporters turn back into that id. */
const keyOf = (caseNumber: string, id: string) => (id === caseNumber ? 'V1' : `V${id.slice(caseNumber.length + 1)}`)

const sameVendor = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/** The VEX set as a snapshot the advisory exporters read (the key "V<n>" gives the case's ids). */
export function vexSnapshot(c: VexCase): AdvisorySnapshot {
  return {
    id: c.caseNumber,
    caseNumber: c.caseNumber,
    title: `${c.title}: vendor statements`,
    publisher: c.publisher,
    initialReleaseDate: c.issued,
    currentReleaseDate: c.issued,
    revisions: [{ number: '0', date: c.issued, summary: 'Vendor statements as they stand, not for release.' }],
    overview: c.summary,
    description: '',
    impact: '',
    solution: '',
    references: [],
    credits: [],
    vulnerabilities: c.vulnerabilities.map((vuln) => {
      const statements: AdvisoryStatement[] = c.statements
        .filter((s) => s.caseVulnerabilityId === vuln.caseVulnerabilityId)
        .map((s) => ({
          vendor: s.vendor,
          status: s.status,
          justification: s.justification,
          fixedVersions: s.fixedVersions,
          remediation: s.remediation,
          references: s.references,
          date: s.date,
        }))
      const affected = vuln.affected
        .map((a) => ({ a, statement: statements.find((s) => sameVendor(s.vendor, a.vendor)) }))
        .filter(({ statement }) => statement)
        .map(({ a, statement }) => ({ ...a, fixedVersions: statement!.fixedVersions }))
      return {
        key: keyOf(c.caseNumber, vuln.caseVulnerabilityId),
        cve: vuln.cve,
        title: vuln.title,
        description: vuln.description,
        cwe: vuln.cwe,
        cweName: null,
        cvss: [],
        affected,
        statements,
      }
    }),
  }
}

// ---- what the readers give back ----

/** A product as a document names it: by purl, by name, or both. */
export interface VexProductRef {
  name: string | null
  purl: string | null
}

/** One statement of an imported document, before it is matched to the case. */
export interface ReadVexStatement {
  /** Where it is in the document ("/statements/2"), for the report. */
  at: string
  /** Every name the document gives the vulnerability (CVE ID, aliases, ids). */
  vulnerabilityIds: string[]
  products: VexProductRef[]
  /** The status in Lockstep's terms, or null with what the document said when it has none. */
  status: VexStatus | null
  statusAsWritten: string
  justification: string | null
  fixedVersions: string[]
  remediation: string | null
  references: string[]
}

export type VexReading =
  | { ok: true; format: VexFormat; statements: ReadVexStatement[] }
  | { ok: false; problems: { field: string; message: string }[] }

export type JsonObject = Record<string, unknown>
export const asObject = (v: unknown): JsonObject | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : null
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const asText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)
export const httpUrls = (values: unknown[]): string[] =>
  values.filter((v): v is string => typeof v === 'string' && /^https?:\/\/\S+$/i.test(v))
