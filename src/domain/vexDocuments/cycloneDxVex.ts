// CycloneDX 1.6 VEX: the products as components, each vendor statement as a vulnerability with
// its analysis (state, justification, response, detail) and the components it affects; fixed
// versions are listed as unaffected versions of the product. CISA's justifications and
// CycloneDX's have no one-to-one mapping: each of ours is written as the nearest CycloneDX one and
// read back from it (the others are read as the nearest of ours).
import type { VexJustification, VexStatus } from '../vex.js'
import type { AdvisorySnapshot } from '../advisory/snapshot.js'
import { vulnerabilityId } from '../advisory/links.js'
import { statementsWithProducts } from './statementProducts.js'
import {
  asList,
  asObject,
  asText,
  httpUrls,
  type ReadVexStatement,
  type VexProductRef,
  type VexReading,
} from './vexCase.js'

const stateOf: Readonly<Record<VexStatus, string>> = {
  under_investigation: 'in_triage',
  affected: 'exploitable',
  not_affected: 'not_affected',
  fixed: 'resolved',
}
const statusOfState: Readonly<Record<string, VexStatus>> = {
  in_triage: 'under_investigation',
  exploitable: 'affected',
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
}

const justificationOf: Readonly<Record<VexJustification, string>> = {
  component_not_present: 'requires_dependency',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
}
const justificationOfCycloneDx: Readonly<Record<string, VexJustification>> = {
  requires_dependency: 'component_not_present',
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
}

export function toCycloneDxVex(snapshot: AdvisorySnapshot): object {
  const components: object[] = []
  const refs = new Map<string, string>()
  const refOf = (vendor: string, product: string, purl: string | null) => {
    const key = `${vendor}\u0000${product}\u0000${purl ?? ''}`
    let ref = refs.get(key)
    if (!ref) {
      ref = `product-${refs.size + 1}`
      refs.set(key, ref)
      components.push({
        type: 'application',
        'bom-ref': ref,
        supplier: { name: vendor },
        name: product,
        ...(purl ? { purl } : {}),
      })
    }
    return ref
  }
  const vulnerabilities = statementsWithProducts(snapshot).map(({ vuln, statement, positions }) => {
    const caseId = vulnerabilityId(snapshot, vuln)
    const fixed = statement.fixedVersions.map((version) => ({ version, status: 'unaffected' }))
    const response =
      statement.status === 'affected'
        ? statement.fixedVersions.length > 0
          ? ['update']
          : statement.remediation
            ? ['workaround_available']
            : []
        : []
    return {
      id: vuln.cve ?? caseId,
      source: vuln.cve
        ? { name: 'CVE', url: `https://www.cve.org/CVERecord?id=${vuln.cve}` }
        : { name: snapshot.publisher.name },
      ...(vuln.cve ? { references: [{ id: caseId, source: { name: snapshot.publisher.name } }] } : {}),
      ...(vuln.description.trim() ? { description: vuln.description.trim() } : {}),
      ...(statement.references.length > 0 ? { advisories: statement.references.map((url) => ({ url })) } : {}),
      analysis: {
        state: stateOf[statement.status],
        ...(statement.justification ? { justification: justificationOf[statement.justification] } : {}),
        ...(response.length > 0 ? { response } : {}),
        ...(statement.remediation ? { detail: statement.remediation } : {}),
        lastUpdated: statement.date,
      },
      affects: positions.map((p) => ({
        ref: refOf(p.vendor, p.product, p.purl),
        ...(fixed.length > 0 ? { versions: fixed } : {}),
      })),
    }
  })
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    version: 1,
    metadata: {
      timestamp: snapshot.currentReleaseDate,
      tools: { components: [{ type: 'application', name: 'Lockstep' }] },
      supplier: { name: snapshot.publisher.name, url: [snapshot.publisher.namespace] },
    },
    components,
    vulnerabilities,
  }
}

/** Every component of the BOM by its bom-ref, nested ones too. */
function componentsByRef(doc: Record<string, unknown>): Map<string, VexProductRef> {
  const found = new Map<string, VexProductRef>()
  const walk = (list: unknown) => {
    for (const c of asList(list)) {
      const component = asObject(c)
      if (!component) continue
      const ref = asText(component['bom-ref'])
      if (ref) found.set(ref, { name: asText(component.name), purl: asText(component.purl) })
      walk(component.components)
    }
  }
  walk(doc.components)
  const top = asObject(asObject(doc.metadata)?.component)
  if (top) walk([top])
  return found
}

/**
 * The product a vulnerability affects: a component of this BOM by its bom-ref, or one of another
 * BOM by a BOM-Link ("urn:cdx:<serial>/<version>#<bom-ref>", the bom-ref often a purl).
 */
function productOfRef(ref: string, components: Map<string, VexProductRef>): VexProductRef {
  const own = components.get(ref)
  if (own) return own
  let local = ref
  if (ref.startsWith('urn:cdx:') && ref.includes('#')) {
    try {
      local = decodeURIComponent(ref.slice(ref.indexOf('#') + 1))
    } catch {
      local = ref.slice(ref.indexOf('#') + 1)
    }
  }
  return local.startsWith('pkg:') ? { name: null, purl: local } : { name: local || null, purl: null }
}

export function readCycloneDxVex(doc: Record<string, unknown>): VexReading {
  const problems: { field: string; message: string }[] = []
  if (!Array.isArray(doc.vulnerabilities) || doc.vulnerabilities.length === 0)
    problems.push({ field: 'vulnerabilities', message: 'must list at least one vulnerability with its analysis' })
  const components = componentsByRef(doc)
  const statements: ReadVexStatement[] = []
  asList(doc.vulnerabilities).forEach((entry, i) => {
    const at = `vulnerabilities/${i}`
    const v = asObject(entry) ?? {}
    const id = asText(v.id)
    if (!id) return problems.push({ field: `${at}/id`, message: 'is required' })
    const analysis = asObject(v.analysis)
    if (!analysis) return problems.push({ field: `${at}/analysis`, message: 'is required: it holds the VEX state' })
    const statusAsWritten = asText(analysis.state) ?? ''
    const status = statusOfState[statusAsWritten] ?? null
    const justificationAsWritten = asText(analysis.justification)
    const affects = asList(v.affects).map((a) => asObject(a) ?? {})
    const fixedVersions = [
      ...new Set(
        affects.flatMap((a) =>
          asList(a.versions)
            .map((version) => asObject(version) ?? {})
            .filter((version) => version.status === 'unaffected')
            .map((version) => asText(version.version))
            .filter((version): version is string => version !== null),
        ),
      ),
    ]
    statements.push({
      at,
      vulnerabilityIds: [
        id,
        ...asList(v.references)
          .map((r) => asText(asObject(r)?.id))
          .filter((r): r is string => r !== null),
      ],
      products: affects.map((a) => productOfRef(asText(a.ref) ?? '', components)),
      status,
      statusAsWritten,
      justification: justificationAsWritten
        ? (justificationOfCycloneDx[justificationAsWritten] ?? justificationAsWritten)
        : status === 'not_affected' && statusAsWritten === 'false_positive'
          ? 'vulnerable_code_not_present'
          : null,
      fixedVersions: status === 'fixed' || status === 'affected' ? fixedVersions : [],
      remediation: asText(analysis.detail),
      references: httpUrls(asList(v.advisories).map((a) => asObject(a)?.url)),
    })
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, format: 'cyclonedx', statements }
}
