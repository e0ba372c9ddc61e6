// SSVC coordinator triage: CERT/CC's decision table (ssvc:DT_COORD_TRIAGE 1.0.0) telling a
// coordinator whether to decline a report, track it, or coordinate it. The table is data here, not
// rules in code, so it can be checked row by row against the official one, and every decision is
// returned with the inputs and table version that produced it, for the case ledger: a later version
// of the table must not silently re-decide old cases.
// Values are spelled as in the official CSV (the official names, lower case).
import type { FieldProblem } from './errors.js'

export const coordinatorTriageVersion = '1.0.0'

/** The decision points, in the official order, each with its official id and values. */
export const triageDecisionPoints = {
  reportPublic: { id: 'ssvc:RP:1.0.0', name: 'Report Public', values: ['yes', 'no'] },
  supplierContacted: { id: 'ssvc:SCON:1.0.0', name: 'Supplier Contacted', values: ['no', 'yes'] },
  reportCredibility: { id: 'ssvc:RC:1.0.0', name: 'Report Credibility', values: ['not credible', 'credible'] },
  supplierCardinality: { id: 'ssvc:SC:1.0.0', name: 'Supplier Cardinality', values: ['one', 'multiple'] },
  supplierEngagement: { id: 'ssvc:SE:1.0.0', name: 'Supplier Engagement', values: ['active', 'unresponsive'] },
  utility: { id: 'ssvc:U:1.0.1', name: 'Utility', values: ['laborious', 'efficient', 'super effective'] },
  publicSafetyImpact: { id: 'ssvc:PSI:2.0.1', name: 'Public Safety Impact', values: ['minimal', 'significant'] },
} as const

/** The table's outcome as a decision point of its own ("Decline, Track, Coordinate"). */
const triageOutcomePoint = { id: 'ssvc:COORDINATE:1.0.1', name: 'Decline, Track, Coordinate' } as const

export type TriageDecisionPoint = keyof typeof triageDecisionPoints
export type TriageInputs = { -readonly [K in TriageDecisionPoint]: (typeof triageDecisionPoints)[K]['values'][number] }
export type TriageOutcome = 'decline' | 'track' | 'coordinate'

export interface TriageDecision {
  outcome: TriageOutcome
  inputs: TriageInputs
  version: typeof coordinatorTriageVersion
}

type Row = [
  TriageInputs['reportPublic'],
  TriageInputs['supplierContacted'],
  TriageInputs['reportCredibility'],
  TriageInputs['supplierCardinality'],
  TriageInputs['supplierEngagement'],
  // utility × public safety impact: laborious, efficient, super effective; each minimal then significant
  [TriageOutcome, TriageOutcome, TriageOutcome, TriageOutcome, TriageOutcome, TriageOutcome],
]

const D = 'decline'
const T = 'track'
const C = 'coordinate'

// One line per combination of the first five decision points; the six outcomes run
//   laborious/minimal, laborious/significant, efficient/minimal, efficient/significant,
//   super effective/minimal, super effective/significant.
const table: Row[] = [
  ['yes', 'no', 'not credible', 'one', 'active', [D, D, D, D, D, D]],
  ['yes', 'no', 'not credible', 'one', 'unresponsive', [D, D, D, D, D, D]],
  ['yes', 'no', 'not credible', 'multiple', 'active', [D, D, D, D, D, C]],
  ['yes', 'no', 'not credible', 'multiple', 'unresponsive', [D, D, D, D, D, C]],
  ['yes', 'no', 'credible', 'one', 'active', [D, D, D, D, D, D]],
  ['yes', 'no', 'credible', 'one', 'unresponsive', [D, D, D, D, D, D]],
  ['yes', 'no', 'credible', 'multiple', 'active', [D, D, D, D, D, C]],
  ['yes', 'no', 'credible', 'multiple', 'unresponsive', [D, D, D, D, D, C]],
  ['yes', 'yes', 'not credible', 'one', 'active', [D, D, D, D, D, D]],
  ['yes', 'yes', 'not credible', 'one', 'unresponsive', [D, D, D, D, D, D]],
  ['yes', 'yes', 'not credible', 'multiple', 'active', [D, D, D, D, D, C]],
  ['yes', 'yes', 'not credible', 'multiple', 'unresponsive', [D, D, D, D, D, C]],
  ['yes', 'yes', 'credible', 'one', 'active', [D, D, D, D, D, D]],
  ['yes', 'yes', 'credible', 'one', 'unresponsive', [D, D, D, D, D, D]],
  ['yes', 'yes', 'credible', 'multiple', 'active', [D, D, D, D, D, C]],
  ['yes', 'yes', 'credible', 'multiple', 'unresponsive', [D, D, D, D, D, C]],
  ['no', 'no', 'not credible', 'one', 'active', [D, D, D, D, D, D]],
  ['no', 'no', 'not credible', 'one', 'unresponsive', [D, D, D, D, D, D]],
  ['no', 'no', 'not credible', 'multiple', 'active', [D, D, D, D, D, C]],
  ['no', 'no', 'not credible', 'multiple', 'unresponsive', [D, D, D, D, D, C]],
  ['no', 'no', 'credible', 'one', 'active', [D, D, D, D, D, D]],
  ['no', 'no', 'credible', 'one', 'unresponsive', [D, D, D, D, D, D]],
  ['no', 'no', 'credible', 'multiple', 'active', [D, D, D, D, D, C]],
  ['no', 'no', 'credible', 'multiple', 'unresponsive', [D, D, D, D, D, C]],
  ['no', 'yes', 'not credible', 'one', 'active', [D, D, D, T, D, T]],
  ['no', 'yes', 'not credible', 'one', 'unresponsive', [D, D, D, T, D, T]],
  ['no', 'yes', 'not credible', 'multiple', 'active', [D, T, D, T, T, C]],
  ['no', 'yes', 'not credible', 'multiple', 'unresponsive', [D, T, D, T, T, C]],
  ['no', 'yes', 'credible', 'one', 'active', [D, D, D, T, D, T]],
  ['no', 'yes', 'credible', 'one', 'unresponsive', [T, C, C, C, C, C]],
  ['no', 'yes', 'credible', 'multiple', 'active', [D, T, D, T, C, C]],
  ['no', 'yes', 'credible', 'multiple', 'unresponsive', [C, C, C, C, C, C]],
]

