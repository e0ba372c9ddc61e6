// CVSS 3.1 and 4.0 for the calculator: the base metrics with their names and meanings (from
// ae-cvss-calculator, the library the server scores with), reading and writing a vector, and the
// score with its severity. The server scores again on saving and refuses a vector it cannot read.
import calculator from 'ae-cvss-calculator'

export type CvssVersion = '3.1' | '4.0'

export interface MetricChoice {
  /** "AV" */
  short: string
  /** "Attack Vector" */
  name: string
  description: string
  values: { short: string; name: string; description: string }[]
}

function baseMetrics(version: CvssVersion): MetricChoice[] {
  const vector = version === '3.1' ? new calculator.Cvss3P1() : new calculator.Cvss4P0()
  const base = [...vector.getRegisteredComponents()].find(([category]) => category.name === 'base')?.[1] ?? []
  return base.map((m) => ({
    short: m.shortName,
    // CVSS 4.0 names two metrics "Confidentiality" (and so on): the system they are about tells them apart.
    name: m.subCategory?.endsWith('System Impact') ? `${m.subCategory.replace(/ Impact$/, '')} ${m.name}` : m.name,
    description: m.description,
    // "Not defined" is no answer for a base metric, and Safety belongs to the environmental
    // MSI and MSA only (the library offers it for the base metrics too; the server refuses it there).
    values: m.values
      .filter((v) => v.shortName !== 'X' && !(version === '4.0' && v.shortName === 'S'))
      .map((v) => ({ short: v.shortName, name: v.name, description: v.description })),
  }))
}

export const metricsOf: Record<CvssVersion, MetricChoice[]> = { '3.1': baseMetrics('3.1'), '4.0': baseMetrics('4.0') }

export const versionOf = (vector: string): CvssVersion | null =>
  vector.trim().startsWith('CVSS:4.0/') ? '4.0' : vector.trim().startsWith('CVSS:3.1/') ? '3.1' : null

/** The metrics a vector gives, in its order: "CVSS:3.1/AV:N/AC:L" → AV → N, AC → L. */
export function readVector(vector: string): Map<string, string> {
  const given = new Map<string, string>()
  for (const part of vector.trim().split('/').slice(1)) {
    const [metric, value] = part.split(':')
    if (metric && value) given.set(metric, value)
  }
  return given
}

/** The vector with one base metric set: base metrics in the specification's order, then any others as they were. */
export function withMetric(vector: string, version: CvssVersion, metric: string, value: string): string {
  const given = versionOf(vector) === version ? readVector(vector) : new Map<string, string>()
  given.set(metric, value)
  const base = metricsOf[version].map((m) => m.short)
  const parts = [
    ...base.filter((m) => given.has(m)).map((m) => `${m}:${given.get(m)}`),
    ...[...given].filter(([m]) => !base.includes(m)).map(([m, v]) => `${m}:${v}`),
  ]
  return [`CVSS:${version}`, ...parts].join('/')
}

export type Severity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical'

/** The qualitative rating; both versions use the same bands. */
export const severityOf = (score: number): Severity =>
  score === 0 ? 'None' : score < 4 ? 'Low' : score < 7 ? 'Medium' : score < 9 ? 'High' : 'Critical'

export type LiveScore =
  { ok: true; score: number; severity: Severity } | { ok: false; missing: string[] } | { ok: false; unreadable: true }

/** The score as the metrics stand; which base metrics are still to choose while some are. */
export function liveScore(vector: string): LiveScore {
  const version = versionOf(vector)
  if (!version) return { ok: false, unreadable: true }
  const given = readVector(vector)
  const metrics = metricsOf[version]
  const missing = metrics.filter((m) => !given.has(m.short)).map((m) => m.name)
  if (missing.length > 0) return { ok: false, missing }
  const wrong = metrics.some((m) => !m.values.some((v) => v.short === given.get(m.short)))
  if (wrong) return { ok: false, unreadable: true }
  try {
    const scores =
      version === '3.1'
        ? new calculator.Cvss3P1(vector.trim()).calculateScores()
        : new calculator.Cvss4P0(vector.trim()).calculateScores()
    const score = scores.base
    if (score === undefined || !Number.isFinite(score)) return { ok: false, unreadable: true }
    return { ok: true, score, severity: severityOf(score) }
  } catch {
    return { ok: false, unreadable: true }
  }
}
