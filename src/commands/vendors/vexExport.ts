// A case's vendor statements as a VEX document (CSAF 2.0 VEX, OpenVEX 0.2.0 or CycloneDX 1.6),
// for the whole case or one vendor. It holds what the caller may read of the statements (the
// policy's statement.read, through listStatements), narrowed to the caller's own vendor unless
// the caller sees every case (the coordinators): a vendor's tooling takes its own statements.
// Each vendor's newest statement per vulnerability counts, as on the case page.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError } from '../../domain/errors.js'
import { caseScope } from '../../domain/policy/index.js'
import { toCsafVex } from '../../domain/vexDocuments/csafVex.js'
import { toCycloneDxVex } from '../../domain/vexDocuments/cycloneDxVex.js'
import { toOpenVex } from '../../domain/vexDocuments/openVex.js'
import { caseVulnerabilityId, vexSnapshot, type VexFormat } from '../../domain/vexDocuments/vexCase.js'
import type { VexStatus, VexJustification } from '../../domain/vex.js'
import type { Config } from '../../config.js'
import { vulnerabilitiesInAdvisoryOrder } from '../../store/cases.js'
import type { Db } from '../../store/db.js'
import { ownParticipants } from '../../store/participants.js'
import { loadCaseFor } from '../cases/caseAccess.js'
import { productOf } from '../release/snapshot.js'
import { listStatements } from './statements.js'

export interface VexExportOptions {
  format: VexFormat
  /** One vendor's statements (its participant id in the case); all the caller may have otherwise. */
  participantId?: string | undefined
  config: Pick<Config, 'publicUrl' | 'release'>
  now?: Date
}

const extension: Readonly<Record<VexFormat, string>> = {
  csaf: 'csaf.json',
  openvex: 'openvex.json',
  cyclonedx: 'cdx.json',
}

/** The case's vulnerabilities in creation order, each with the case's own id for it. */
export async function caseVulnerabilities(db: Db, caseId: string, caseNumber: string) {
  const rows = await vulnerabilitiesInAdvisoryOrder(db, caseId)
  return rows.map((v, i) => ({ ...v, caseVulnerabilityId: caseVulnerabilityId(caseNumber, i + 1) }))
}

export async function exportVex(db: Db, actor: Actor, caseRef: string, options: VexExportOptions) {
  const { row } = await loadCaseFor(db, actor, caseRef, 'read')
  const scope = caseScope(actor)
  const readable = await listStatements(db, actor, row.id)
  // Who is not staff exports only what its own vendor said, even of what it may read of others.
  const own = scope === 'all' ? null : new Set((await ownParticipants(db, row.id, scope, 'vendor')).map((p) => p.id))
  if (options.participantId && own && !own.has(options.participantId)) throw new NotFoundError('participant')
  const speakers = options.participantId ? new Set([options.participantId]) : own
  if (speakers && speakers.size === 0) throw new NotFoundError('participant')
  const chosen = readable.filter((s) => !speakers || speakers.has(s.participant_id))
  // OpenVEX and the CSAF VEX profile both want at least one statement.
  if (chosen.length === 0) throw new ConflictError('There are no vendor statements to export yet.')
  const newest = new Map<string, (typeof chosen)[number]>()
  for (const s of chosen) newest.set(`${s.participant_id}/${s.vulnerability_id}`, s)

  const vulnerabilities = await caseVulnerabilities(db, row.id, row.case_number)
  const idOf = new Map(vulnerabilities.map((v) => [v.id, v.caseVulnerabilityId]))
  const issued = (options.now ?? new Date()).toISOString()
  const snapshot = vexSnapshot({
    caseNumber: row.case_number,
    title: row.title,
    summary: row.summary,
    publisher: {
      name: options.config.release.publisherName ?? 'Lockstep',
      namespace: options.config.publicUrl,
      contactDetails: options.config.release.contact,
    },
    issued,
    vulnerabilities: vulnerabilities.map((v) => ({
      caseVulnerabilityId: v.caseVulnerabilityId,
      cve: v.cve_id,
      title: v.title,
      description: v.description,
      cwe: v.cwe,
      affected: v.affected.map((a) => ({
        vendor: a.vendor,
        product: a.product,
        purl: productOf(a.purl),
        range: a.range ?? null,
      })),
    })),
    statements: [...newest.values()].map((s) => ({
      caseVulnerabilityId: idOf.get(s.vulnerability_id)!,
      vendor: s.participant_name ?? 'Vendor',
      status: s.status as VexStatus,
      justification: s.justification as VexJustification | null,
      fixedVersions: s.fixed_versions,
      remediation: s.remediation,
      references: s.references,
      date: s.created_at.toISOString(),
    })),
  })
  const document =
    options.format === 'csaf'
      ? toCsafVex(snapshot, row.tlp === 'RED' ? 'RED' : 'AMBER')
      : options.format === 'openvex'
        ? toOpenVex(snapshot, `${options.config.publicUrl.replace(/\/+$/, '')}/cases/${row.case_number}/vex/${issued}`)
        : toCycloneDxVex(snapshot)
  return { document, filename: `${row.case_number.toLowerCase()}-vex.${extension[options.format]}` }
}
