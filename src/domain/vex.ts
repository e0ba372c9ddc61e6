// A vendor's statement on one vulnerability, in VEX terms (CISA's minimum requirements, as OpenVEX
// and CSAF's VEX profile spell them): under investigation, affected, not affected (with one of the
// five standard justifications) or fixed (in named versions). The exporters translate from here.
import type { FieldProblem } from './errors.js'

export const vexStatuses = ['under_investigation', 'affected', 'not_affected', 'fixed'] as const
export type VexStatus = (typeof vexStatuses)[number]

export const vexStatusLabels: Readonly<Record<VexStatus, string>> = {
  under_investigation: 'Under investigation',
  affected: 'Affected',
  not_affected: 'Not affected',
  fixed: 'Fixed',
}

/** CISA's status justifications, the names OpenVEX and CSAF use, in CISA's order. */
export const vexJustifications = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'vulnerable_code_not_in_execute_path',
  'inline_mitigations_already_exist',
] as const
export type VexJustification = (typeof vexJustifications)[number]

/** After CISA's "VEX Status Justifications" (2022), one short sentence each. */
export const vexJustificationLabels: Readonly<Record<VexJustification, string>> = {
  component_not_present: 'The vulnerable component is not in the product.',
  vulnerable_code_not_present: 'The component is present, but not the vulnerable code.',
  vulnerable_code_cannot_be_controlled_by_adversary:
    'The vulnerable code is present, but an attacker cannot control it.',
  vulnerable_code_not_in_execute_path: 'The vulnerable code is present, but can never be executed.',
  inline_mitigations_already_exist: 'Built-in protections prevent exploitation.',
}

export interface VexStatement {
  status: VexStatus
  /** Set exactly when the status is not_affected. */
  justification: VexJustification | null
  /** Trimmed, without duplicates; at least one when fixed, none unless fixed or affected. */
  fixedVersions: string[]
  remediation: string | null
  /** http(s) URLs, without duplicates. */
  references: string[]
}

export interface VexStatementInput {
  status: string
  justification?: string | null
  fixedVersions?: string[]
  remediation?: string | null
  references?: string[]
}

export type VexValidation = { ok: true; statement: VexStatement } | { ok: false; problems: FieldProblem[] }

export const vexLimits = {
  versions: 100,
  versionLength: 200,
  remediationLength: 10_000,
  references: 50,
  referenceLength: 2_000,
} as const

// "Not affected", "not-affected" and "NOT_AFFECTED" all mean not_affected: forms send labels,
// CSV and mail send whatever people type.
const token = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

const isStatus = (text: string): text is VexStatus => (vexStatuses as readonly string[]).includes(text)
const isJustification = (text: string): text is VexJustification =>
  (vexJustifications as readonly string[]).includes(text)

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

export function validateStatement(input: VexStatementInput): VexValidation {
  const problems: FieldProblem[] = []
  const problem = (field: string, message: string) => problems.push({ field, message })

  const status = typeof input.status === 'string' ? token(input.status) : ''
  if (!isStatus(status)) problem('status', `must be one of ${vexStatuses.join(', ')}`)

  const justificationText = typeof input.justification === 'string' ? token(input.justification) : ''
  let justification: VexJustification | null = null
  if (justificationText && !isJustification(justificationText))
    problem('justification', `must be one of ${vexJustifications.join(', ')}`)
  else if (justificationText && status !== 'not_affected')
    problem('justification', 'is given only with the status not_affected')
  else if (isJustification(justificationText)) justification = justificationText
  else if (status === 'not_affected')
    problem('justification', `must say why the product is not affected: one of ${vexJustifications.join(', ')}`)

  const fixedVersions = checkedList(
    input.fixedVersions,
    'fixedVersions',
    vexLimits.versions,
    problem,
    (version, field) => {
      if (version.length > vexLimits.versionLength)
        problem(field, `is longer than ${vexLimits.versionLength} characters`)
    },
  )
  if (status === 'fixed' && fixedVersions.length === 0 && !problems.some((p) => p.field.startsWith('fixedVersions')))
    problem('fixedVersions', 'must name at least one version that contains the fix')
  if ((status === 'not_affected' || status === 'under_investigation') && fixedVersions.length > 0)
    problem('fixedVersions', `are given only with the status fixed or affected, not ${status}`)

  const remediation =
    typeof input.remediation === 'string' && input.remediation.trim() ? input.remediation.trim() : null
  if (remediation && remediation.length > vexLimits.remediationLength)
    problem('remediation', `is longer than ${vexLimits.remediationLength} characters`)

  const references = checkedList(input.references, 'references', vexLimits.references, problem, (reference, field) => {
    if (reference.length > vexLimits.referenceLength)
      problem(field, `is longer than ${vexLimits.referenceLength} characters`)
    else if (!isHttpUrl(reference)) problem(field, 'must be an http or https URL')
  })

  if (problems.length > 0 || !isStatus(status)) return { ok: false, problems }
  return { ok: true, statement: { status, justification, fixedVersions, remediation, references } }
}

/** Trims each entry, reports empty ones and what `check` finds by index, and drops duplicates. */
function checkedList(
  list: unknown,
  field: string,
  most: number,
  problem: (field: string, message: string) => void,
  check: (entry: string, field: string) => void,
): string[] {
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) {
    problem(field, 'must be a list')
    return []
  }
  if (list.length > most) problem(field, `may list at most ${most}`)
  const kept: string[] = []
  list.forEach((entry: unknown, i) => {
    const at = `${field}.${i}`
    if (typeof entry !== 'string') return problem(at, 'must be text')
    if (!entry.trim()) return problem(at, 'must not be empty')
    const trimmed = entry.trim()
    check(trimmed, at)
    if (!kept.includes(trimmed)) kept.push(trimmed)
  })
  return kept
}

// ---- for the exporters ----

export type CsafProductStatus = 'known_affected' | 'known_not_affected' | 'fixed' | 'under_investigation'

/** The CSAF 2.0 product_status list a product goes in for each status. */
export const csafProductStatus: Readonly<Record<VexStatus, CsafProductStatus>> = {
  under_investigation: 'under_investigation',
  affected: 'known_affected',
  not_affected: 'known_not_affected',
  fixed: 'fixed',
}

/**
 * The CSAF 2.0 flag label (vulnerabilities[].flags[].label) for each justification; OpenVEX's
 * justification field takes the same words. OSV has no such field: an OSV record lists only
 * affected packages, so a product that is not affected is simply left out of it.
 */
export const csafFlagLabel: Readonly<Record<VexJustification, VexJustification>> = {
  component_not_present: 'component_not_present',
  vulnerable_code_not_present: 'vulnerable_code_not_present',
  vulnerable_code_cannot_be_controlled_by_adversary: 'vulnerable_code_cannot_be_controlled_by_adversary',
  vulnerable_code_not_in_execute_path: 'vulnerable_code_not_in_execute_path',
  inline_mitigations_already_exist: 'inline_mitigations_already_exist',
}
