import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  coordinatorTriage,
  explainTriage,
  triageDecisionPoints,
  validateTriageInputs,
  type TriageDecisionPoint,
  type TriageInputs,
} from './ssvc.js'

// The official CERT/CC tables, read where they are shared, never copied into the project.
const data = path.resolve(process.cwd(), '../shared/conformance/ssvc/data')

interface OfficialValue {
  key: string
  name: string
}
interface OfficialTable {
  key: string
  version: string
  decision_points: Record<string, { name: string; version: string; values: OfficialValue[] }>
  outcome: string
  mapping: Record<string, string>[]
}

const official = JSON.parse(
  readFileSync(path.join(data, 'json/decision_tables/ssvc/coordinator_triage_1_0_0.json'), 'utf8'),
) as OfficialTable
const fields = Object.keys(triageDecisionPoints) as TriageDecisionPoint[]
const nameOf = (id: string, key: string) => {
  const value = official.decision_points[id]?.values.find((v) => v.key === key)
  if (!value) throw new Error(`official table has no value ${key} for ${id}`)
  return value.name.toLowerCase()
}

/** Each official row as our inputs and the official outcome, spelled as the CSV spells them. */
function officialRowsFromJson(): { inputs: TriageInputs; outcome: string }[] {
  return official.mapping.map((row) => ({
    inputs: Object.fromEntries(
      fields.map((f) => [f, nameOf(triageDecisionPoints[f].id, row[triageDecisionPoints[f].id] ?? '')]),
    ) as TriageInputs,
    outcome: nameOf(official.outcome, row[official.outcome] ?? ''),
  }))
}

function officialRowsFromCsv(): { inputs: TriageInputs; outcome: string }[] {
  const [header = '', ...lines] = readFileSync(path.join(data, 'csv/ssvc/coordinator_triage_1_0_0.csv'), 'utf8')
    .trim()
    .split('\n')
  // Columns are "<decision point name> v<version>"; only the header quotes (the outcome's name has commas).
  const columns = header.match(/("[^"]*"|[^,]+)/g)?.map((c) => c.replace(/"/g, '')) ?? []
  const column = (id: string) => {
    const dp = official.decision_points[id]
    const i = columns.indexOf(`${dp?.name} v${dp?.version}`)
    if (i < 0) throw new Error(`CSV has no column for ${id}`)
    return i
  }
  return lines.map((line) => {
    const cells = line.split(',')
    return {
      inputs: Object.fromEntries(fields.map((f) => [f, cells[column(triageDecisionPoints[f].id)]])) as TriageInputs,
      outcome: cells[column(official.outcome)] ?? '',
    }
  })
}

const allCombinations = fields.reduce((n, f) => n * triageDecisionPoints[f].values.length, 1)

describe('SSVC coordinator triage against the official CERT/CC table', () => {
  it('uses the official decision points, versions and values', () => {
    expect(official.key).toBe('DT_COORD_TRIAGE')
    expect(Object.keys(official.decision_points).filter((id) => id !== official.outcome)).toEqual(
      fields.map((f) => triageDecisionPoints[f].id),
    )
    for (const f of fields) {
      const id = triageDecisionPoints[f].id
      expect(
        official.decision_points[id]?.values.map((v) => v.name.toLowerCase()),
        f,
      ).toEqual(triageDecisionPoints[f].values)
    }
    expect(official.decision_points[official.outcome]?.values.map((v) => v.name.toLowerCase())).toEqual([
      'decline',
      'track',
      'coordinate',
    ])
  })

  for (const [source, rows] of [
    ['JSON', officialRowsFromJson()],
    ['CSV', officialRowsFromCsv()],
  ] as const) {
    it(`decides every row of the official ${source} table as it does, and the table covers every combination`, () => {
      const seen = new Set<string>()
      const wrong = rows.filter(({ inputs, outcome }) => {
        seen.add(JSON.stringify(inputs))
        return coordinatorTriage(inputs).outcome !== outcome
      })
      expect(wrong).toEqual([])
      expect(allCombinations).toBe(192)
      expect(rows).toHaveLength(allCombinations)
      expect(seen.size).toBe(allCombinations)
    })
  }

  it('returns the inputs and table version with the outcome, for the case record', () => {
    const inputs: TriageInputs = {
      reportPublic: 'no',
      supplierContacted: 'yes',
      reportCredibility: 'credible',
      supplierCardinality: 'one',
      supplierEngagement: 'unresponsive',
      utility: 'laborious',
      publicSafetyImpact: 'minimal',
    }
    const decision = coordinatorTriage({ ...inputs, extra: 'dropped' } as TriageInputs)
    expect(decision).toEqual({ outcome: 'track', inputs, version: '1.0.0' })
  })
})

describe('validating triage inputs from outside', () => {
  const good = {
    reportPublic: 'yes',
    supplierContacted: 'no',
    reportCredibility: 'not credible',
    supplierCardinality: 'multiple',
    supplierEngagement: 'active',
    utility: 'super effective',
    publicSafetyImpact: 'significant',
  }

  it('accepts the official values and passes back only the decision points', () => {
    expect(validateTriageInputs(good)).toEqual({ ok: true, inputs: good })
  })

  it('names the field and the allowed values for a wrong, missing or mistyped value', () => {
    const { publicSafetyImpact: _omitted, ...missing } = good
    expect(validateTriageInputs({ ...missing, utility: 'Super Effective', reportPublic: true })).toEqual({
      ok: false,
      errors: [
        { field: 'reportPublic', message: 'must be one of yes, no' },
        { field: 'utility', message: 'must be one of laborious, efficient, super effective' },
        { field: 'publicSafetyImpact', message: 'is required (one of minimal, significant)' },
      ],
    })
  })

  it('rejects a decision point this table does not have', () => {
    expect(validateTriageInputs({ ...good, exploitation: 'active' })).toEqual({
      ok: false,
      errors: [{ field: 'exploitation', message: 'is not a decision point of SSVC coordinator triage' }],
    })
  })

  it('rejects something that is not an object', () => {
    for (const raw of [null, 'yes', ['yes']]) expect(validateTriageInputs(raw).ok).toBe(false)
  })
})

describe('explainTriage', () => {
  const credible98: TriageInputs = {
    reportPublic: 'no',
    supplierContacted: 'no',
    reportCredibility: 'credible',
    supplierCardinality: 'one',
    supplierEngagement: 'active',
    utility: 'efficient',
    publicSafetyImpact: 'significant',
  }

  it('names the point that made a credible report decline: the supplier was not contacted', () => {
    expect(coordinatorTriage(credible98).outcome).toBe('decline')
    const steps = explainTriage(credible98)
    expect(steps.map((s) => s.point)).toEqual(Object.keys(triageDecisionPoints))
    const deciding = steps.filter((s) => s.otherwise.length > 0)
    expect(deciding.map((s) => [s.point, s.otherwise])).toEqual([
      ['supplierContacted', [{ value: 'yes', outcome: 'track' }]],
    ])
  })

  it('lists only the changes that lead elsewhere', () => {
    const coordinate = { ...credible98, supplierContacted: 'yes', supplierEngagement: 'unresponsive' } as TriageInputs
    expect(coordinatorTriage(coordinate).outcome).toBe('coordinate')
    const steps = explainTriage(coordinate)
    for (const s of steps) for (const o of s.otherwise) expect(o.outcome).not.toBe('coordinate')
    expect(steps.find((s) => s.point === 'supplierContacted')?.otherwise).toEqual([{ value: 'no', outcome: 'decline' }])
  })
})
