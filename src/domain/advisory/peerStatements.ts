// A peer's approved statements in this instance's advisory (issue 17). The vendors of a peer
// instance sharing the case gave statements there, its coordinators approved them, and they crossed
// (or were passed on by another peer). At the release each one takes its place under the
// vulnerability it is about, as that vendor's position, marked with the coordinator that approved
// it ("via CERT-B"). What decides, in order:
//
// - only what had arrived by the instant counts (`until`): a statement received later waits for
//   the next revision, so every instance's release is the same whatever time its scheduler ran;
// - of one vendor on one vulnerability, the latest approved (the origin's order, not the arrival's);
// - the vulnerability is found by CVE ID, or by title when either side has no CVE ID (the shared
//   case was opened from the origin's vulnerabilities, titles and all); none found, it is left out;
// - a vendor of ours by the same name that made a statement here speaks for itself: ours is published;
// - a status or justification this instance does not know is left out rather than guessed.
import { vexJustifications, vexStatuses, type VexJustification, type VexStatus } from '../vex.js'
import type { Origin, SharedStatement } from '../federation/caseSharing.js'
import type { AdvisoryStatement } from './snapshot.js'

/** A statement as it crossed (federation/caseSharing.ts), with where it was approved and when it arrived here. */
export type PeerStatementIn = Pick<
  SharedStatement,
  'vendor' | 'vulnerability' | 'status' | 'justification' | 'fixedVersions' | 'remediation' | 'approvedAt'
> & {
  /** The coordinator that approved it, where the vendor took part. */
  origin: Origin
  /** The vendor's participation there: one vendor, whatever its name. */
  vendorKey: string
  receivedAt: Date
}

export interface VulnerabilityHere {
  title: string
  cve: string | null
  /** The names of our own vendors with an approved statement on it. */
  ownVendors: string[]
}

export interface PlacedPeerStatement {
  statement: PeerStatementIn
  /** Index into the vulnerabilities given, or null when it goes in no advisory. */
  vulnerability: number | null
  /** Why it is left out (null when it goes in). */
  leftOut: string | null
  /** As the advisory prints it (null when left out). */
  advisory: AdvisoryStatement | null
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

function vulnerabilityOf(vulns: VulnerabilityHere[], v: PeerStatementIn['vulnerability']): number {
  if (v.cve) {
    const byCve = vulns.findIndex((here) => here.cve !== null && same(here.cve, v.cve!))
    if (byCve >= 0) return byCve
  }
  return vulns.findIndex((here) => (here.cve === null || v.cve === null) && same(here.title, v.title))
}

/** The latest approved statement of each vendor on each vulnerability received by `until`. */
export function latestPeerStatements(incoming: PeerStatementIn[], until: Date): PeerStatementIn[] {
  const latest = new Map<string, PeerStatementIn>()
  for (const s of incoming) {
    if (s.receivedAt.getTime() > until.getTime()) continue
    const key = `${s.vendorKey} ${s.vulnerability.cve ?? s.vulnerability.title.trim().toLowerCase()}`
    const kept = latest.get(key)
    if (!kept || kept.approvedAt.getTime() < s.approvedAt.getTime()) latest.set(key, s)
  }
  return [...latest.values()]
}

export function placePeerStatements(
  vulns: VulnerabilityHere[],
  incoming: PeerStatementIn[],
  until: Date,
): PlacedPeerStatement[] {
  return latestPeerStatements(incoming, until).map((s) => {
    const leftOut = (why: string, vulnerability: number | null = null) => ({
      statement: s,
      vulnerability,
      leftOut: why,
      advisory: null,
    })
    const i = vulnerabilityOf(vulns, s.vulnerability)
    if (i < 0) return leftOut(`no vulnerability here is “${s.vulnerability.cve ?? s.vulnerability.title}”`)
    if (vulns[i]!.ownVendors.some((own) => same(own, s.vendor)))
      return leftOut(`${s.vendor} made a statement here too: that one is published`, i)
    if (!(vexStatuses as readonly string[]).includes(s.status)) return leftOut(`the status “${s.status}” is unknown`, i)
    if (s.justification !== null && !(vexJustifications as readonly string[]).includes(s.justification))
      return leftOut(`the justification “${s.justification}” is unknown`, i)
    const advisory: AdvisoryStatement = {
      vendor: s.vendor,
      status: s.status as VexStatus,
      justification: (s.justification as VexJustification | null) ?? null,
      fixedVersions: s.fixedVersions,
      remediation: s.remediation,
      references: [],
      date: s.approvedAt.toISOString(),
      via: s.origin,
    }
    return { statement: s, vulnerability: i, leftOut: null, advisory }
  })
}
