// Advisories that name each other (issue 17): a case shared with peer instances is published by
// each of them, at the same instant, under its own advisory id. Our CSAF document lists each peer's
// advisory in `document.references` (category `external`), and each OSV record names the peer's
// record for the same vulnerability in `aliases` (OSV: "IDs for the same vulnerability in other
// databases") — the one with the same CVE ID, or else the one at the same position, since the
// shared case was opened from the origin's vulnerabilities in their order. The peer's other
// records, about the same case but not this vulnerability, go in `related`.
import type { AdvisorySnapshot, AdvisoryVulnerability } from './snapshot.js'

/** CSAF `document.references` entries naming the peers' advisories. */
export function peerCsafReferences(snapshot: Pick<AdvisorySnapshot, 'peerAdvisories'>) {
  return (snapshot.peerAdvisories ?? []).map((peer) => ({
    category: 'external' as const,
    summary: `${peer.id}: the same case's advisory by ${peer.publisher}`,
    url: peer.url,
  }))
}

/** For one OSV record: the peers' records of the same vulnerability, the peers' others, and their pages. */
export function peerOsvLinks(
  snapshot: Pick<AdvisorySnapshot, 'peerAdvisories' | 'vulnerabilities'>,
  vuln: Pick<AdvisoryVulnerability, 'key' | 'cve'>,
): { aliases: string[]; related: string[]; pages: string[] } {
  const position = snapshot.vulnerabilities.findIndex((v) => v.key === vuln.key)
  const aliases: string[] = []
  const related: string[] = []
  for (const peer of snapshot.peerAdvisories ?? []) {
    const byCve = vuln.cve ? peer.osv.find((r) => r.cve === vuln.cve) : undefined
    const atPosition = peer.osv[position]
    const same =
      byCve ??
      (atPosition && (atPosition.cve === null || vuln.cve === null || atPosition.cve === vuln.cve)
        ? atPosition
        : undefined)
    if (same) aliases.push(same.id)
    related.push(...peer.osv.filter((r) => r !== same).map((r) => r.id))
  }
  return { aliases, related, pages: (snapshot.peerAdvisories ?? []).map((peer) => peer.url) }
}
