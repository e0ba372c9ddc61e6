import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  csafFlagLabel,
  csafProductStatus,
  validateStatement,
  vexJustificationLabels,
  vexJustifications,
  vexLimits,
  vexStatuses,
  vexStatusLabels,
  type VexStatementInput,
} from './vex.js'

const conformance = path.resolve(process.cwd(), '../shared/conformance')
const readJson = (file: string) =>
  JSON.parse(readFileSync(path.join(conformance, file), 'utf8')) as Record<string, unknown>
const csaf = readJson('csaf/csaf_2.0/json_schema/csaf_json_schema.json')
const openvex = readJson('openvex/openvex_json_schema.json')

/** Every `enum` in a schema, found under any property of the given name. */
function enumsNamed(schema: unknown, name: string): string[][] {
  const found: string[][] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === name && value && typeof value === 'object' && Array.isArray((value as { enum?: unknown }).enum))
        found.push((value as { enum: string[] }).enum)
      walk(value)
    }
  }
  walk(schema)
  return found
}

function problems(input: VexStatementInput) {
  const result = validateStatement(input)
  if (result.ok) throw new Error(`accepted ${JSON.stringify(result.statement)}`)
  return result.problems
}

describe('statuses and justifications', () => {
  it('are OpenVEX’s, as its schema lists them', () => {
    expect(enumsNamed(openvex, 'status').map((e) => [...e].sort())).toContainEqual([...vexStatuses].sort())
    expect(enumsNamed(openvex, 'justification').map((e) => [...e].sort())).toContainEqual([...vexJustifications].sort())
  })

  it('map to CSAF 2.0: product_status lists and flag labels the schema knows', () => {
    type Schema = { properties: Record<string, Schema>; items: Schema }
    const productStatus = (csaf as unknown as Schema).properties.vulnerabilities!.items.properties.product_status!
      .properties
    for (const status of vexStatuses) expect(Object.keys(productStatus)).toContain(csafProductStatus[status])
    expect(csafProductStatus).toEqual({
      under_investigation: 'under_investigation',
      affected: 'known_affected',
      not_affected: 'known_not_affected',
      fixed: 'fixed',
    })
    const [flagLabels] = enumsNamed(csaf, 'label').filter((e) => e.includes('component_not_present'))
    expect(vexJustifications.map((j) => csafFlagLabel[j]).sort()).toEqual([...flagLabels!].sort())
  })

  it('each have a label in plain words', () => {
    expect(Object.keys(vexStatusLabels).sort()).toEqual([...vexStatuses].sort())
    expect(vexStatusLabels.not_affected).toBe('Not affected')
    expect(Object.keys(vexJustificationLabels).sort()).toEqual([...vexJustifications].sort())
    for (const j of vexJustifications) {
      expect(vexJustificationLabels[j]).toMatch(/^[A-Z].*\.$/)
      expect(vexJustificationLabels[j]).not.toContain('_')
    }
    expect(new Set(Object.values(vexJustificationLabels)).size).toBe(vexJustifications.length)
  })
})

