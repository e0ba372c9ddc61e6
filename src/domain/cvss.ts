// CVSS 3.1 and 4.0 vectors: read, check and score one, for the severity shown on a case and its
// advisories. Scoring is ae-cvss-calculator's; the syntax check is ours, because the library scores
// a vector it cannot read as 0 ("None") instead of failing, and a mistyped vector must be refused
// with a reason, not recorded as harmless.
import calculator from 'ae-cvss-calculator'
import type { FieldProblem } from './errors.js'

export type CvssVersion = '3.1' | '4.0'
export type CvssSeverity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical'

export type CvssScore =
  | { ok: true; version: CvssVersion; baseScore: number; severity: CvssSeverity; vector: string }
  | { ok: false; error: FieldProblem }

// Metrics in the order the specifications write them, each with its values in the specifications'
// order; the base metrics are mandatory, every other one may be left out or given as X.
const metricsOf: Record<CvssVersion, { base: Record<string, string>; optional: Record<string, string> }> = {
  '3.1': {
    base: { AV: 'N A L P', AC: 'L H', PR: 'N L H', UI: 'N R', S: 'U C', C: 'H L N', I: 'H L N', A: 'H L N' },
    optional: {
      E: 'X H F P U',
      RL: 'X U W T O',
      RC: 'X C R U',
      CR: 'X H M L',
      IR: 'X H M L',
      AR: 'X H M L',
      MAV: 'X N A L P',
      MAC: 'X L H',
      MPR: 'X N L H',
      MUI: 'X N R',
      MS: 'X U C',
      MC: 'X H L N',
      MI: 'X H L N',
      MA: 'X H L N',
    },
  },
  '4.0': {
    base: {
      AV: 'N A L P',
      AC: 'L H',
      AT: 'N P',
      PR: 'N L H',
      UI: 'N P A',
      VC: 'H L N',
      VI: 'H L N',
      VA: 'H L N',
      SC: 'H L N',
      SI: 'H L N',
      SA: 'H L N',
    },
    optional: {
      E: 'X A P U',
      CR: 'X H M L',
      IR: 'X H M L',
      AR: 'X H M L',
      MAV: 'X N A L P',
      MAC: 'X L H',
      MAT: 'X N P',
      MPR: 'X N L H',
      MUI: 'X N P A',
      MVC: 'X H L N',
      MVI: 'X H L N',
      MVA: 'X H L N',
      MSC: 'X H L N',
      MSI: 'X S H L N',
      MSA: 'X S H L N',
      S: 'X N P',
      AU: 'X N Y',
      R: 'X A U I',
      V: 'X D C',
      RE: 'X L M H',
      U: 'X Clear Green Amber Red',
    },
  },
}

const grammar = Object.fromEntries(
  Object.entries(metricsOf).map(([version, { base, optional }]) => [
    version,
    {
      base: Object.keys(base),
      metrics: new Map(Object.entries({ ...base, ...optional }).map(([m, values]) => [m, values.split(' ')])),
    },
  ]),
) as Record<CvssVersion, { base: string[]; metrics: Map<string, string[]> }>

const fail = (message: string): CvssScore => ({ ok: false, error: { field: 'cvss', message } })

export function scoreCvss(input: string): CvssScore {
  const text = input.trim()
  if (text === '') return fail('is empty')
  const version = text.startsWith('CVSS:3.1/') ? '3.1' : text.startsWith('CVSS:4.0/') ? '4.0' : null
  if (!version) return fail(`must start with CVSS:3.1/ or CVSS:4.0/ (other versions are not scored)`)
  const { base, metrics } = grammar[version]

  const given = new Map<string, string>()
  for (const part of text.slice(text.indexOf('/') + 1).split('/')) {
    const [metric = '', value, ...rest] = part.split(':')
    if (value === undefined || rest.length > 0 || metric === '' || value === '')
      return fail(`"${part}" is not a metric:value pair`)
    const allowed = metrics.get(metric)
    if (!allowed) return fail(`${metric} is not a CVSS ${version} metric`)
    if (!allowed.includes(value))
      return fail(`${part} is not a CVSS ${version} value for ${metric} (allowed: ${allowed.join(', ')})`)
    if (given.has(metric)) return fail(`${metric} is given more than once`)
    given.set(metric, value)
  }
  const missing = base.filter((m) => !given.has(m))
  if (missing.length > 0) return fail(`lacks the base metric${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)

  // Written the same way whatever order or explicit "not defined" (X) values it came with, so equal
  // vectors compare equal.
  const vector = [
    `CVSS:${version}`,
    ...[...metrics.keys()].filter((m) => given.has(m) && given.get(m) !== 'X').map((m) => `${m}:${given.get(m)}`),
  ].join('/')

  // CVSS 4.0 has one score for the whole vector (CVSS-B, -BT, -BE or -BTE by the metrics it carries);
  // CVSS 3.1's base score leaves temporal and environmental metrics out.
  const scores =
    version === '3.1'
      ? new calculator.Cvss3P1(vector).calculateScores()
      : new calculator.Cvss4P0(vector).calculateScores()
  const baseScore = scores.base
  if (baseScore === undefined || !Number.isFinite(baseScore)) return fail('could not be scored')
  return { ok: true, version, baseScore, severity: severityOf(baseScore), vector }
}

/** The qualitative rating; both versions use the same bands. */
export function severityOf(score: number): CvssSeverity {
  if (score === 0) return 'None'
  if (score < 4) return 'Low'
  if (score < 7) return 'Medium'
  if (score < 9) return 'High'
  return 'Critical'
}

/** A severity as owners are shown it: the highest base score and its rating. */
export interface Severity {
  score: number
  rating: CvssSeverity
}

/** The highest of several base scores (an advisory's vulnerabilities), or null when none is scored. */
export function highestSeverity(scores: readonly number[]): Severity | null {
  const known = scores.filter((x) => Number.isFinite(x))
  if (known.length === 0) return null
  const score = Math.max(...known)
  return { score, rating: severityOf(score) }
}

/** A vector as imported advisories give it; null when it cannot be scored. */
export function severityOfVector(vector: string | null): Severity | null {
  const scored = vector ? scoreCvss(vector) : null
  return scored?.ok ? { score: scored.baseScore, rating: scored.severity } : null
}

/** "Critical (CVSS 9.8)" */
export const severityWords = (s: Severity) => `${s.rating} (CVSS ${s.score.toFixed(1)})`
