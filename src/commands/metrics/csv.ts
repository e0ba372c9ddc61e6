// Each chart of the metrics page as a CSV file: the numbers behind the drawing, for a spreadsheet.
import { adherenceLabels, toCsv } from '../../domain/metrics/figures.js'
import type { Metrics } from './metrics.js'

export const metricsCharts = ['response-times', 'never-answered', 'publication', 'embargo', 'histories'] as const
export type MetricsChart = (typeof metricsCharts)[number]

export function metricsCsv(m: Metrics, chart: MetricsChart): string {
  switch (chart) {
    case 'response-times':
      return toCsv(
        ['vendor', 'notified', 'answered', 'median_days_to_first_answer', 'p90_days_to_first_answer'],
        m.responses.vendors.map((v) => [v.name, v.notified, v.answered, v.medianDays, v.p90Days]),
      )
    case 'never-answered':
      return toCsv(
        ['vendor', 'notified', 'never_answered', 'share_never_answered'],
        m.responses.vendors.map((v) => [
          v.name,
          v.notified,
          v.neverAnswered,
          v.notified ? v.neverAnswered / v.notified : null,
        ]),
      )
    case 'publication':
      return toCsv(
        ['days_from_report_to_publication', 'cases'],
        m.publication.buckets.map((b) => [b.label, b.cases]),
      )
    case 'embargo':
      return toCsv(
        ['embargo_outcome', 'cases'],
        m.embargo.map((e) => [adherenceLabels[e.kind], e.cases]),
      )
    case 'histories':
      return toCsv(
        ['desired_ordering', 'cases_satisfied', 'cases_violated'],
        m.histories.orderings.map((o) => [o.label, o.satisfied, o.violated]),
      )
  }
}