describe('validateStatement', () => {
  it('accepts each status with what it needs, and fills in the rest', () => {
    expect(validateStatement({ status: 'under_investigation' })).toEqual({
      ok: true,
      statement: {
        status: 'under_investigation',
        justification: null,
        fixedVersions: [],
        remediation: null,
        references: [],
      },
    })
    expect(
      validateStatement({ status: 'affected', remediation: '  Disable the SMTP listener until a fix is out.  ' }),
    ).toEqual({
      ok: true,
      statement: {
        status: 'affected',
        justification: null,
        fixedVersions: [],
        remediation: 'Disable the SMTP listener until a fix is out.',
        references: [],
      },
    })
    expect(validateStatement({ status: 'not_affected', justification: 'component_not_present' })).toMatchObject({
      ok: true,
      statement: { justification: 'component_not_present' },
    })
    expect(
      validateStatement({
        status: 'fixed',
        fixedVersions: [' 8.12.8 ', '8.11.7', '8.12.8'],
        references: ['https://www.sendmail.org/8.12.8.html'],
      }),
    ).toEqual({
      ok: true,
      statement: {
        status: 'fixed',
        justification: null,
        fixedVersions: ['8.12.8', '8.11.7'],
        remediation: null,
        references: ['https://www.sendmail.org/8.12.8.html'],
      },
    })
  })

  it('reads statuses and justifications as people write them', () => {
    expect(
      validateStatement({ status: 'Not affected', justification: 'Vulnerable code not in execute path' }),
    ).toMatchObject({
      ok: true,
      statement: { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
    })
    expect(validateStatement({ status: ' UNDER-INVESTIGATION ' })).toMatchObject({
      ok: true,
      statement: { status: 'under_investigation' },
    })
  })

  it('allows fixed versions on affected: fixed in one branch, still affected in another', () => {
    expect(validateStatement({ status: 'affected', fixedVersions: ['8.12.8'] })).toMatchObject({
      ok: true,
      statement: { fixedVersions: ['8.12.8'] },
    })
  })

  it('refuses an unknown status', () => {
    expect(problems({ status: 'patched' })).toEqual([
      { field: 'status', message: 'must be one of under_investigation, affected, not_affected, fixed' },
    ])
    expect(problems({ status: '' })).toEqual([
      { field: 'status', message: 'must be one of under_investigation, affected, not_affected, fixed' },
    ])
  })

  it('needs at least one fixed version for fixed', () => {
    const message = 'must name at least one version that contains the fix'
    expect(problems({ status: 'fixed' })).toEqual([{ field: 'fixedVersions', message }])
    expect(problems({ status: 'fixed', fixedVersions: [] })).toEqual([{ field: 'fixedVersions', message }])
    expect(problems({ status: 'fixed', fixedVersions: ['  '] })).toEqual([
      { field: 'fixedVersions.0', message: 'must not be empty' },
    ])
  })

  it('refuses fixed versions where nothing was fixed', () => {
    expect(problems({ status: 'under_investigation', fixedVersions: ['8.12.8'] })).toEqual([
      { field: 'fixedVersions', message: 'are given only with the status fixed or affected, not under_investigation' },
    ])
    expect(
      problems({ status: 'not_affected', justification: 'component_not_present', fixedVersions: ['8.12.8'] }),
    ).toEqual([
      { field: 'fixedVersions', message: 'are given only with the status fixed or affected, not not_affected' },
    ])
  })

  it('needs a justification for not_affected, from the standard five', () => {
    const all =
      'component_not_present, vulnerable_code_not_present, vulnerable_code_cannot_be_controlled_by_adversary, vulnerable_code_not_in_execute_path, inline_mitigations_already_exist'
    expect(problems({ status: 'not_affected' })).toEqual([
      { field: 'justification', message: `must say why the product is not affected: one of ${all}` },
    ])
    expect(problems({ status: 'not_affected', justification: ' ' })).toEqual([
      { field: 'justification', message: `must say why the product is not affected: one of ${all}` },
    ])
    expect(problems({ status: 'not_affected', justification: 'we use qmail' })).toEqual([
      { field: 'justification', message: `must be one of ${all}` },
    ])
  })

  it('refuses a justification with any other status', () => {
    for (const status of ['under_investigation', 'affected'])
      expect(problems({ status, justification: 'component_not_present' })).toEqual([
        { field: 'justification', message: 'is given only with the status not_affected' },
      ])
    expect(
      problems({ status: 'fixed', fixedVersions: ['8.12.8'], justification: 'inline_mitigations_already_exist' }),
    ).toEqual([{ field: 'justification', message: 'is given only with the status not_affected' }])
    expect(validateStatement({ status: 'affected', justification: null })).toMatchObject({ ok: true })
    expect(validateStatement({ status: 'affected', justification: '' })).toMatchObject({ ok: true })
  })

  it('needs references to be http or https URLs, naming the one at fault', () => {
    expect(
      problems({
        status: 'affected',
        references: [
          'https://www.kb.cert.org/vuls/id/398025',
          'ftp://ftp.sendmail.org/pub/sendmail/',
          'javascript:alert(1)',
          'www.sendmail.org',
          '',
          'http://',
        ],
      }),
    ).toEqual([
      { field: 'references.1', message: 'must be an http or https URL' },
      { field: 'references.2', message: 'must be an http or https URL' },
      { field: 'references.3', message: 'must be an http or https URL' },
      { field: 'references.4', message: 'must not be empty' },
      { field: 'references.5', message: 'must be an http or https URL' },
    ])
  })

  it('keeps to its limits', () => {
    const many = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i))
    expect(validateStatement({ status: 'fixed', fixedVersions: many(vexLimits.versions, (i) => `8.12.${i}`) }).ok).toBe(
      true,
    )
    expect(problems({ status: 'fixed', fixedVersions: many(vexLimits.versions + 1, (i) => `8.12.${i}`) })).toEqual([
      { field: 'fixedVersions', message: 'may list at most 100' },
    ])
    expect(problems({ status: 'fixed', fixedVersions: ['8.12.8', 'x'.repeat(201)] })).toEqual([
      { field: 'fixedVersions.1', message: 'is longer than 200 characters' },
    ])
    expect(problems({ status: 'affected', remediation: 'x'.repeat(10_001) })).toEqual([
      { field: 'remediation', message: 'is longer than 10000 characters' },
    ])
    expect(validateStatement({ status: 'affected', remediation: 'x'.repeat(10_000) }).ok).toBe(true)
    expect(problems({ status: 'affected', references: many(51, (i) => `https://example.org/${i}`) })).toEqual([
      { field: 'references', message: 'may list at most 50' },
    ])
    expect(problems({ status: 'affected', references: [`https://example.org/${'x'.repeat(2_000)}`] })).toEqual([
      { field: 'references.0', message: 'is longer than 2000 characters' },
    ])
  })

  it('reports every problem at once', () => {
    expect(
      problems({
        status: 'fixed',
        justification: 'component_not_present',
        references: ['mailto:security@sendmail.org'],
      }).map((p) => p.field),
    ).toEqual(['justification', 'fixedVersions', 'references.0'])
  })

  it('survives input that is not what the type says (an API body)', () => {
    const untrusted = {
      status: 'fixed',
      fixedVersions: [42, '8.12.8'],
      references: 'https://example.org',
    } as unknown as VexStatementInput
    expect(problems(untrusted)).toEqual([
      { field: 'fixedVersions.0', message: 'must be text' },
      { field: 'references', message: 'must be a list' },
    ])
    expect(problems({ status: 7 } as unknown as VexStatementInput)).toEqual([
      { field: 'status', message: 'must be one of under_investigation, affected, not_affected, fixed' },
    ])
  })
})
