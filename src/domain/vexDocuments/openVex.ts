// OpenVEX 0.2.0 (openvex/spec): one statement per vendor statement, its products by purl (or by
// an IRI under the instance when the case knows no purl), the vulnerability by CVE ID with the
// case's own id as an alias. The reader takes any OpenVEX 0.2.0 document back to statements.
import { vexJustificationLabels, vexStatuses, type VexStatus } from '../vex.js'
import type { AdvisorySnapshot } from '../advisory/snapshot.js'
import { vulnerabilityId } from '../advisory/links.js'
import { actionWords, productIri, productNameOfIri, statementsWithProducts } from './statementProducts.js'
import { asList, asObject, asText, type ReadVexStatement, type VexReading } from './vexCase.js'

export const openVexContext = 'https://openvex.dev/ns/v0.2.0'

export function toOpenVex(snapshot: AdvisorySnapshot, documentUrl: string): object {
  const statements = statementsWithProducts(snapshot).map(({ vuln, statement, positions }) => {
    const caseId = vulnerabilityId(snapshot, vuln)
    const products = positions.map((p) =>
      p.purl
        ? { '@id': p.purl, identifiers: { purl: p.purl } }
        : { '@id': productIri(snapshot.publisher.namespace, p.product) },
    )
    return {
      vulnerability: {
        name: vuln.cve ?? caseId,
        ...(vuln.cve ? { aliases: [caseId] } : {}),
        ...(vuln.description.trim() ? { description: vuln.description.trim() } : {}),
      },
      timestamp: statement.date,
      products,
      status: statement.status,
      supplier: statement.vendor,
      ...(statement.status === 'not_affected' && statement.justification
        ? {
            justification: statement.justification,
            impact_statement: vexJustificationLabels[statement.justification],
          }
        : {}),
      ...(statement.status === 'affected' ? { action_statement: actionWords(statement) } : {}),
      ...(statement.status === 'fixed' ? { status_notes: actionWords(statement) } : {}),
    }
  })
  return {
    '@context': openVexContext,
    '@id': documentUrl,
    author: snapshot.publisher.name,
    role: 'Coordinator',
    timestamp: snapshot.currentReleaseDate,
    version: 1,
    tooling: 'Lockstep',
    statements,
  }
}

const fixedIn = /^(?:Update to|Fixed in) (.+?)\.(?=\s|$)/

/** What the notes say beyond the fixed versions (which have their own field). */
function remediationOf(notes: string | null, fixed: RegExpExecArray | null): string | null {
  const rest = (fixed ? notes!.slice(fixed[0].length) : (notes ?? '')).trim()
  return rest && rest !== 'No fix has been announced yet.' ? rest : null
}

export function readOpenVex(doc: Record<string, unknown>): VexReading {
  const problems: { field: string; message: string }[] = []
  if (typeof doc['@context'] !== 'string' || !doc['@context'].startsWith('https://openvex.dev/ns'))
    problems.push({ field: '@context', message: 'must be the OpenVEX context (https://openvex.dev/ns/v0.2.0)' })
  // The document fields OpenVEX 0.2.0 requires besides its statements.
  for (const field of ['@id', 'author', 'timestamp'])
    if (!asText(doc[field])) problems.push({ field, message: 'is required (OpenVEX 0.2.0)' })
  if (!Number.isInteger(doc.version) || (doc.version as number) < 1)
    problems.push({ field: 'version', message: 'is required: a whole number from 1 (OpenVEX 0.2.0)' })
  if (!Array.isArray(doc.statements) || doc.statements.length === 0)
    problems.push({ field: 'statements', message: 'must list at least one statement' })
  const statements: ReadVexStatement[] = []
  asList(doc.statements).forEach((entry, i) => {
    const at = `statements/${i}`
    const s = asObject(entry)
    const vuln = asObject(s?.vulnerability)
    const name = asText(vuln?.name)
    if (!s || !vuln || !name) return problems.push({ field: `${at}/vulnerability/name`, message: 'is required' })
    const statusAsWritten = asText(s.status) ?? ''
    const status = (vexStatuses as readonly string[]).includes(statusAsWritten) ? (statusAsWritten as VexStatus) : null
    const products = asList(s.products).map((p) => {
      const product = asObject(p) ?? {}
      const id = asText(product['@id'])
      const purl = asText(asObject(product.identifiers)?.purl) ?? (id?.startsWith('pkg:') ? id : null)
      return { purl, name: id && !purl ? (productNameOfIri(id) ?? id) : null }
    })
    const notes = asText(s.action_statement) ?? asText(s.status_notes)
    const fixed = notes ? fixedIn.exec(notes) : null
    statements.push({
      at,
      vulnerabilityIds: [name, ...asList(vuln.aliases).filter((a): a is string => typeof a === 'string')],
      products,
      status,
      statusAsWritten,
      justification: asText(s.justification),
      fixedVersions: status === 'fixed' || status === 'affected' ? (fixed?.[1]?.split(/,\s*/) ?? []) : [],
      remediation: remediationOf(notes, fixed),
      references: [],
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, format: 'openvex', statements }
}
