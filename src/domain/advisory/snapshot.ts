// A published advisory, frozen: everything the exporters (CSAF, OSV, CVE 5, Atom, the public
// page and JSON) may say about a case, taken once at release (and again at each revision) from
// the case, its approved vendor statements and its advisory draft. The exporters are pure
// functions of this snapshot: the same snapshot always gives the same documents, byte for byte,
// so they can be checked against golden files and re-served after a restart without surprise.
import type { VexJustification, VexStatus } from '../vex.js'
import type { PeerAdvisory } from '../federation/peerAdvisory.js'

export interface AdvisoryPublisher {
  /** "National Infrastructure Protection Center" */
  name: string
  /** The instance's public URL (https://lockstep.example): CSAF publisher namespace, links. */
  namespace: string
  /** How to reach the coordinators ("security@lockstep.example"). */
  contactDetails: string
}

export interface AdvisoryRevision {
  /** "1", "2"... (CSAF revision_history.number, integer versioning). */
  number: string
  /** ISO 8601 UTC instant. */
  date: string
  summary: string
}

export interface AdvisoryReference {
  url: string
  summary: string
  /** 'self': this advisory's own pages; 'external': everything else. */
  category: 'self' | 'external'
}

export interface AdvisoryCvss {
  version: '3.1' | '4.0'
  vector: string
  baseScore: number
  /** NONE, LOW, MEDIUM, HIGH, CRITICAL */
  baseSeverity: string
}

/** A product the vulnerability affects, as the case recorded it. */
export interface AdvisoryAffected {
  vendor: string
  product: string
  /** A purl without version ("pkg:generic/sendmail"), when known. */
  purl: string | null
  /** The product's CPE 2.3 name without version ("cpe:2.3:a:sendmail:sendmail:*:…"), when known. */
  cpe?: string | null
  /** The affected versions as a vers range ("vers:generic/>=5.2|<8.12.8"), when known. */
  range: string | null
  /** The versions that fix it ("8.12.8"), from the vendors' statements. */
  fixedVersions: string[]
}

/** A vendor's approved position on one vulnerability, in VEX terms. */
export interface AdvisoryStatement {
  vendor: string
  status: VexStatus
  justification: VexJustification | null
  fixedVersions: string[]
  remediation: string | null
  references: string[]
  /** ISO instant the vendor gave it. */
  date: string
  /**
   * Set when the vendor is a peer instance's (federation): the coordinator that approved it there,
   * named wherever the statement is shown ("via CERT-B"). Absent for this instance's own vendors.
   */
  via?: { name: string; url: string } | null
}

export interface AdvisoryVulnerability {
  /** Stable within the advisory ("V1", "V2"...): CSAF product ids and OSV ids derive from it. */
  key: string
  cve: string | null
  title: string
  description: string
  /** "CWE-120" */
  cwe: string | null
  cweName: string | null
  cvss: AdvisoryCvss[]
  affected: AdvisoryAffected[]
  statements: AdvisoryStatement[]
  // The fields below are optional so that snapshots taken before they existed read the same;
  // only CSAF 2.1 (csaf21.ts) carries them so far.
  /** An SSVC evaluation of the vulnerability (decision points and the values chosen), when made. */
  ssvc?: AdvisorySsvc | null
  /** FIRST's EPSS for the CVE, when known: probability and percentile as decimal strings ("0.00042"). */
  epss?: { probability: string; percentile: string; date: string } | null
  /** When exploitation was first known to have happened (ISO instant), and when that was learnt. */
  firstKnownExploitation?: { exploitedAt: string; recordedAt: string } | null
}

export interface AdvisorySsvc {
  /** The stakeholder who evaluated: "Coordinator", "Supplier", "Deployer". */
  role: string
  /** ISO instant of the evaluation. */
  date: string
  /** Each decision point with the value(s) chosen ("Exploitation" 1.1.0 in namespace ssvc: ["active"]). */
  selections: { namespace: string; name: string; version: string; values: string[] }[]
}

/** The roles CVE and OSV both name for a credit (OSV writes them upper-case with "_"). */
export const advisoryCreditTypes = [
  'finder',
  'reporter',
  'analyst',
  'coordinator',
  'remediation developer',
  'remediation reviewer',
  'remediation verifier',
  'tool',
  'sponsor',
  'other',
] as const
export type AdvisoryCreditType = (typeof advisoryCreditTypes)[number]

export interface AdvisoryCredit {
  /** "ISS X-Force" */
  name: string
  /** "found and reported the flaw" */
  contribution: string | null
  /** The role, when known: CVE and OSV records carry it as the credit's type. */
  type?: AdvisoryCreditType | null
}

export interface AdvisorySnapshot {
  /** The public advisory ID: "LSA-2026-0001". */
  id: string
  /** The case it came from: "LS-2026-0001" (never shown publicly before release). */
  caseNumber: string
  title: string
  publisher: AdvisoryPublisher
  /** ISO instants. The initial release is the embargo's end (or the moment of an immediate release). */
  initialReleaseDate: string
  currentReleaseDate: string
  revisions: AdvisoryRevision[]
  overview: string
  description: string
  impact: string
  solution: string
  references: AdvisoryReference[]
  credits: AdvisoryCredit[]
  vulnerabilities: AdvisoryVulnerability[]
  /** Set when the advisory was withdrawn (published in error): why, as the last revision says. */
  withdrawn?: { reason: string } | null
  /** Set when another advisory replaces this one: which, where, and why. */
  supersededBy?: { id: string; url: string; reason: string } | null
  /** The same case's advisories on the peer instances sharing it (federation): named in CSAF and OSV. */
  peerAdvisories?: PeerAdvisory[]
}
