// Freezing a case into its advisory snapshot: the draft's words, the vulnerabilities with their
// CVE IDs, CWE, CVSS, SSVC decision and known exploitation, the affected products, and the vendors' approved statements (the newest
// approved one per vendor and vulnerability), with those of the peer instances sharing the case
// that arrived by the instant, marked with who approved them. Nothing unapproved, no private thread, no TLP:RED
// detail goes in: only what the coordinator approved for publication.
import type {
  AdvisoryCvss,
  AdvisorySnapshot,
  AdvisoryStatement,
  AdvisoryVulnerability,
} from '../../domain/advisory/snapshot.js'
import { severityOf } from '../../domain/cvss.js'
import { cweName } from '../../domain/advisory/cweNames.js'
import { triageSelections } from '../../domain/ssvc.js'
import type { ReleaseConfig } from '../../config.js'
import { approvedStatementsOf } from '../../store/approvedStatements.js'
import { vulnerabilitiesInAdvisoryOrder } from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import { peerAdvisoriesOf } from '../../store/federation/peerAdvisories.js'
import { placedPeerStatements } from '../federation/peerStatements.js'
import type { AdvisoryDraft } from '../../store/schema.js'

/** "pkg:generic/sendmail@8.12.7" → "pkg:generic/sendmail": the product, not one version of it. */
export function productOf(purl: string | null): string | null {
  if (!purl) return null
  const at = purl.lastIndexOf('@')
  const cut = at > purl.indexOf('/') ? purl.slice(0, at) : purl
  return cut.split(/[?#]/)[0]!
}

function cvssOf(vector: string | null, score: string | null): AdvisoryCvss[] {
  if (!vector || score === null) return []
  const version = vector.startsWith('CVSS:4.0/') ? '4.0' : vector.startsWith('CVSS:3.1/') ? '3.1' : null
  if (!version) return []
  const baseScore = Number(score)
  return [{ version, vector, baseScore, baseSeverity: severityOf(baseScore).toUpperCase() }]
}

export interface SnapshotInput {
  caseId: string
  publicId: string
  draft: AdvisoryDraft
  release: ReleaseConfig
  publicUrl: string
  /** The first release's instant, and this revision's. */
  initialReleaseDate: Date
  currentReleaseDate: Date
  revisions: AdvisorySnapshot['revisions']
  /**
   * Peers' statements received after this are left for the next revision: the embargo's end for a
   * release at it (however late the scheduler ran), else this revision's instant.
   */
  peerStatementsUntil?: Date
}

export async function buildSnapshot(db: Db, input: SnapshotInput): Promise<AdvisorySnapshot> {
  const c = await db
    .selectFrom('cases')
    .select(['case_number'])
    .where('id', '=', input.caseId)
    .executeTakeFirstOrThrow()
  const coordinator = await db
    .selectFrom('participants')
    .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
    .leftJoin('users', 'users.id', 'participants.user_id')
    .select((eb) => eb.fn.coalesce('organizations.name', 'users.name').as('name'))
    .where('participants.case_id', '=', input.caseId)
    .where(({ eb, fn }) => eb(eb.val('coordinator'), '=', fn.any('participants.roles')))
    .orderBy('participants.created_at')
    .executeTakeFirst()
  const vulnerabilities = await vulnerabilitiesInAdvisoryOrder(db, input.caseId)
  const statements = await approvedStatementsOf(db, input.caseId)

  // The peers' vendors' statements, approved there and received by the instant (peerStatements.ts).
  const fromPeers = await placedPeerStatements(db, input.caseId, input.peerStatementsUntil ?? input.currentReleaseDate)

  const vulns: AdvisoryVulnerability[] = vulnerabilities.map((v, i) => {
    // The newest approved statement of each vendor, then the peers', by vendor name for a stable order.
    const seen = new Set<string>()
    const mine: AdvisoryStatement[] = [
      ...statements
        .filter((s) => s.vulnerability_id === v.id && !seen.has(s.participant_id) && seen.add(s.participant_id))
        .map((s) => ({
          vendor: s.vendor,
          status: s.status,
          justification: (s.justification as AdvisoryStatement['justification']) ?? null,
          fixedVersions: s.fixed_versions,
          remediation: s.remediation,
          references: s.references,
          date: s.created_at.toISOString(),
        })),
      ...fromPeers.flatMap((p) => (p.vulnerabilityId === v.id && p.advisory ? [p.advisory] : [])),
    ].sort((a, b) => a.vendor.localeCompare(b.vendor))
    return {
      key: `V${i + 1}`,
      cve: v.cve_id,
      title: v.title,
      description: v.description,
      cwe: v.cwe,
      cweName: cweName(v.cwe),
      cvss: cvssOf(v.cvss_vector, v.cvss_score),
      affected: v.affected.map((a) => ({
        vendor: a.vendor,
        product: a.product,
        purl: productOf(a.purl),
        ...(a.cpe ? { cpe: a.cpe } : {}),
        range: a.range ?? null,
        fixedVersions: [...new Set(mine.filter((s) => s.vendor === a.vendor).flatMap((s) => s.fixedVersions))],
      })),
      statements: mine,
      // Only when recorded, so that snapshots of cases without them read as before.
      ...(v.ssvc ? { ssvc: { role: 'Coordinator', date: v.ssvc.at, selections: triageSelections(v.ssvc) } } : {}),
      ...(v.exploited_since
        ? {
            firstKnownExploitation: {
              exploitedAt: v.exploited_since.toISOString(),
              recordedAt: (v.exploited_recorded_at ?? v.exploited_since).toISOString(),
            },
          }
        : {}),
    }
  })

  const peers = await peerAdvisoriesOf(db, input.caseId)
  return {
    id: input.publicId,
    caseNumber: c.case_number,
    title: input.draft.title,
    publisher: {
      name: input.release.publisherName ?? coordinator?.name ?? 'Lockstep',
      namespace: input.publicUrl,
      contactDetails: input.release.contact,
    },
    initialReleaseDate: input.initialReleaseDate.toISOString(),
    currentReleaseDate: input.currentReleaseDate.toISOString(),
    revisions: input.revisions,
    overview: input.draft.overview,
    description: input.draft.description,
    impact: input.draft.impact,
    solution: input.draft.solution,
    references: input.draft.references.map((r) => ({ url: r.url, summary: r.summary, category: 'external' as const })),
    credits: input.draft.credits.map((c) => ({ name: c.name, contribution: c.contribution, type: 'finder' as const })),
    vulnerabilities: vulns,
    ...(peers.length > 0 ? { peerAdvisories: peers } : {}),
  }
}