const fields = Object.keys(triageDecisionPoints) as TriageDecisionPoint[]
const keyOf = (inputs: TriageInputs) => fields.map((f) => inputs[f]).join('|')

const outcomes = new Map<string, TriageOutcome>()
for (const [
  reportPublic,
  supplierContacted,
  reportCredibility,
  supplierCardinality,
  supplierEngagement,
  row,
] of table) {
  let i = 0
  for (const utility of triageDecisionPoints.utility.values) {
    for (const publicSafetyImpact of triageDecisionPoints.publicSafetyImpact.values) {
      const inputs = {
        reportPublic,
        supplierContacted,
        reportCredibility,
        supplierCardinality,
        supplierEngagement,
        utility,
        publicSafetyImpact,
      }
      outcomes.set(keyOf(inputs), row[i++] as TriageOutcome)
    }
  }
}

export function coordinatorTriage(inputs: TriageInputs): TriageDecision {
  const recorded = Object.fromEntries(fields.map((f) => [f, inputs[f]])) as TriageInputs
  const outcome = outcomes.get(keyOf(recorded))
  // Unreachable for typed inputs (the test proves the table complete); an untyped caller skipped validation.
  if (!outcome) throw new Error(`SSVC coordinator triage has no row for ${keyOf(recorded)}`)
  return { outcome, inputs: recorded, version: coordinatorTriageVersion }
}

export type TriageInputsCheck = { ok: true; inputs: TriageInputs } | { ok: false; errors: FieldProblem[] }

/** Checks inputs from outside (a form, the API, an import); every problem is named by its field. */
export function validateTriageInputs(raw: unknown): TriageInputsCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: '', message: `must be an object with ${fields.join(', ')}` }] }
  }
  const given = raw as Record<string, unknown>
  const errors: FieldProblem[] = []
  for (const field of fields) {
    const allowed: readonly string[] = triageDecisionPoints[field].values
    const value = given[field]
    if (value === undefined) errors.push({ field, message: `is required (one of ${allowed.join(', ')})` })
    else if (typeof value !== 'string' || !allowed.includes(value))
      errors.push({ field, message: `must be one of ${allowed.join(', ')}` })
  }
  for (const field of Object.keys(given)) {
    if (!(field in triageDecisionPoints))
      errors.push({ field, message: 'is not a decision point of SSVC coordinator triage' })
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, inputs: Object.fromEntries(fields.map((f) => [f, given[f]])) as TriageInputs }
}

/** One step of the path the table took: the value chosen, and what another value alone would have decided. */
export interface TriageStep {
  point: TriageDecisionPoint
  value: string
  /** The other values of this point that would have changed the outcome, had only they differed. */
  otherwise: { value: string; outcome: TriageOutcome }[]
}

/**
 * The decision path, for people: each decision point in the official order with the value chosen,
 * and which single change would have led elsewhere. A point with no such change did not decide
 * the outcome; those with one are the reasons for it ("Decline because the supplier was not
 * contacted: had it been, Track").
 */
export function explainTriage(inputs: TriageInputs): TriageStep[] {
  const outcome = coordinatorTriage(inputs).outcome
  return fields.map((point) => ({
    point,
    value: inputs[point],
    otherwise: (triageDecisionPoints[point].values as readonly string[])
      .filter((value) => value !== inputs[point])
      .map((value) => ({ value, outcome: coordinatorTriage({ ...inputs, [point]: value } as TriageInputs).outcome }))
      .filter((other) => other.outcome !== outcome),
  }))
}

/** One SSVC selection (the shape CSAF 2.1's ssvc_v1 metric lists): a decision point and its value. */
export interface SsvcSelection {
  namespace: string
  name: string
  version: string
  values: string[]
}

/** "super effective" → "Super Effective": values as the official tables spell them. */
const officialValue = (value: string) => value.replace(/\b[a-z]/g, (c) => c.toUpperCase())

/** "ssvc:RP:1.0.0" → namespace "ssvc", version "1.0.0". */
function selection(point: { id: string; name: string }, value: string): SsvcSelection {
  const [namespace = 'ssvc', , version = ''] = point.id.split(':')
  return { namespace, name: point.name, version, values: [officialValue(value)] }
}

/** A recorded decision as SSVC selections: every input in the official order, then the outcome. */
export function triageSelections(decision: TriageDecision): SsvcSelection[] {
  return [
    ...fields.map((f) => selection(triageDecisionPoints[f], decision.inputs[f])),
    selection(triageOutcomePoint, decision.outcome),
  ]
}

/** Inputs from outside decided by the table, or every problem named under `field` ("ssvc.utility"). */
export function decideTriage(
  raw: unknown,
  field = 'ssvc',
): { ok: true; decision: TriageDecision } | { ok: false; errors: FieldProblem[] } {
  const checked = validateTriageInputs(raw)
  if (checked.ok) return { ok: true, decision: coordinatorTriage(checked.inputs) }
  return { ok: false, errors: checked.errors.map((e) => ({ ...e, field: e.field ? `${field}.${e.field}` : field })) }
}
