// A report (not yet a case) sent to a peer instance, in Vultron's vocabulary: RmSubmitReport is an
// AS2 `Offer` whose object is the `VulnerabilityReport` (Vultron: "one report, several recipients:
// send a separate RmSubmitReport to each recipient", each runs its own RM machine); the receiver's
// report starts Received. Its ruling goes back as RmValidateReport (`Accept`, object: the Offer) or
// RmInvalidateReport / RmCloseReport (`Reject`). What crosses is decided here, by the sending side,
// as for a case (caseOffer.ts): TLP:RED and AMBER+STRICT never leave, the finder is named only with
// consent and never when they reported anonymously, and the report's messages with its finder (a
// private exchange) and its files stay home.
import { PackageURL } from 'packageurl-js'
import { ValidationError, type FieldProblem } from '../errors.js'
import { tlpLabels, tlpRank, type TlpLabel } from '../tlp.js'
import { bad, objectIn, senderUrl, str, text } from './activityFields.js'
import { offerOwnership } from './caseHandoff.js'
import { NEVER_CROSSES } from './caseOffer.js'

/** The labels a report may cross under. */
export type CrossingTlp = 'CLEAR' | 'GREEN' | 'AMBER'

export interface ReportForOffer {
  url: string
  trackingId: string
  title: string
  description: string
  impact: string | null
  reproduction: string | null
  affected: { vendor: string; product: string; versions: string | null; purl: string | null }[]
  publicAlready: boolean
  publicReferences: string[]
  exploitedAlready: boolean
  exploitedReferences: string[]
  cvssVector: string | null
  cwe: string | null
  /** The finder as the report names them (null: reported anonymously). */
  finder: { name: string | null; organization: string | null } | null
}

/** The report as it crosses (Vultron's VulnerabilityReport: `name`, `content`; Lockstep's fields prefixed). */
export interface SubmittedReport {
  type: 'VulnerabilityReport'
  id: string
  name: string
  content: string
  'lockstep:trackingId': string
  'lockstep:tlp': CrossingTlp
  'lockstep:impact': string | null
  'lockstep:reproduction': string | null
  'lockstep:affected': ReportForOffer['affected']
  'lockstep:publicAlready': boolean
  'lockstep:publicReferences': string[]
  'lockstep:exploitedAlready': boolean
  'lockstep:exploitedReferences': string[]
  'lockstep:cvssVector': string | null
  'lockstep:cwe': string | null
  /** Named only with the finder's consent; otherwise null. */
  'lockstep:finder': { name: string | null; organization: string | null } | null
}

/**
 * What of a report crosses to a peer, under the label the coordinator chose: a label that never
 * leaves is refused (422 on `tlp`, nothing queued); the finder is named only when the coordinator
 * says they consented and they did not report anonymously.
 */
export function reportThatCrosses(r: ReportForOffer, o: { tlp: TlpLabel; finderConsent: boolean }): SubmittedReport {
  if (NEVER_CROSSES.includes(o.tlp))
    throw new ValidationError({
      field: 'tlp',
      message: `is TLP:${o.tlp}: such content never leaves this instance; choose AMBER, GREEN or CLEAR if the finder agrees`,
    })
  return {
    type: 'VulnerabilityReport',
    id: r.url,
    name: r.title,
    content: r.description,
    'lockstep:trackingId': r.trackingId,
    'lockstep:tlp': o.tlp as CrossingTlp,
    'lockstep:impact': r.impact,
    'lockstep:reproduction': r.reproduction,
    'lockstep:affected': r.affected,
    'lockstep:publicAlready': r.publicAlready,
    'lockstep:publicReferences': r.publicReferences,
    'lockstep:exploitedAlready': r.exploitedAlready,
    'lockstep:exploitedReferences': r.exploitedReferences,
    'lockstep:cvssVector': r.cvssVector,
    'lockstep:cwe': r.cwe,
    'lockstep:finder': o.finderConsent && r.finder ? r.finder : null,
  }
}

/**
 * A report that came here from a peer, sent on to another: under no looser label than it came
 * (TLP binds every later recipient), and without naming its finder, who agreed to be named to this
 * instance by the sender, not further (422 naming `tlp` or `shareFinderIdentity`).
 */
export function checkOnwardFromPeer(
  received: { tlp: TlpLabel; peerName: string },
  o: { tlp: TlpLabel; finderConsent: boolean },
): void {
  const problems: FieldProblem[] = []
  if (tlpRank(o.tlp) < tlpRank(received.tlp))
    problems.push({
      field: 'tlp',
      message: `is looser than TLP:${received.tlp}, the label ${received.peerName} sent the report under`,
    })
  if (o.finderConsent)
    problems.push({
      field: 'shareFinderIdentity',
      message: `cannot be given here: the finder agreed to be named to this instance by ${received.peerName}, not further`,
    })
  if (problems.length) throw new ValidationError(problems)
}

/** RmSubmitReport: an Offer of the report to the peer's actor, shaped as a hand-over's Offer of a case. */
export const submitReportTo = (o: {
  id: string
  from: string
  to: string
  object: SubmittedReport
  by: string
  at: Date
}) => offerOwnership(o)

/** An Offer of a VulnerabilityReport (rather than of a case, which is a hand-over). */
export const isReportOffer = (a: Record<string, unknown>) =>
  a.type === 'Offer' && objectIn(a.object).type === 'VulnerabilityReport'

const textOrNull = (v: unknown, max: number) => (str(v, max) && v.trim() ? v : null)
const urls = (v: unknown) => (Array.isArray(v) ? v.filter((u): u is string => str(u, 2000)).slice(0, 50) : [])

/**
 * One product of a received report, held to what this instance's own report form requires (a
 * vendor and a product, a purl that reads): a case opened from the report copies its products, and
 * a blank vendor or an unreadable purl would otherwise surface only when the advisory is released.
 */
function readAffectedProduct(v: unknown, i: number): ReportForOffer['affected'][number] {
  const p = objectIn(v)
  const what = `the report's product ${i + 1} (lockstep:affected.${i})`
  if (!str(p.vendor, 200) || !p.vendor.trim()) bad(`${what} has no vendor of at most 200 characters`)
  if (!str(p.product, 200) || !p.product.trim()) bad(`${what} has no product name of at most 200 characters`)
  const purl = p.purl === undefined || p.purl === null || p.purl === '' ? null : p.purl
  if (purl !== null && !(str(purl, 500) && readablePurl(purl.trim()))) bad(`${what} has a purl that cannot be read`)
  return {
    vendor: p.vendor.trim(),
    product: p.product.trim(),
    versions: textOrNull(p.versions, 500),
    purl: purl?.trim() ?? null,
  }
}

function readablePurl(purl: string): boolean {
  try {
    PackageURL.fromString(purl)
    return true
  } catch {
    return false
  }
}

/** The report of a received RmSubmitReport, read strictly where it matters (id, title, label), leniently elsewhere. */
export function readSubmittedReport(a: Record<string, unknown>, senderBaseUrl: string): SubmittedReport {
  const o = objectIn(a.object)
  const id = senderUrl(o.id, senderBaseUrl, "the report's id")
  if (!str(o.name, 300) || !o.name.trim()) bad("the report's name is missing")
  if (!str(o.content, 100000)) bad("the report's content is missing")
  const tlp = o['lockstep:tlp']
  if (!tlpLabels.includes(tlp as TlpLabel)) bad("the report's TLP label is missing")
  // The receiver holds the sender to the rule too: content that should never have left is refused.
  if (NEVER_CROSSES.includes(tlp as TlpLabel)) bad(`a TLP:${String(tlp)} report is never taken from another instance`)
  const affected = Array.isArray(o['lockstep:affected']) ? o['lockstep:affected'] : []
  if (affected.length > 100) bad('the report names too many products')
  const finder = objectIn(o['lockstep:finder'])
  const finderName = textOrNull(finder.name, 200)
  const finderOrganization = textOrNull(finder.organization, 200)
  return {
    type: 'VulnerabilityReport',
    id,
    name: o.name.trim(),
    content: o.content,
    'lockstep:trackingId': text(o['lockstep:trackingId'], 100, ''),
    'lockstep:tlp': tlp as CrossingTlp,
    'lockstep:impact': textOrNull(o['lockstep:impact'], 20000),
    'lockstep:reproduction': textOrNull(o['lockstep:reproduction'], 50000),
    'lockstep:affected': affected.map(readAffectedProduct),
    'lockstep:publicAlready': o['lockstep:publicAlready'] === true,
    'lockstep:publicReferences': urls(o['lockstep:publicReferences']),
    'lockstep:exploitedAlready': o['lockstep:exploitedAlready'] === true,
    'lockstep:exploitedReferences': urls(o['lockstep:exploitedReferences']),
    'lockstep:cvssVector': textOrNull(o['lockstep:cvssVector'], 200),
    'lockstep:cwe': textOrNull(o['lockstep:cwe'], 50),
    'lockstep:finder': finderName || finderOrganization ? { name: finderName, organization: finderOrganization } : null,
  }
}
