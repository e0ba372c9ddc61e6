// The charts of the metrics page, each a section with its figure, a sentence saying it, and its
// numbers as CSV.
import type { ReactNode } from 'react'
import type { Metrics } from '../../api/types'
import { BarChart } from './BarChart'
import { counted, days, percent } from './format'
import { ResponseChart } from './ResponseChart'

/** The busiest vendors are drawn; the CSV has them all. */
const DRAWN = 15

const embargoWords = {
  on_time: 'Released at the agreed time',
  extended: 'Extended',
  broken: 'Broken (public before the agreed end)',
} as const

function embargoesEnded(n: number): string {
  if (n === 0) return 'No agreed embargo has ended yet.'
  return n === 1 ? 'One agreed embargo has ended.' : `${n} agreed embargoes have ended.`
}

/** Says, under a per-vendor chart, that only some vendors are drawn when there are more. */
function DrawnNote({ vendors }: { vendors: number }) {
  if (vendors <= DRAWN) return null
  return (
    <figcaption>
      The {DRAWN} vendors notified most are drawn, of {vendors}; the CSV has them all.
    </figcaption>
  )
}

function Chart(p: { id: string; title: string; summary: string; csv: string; children: ReactNode }) {
  return (
    <section className="metrics-section" aria-labelledby={`${p.id}-title`}>
      <h2 id={`${p.id}-title`}>{p.title}</h2>
      <p>{p.summary}</p>
      <figure className="metrics-figure">{p.children}</figure>
      <p>
        <a href={p.csv} download>
          Download the numbers (CSV)
        </a>
      </p>
    </section>
  )
}

export function MetricsCharts({ metrics: m, csvHref }: { metrics: Metrics; csvHref: (chart: string) => string }) {
  const drawn = m.responses.vendors.slice(0, DRAWN)
  const r = m.responses
  const h = m.histories
  return (
    <>
      <Chart
        id="response-times"
        title="Time to first answer"
        summary={
          r.notified
            ? `${counted(r.notified, 'notification')}; half were answered within ${days(r.medianDays)}, nine in ten within ${days(r.p90Days)}.`
            : 'No vendor was notified in these cases.'
        }
        csv={csvHref('response-times')}
      >
        <ResponseChart vendors={drawn} />
        <DrawnNote vendors={r.vendors.length} />
      </Chart>
      <Chart
        id="never-answered"
        title="Vendors that never answered"
        summary={`${percent(r.neverAnsweredShare)} of the vendors notified never answered (${r.notified - r.answered} of ${r.notified}).`}
        csv={csvHref('never-answered')}
      >
        <BarChart
          title="Share of notifications never answered, per vendor"
          max={1}
          bars={drawn.map((v) => ({
            key: v.organizationId,
            label: v.name,
            value: v.notified ? v.neverAnswered / v.notified : 0,
            shown: `${percent(v.notified ? v.neverAnswered / v.notified : null)} of ${v.notified}`,
            tone: v.neverAnswered ? 'bad' : 'good',
          }))}
        />
        <DrawnNote vendors={r.vendors.length} />
      </Chart>
      <Chart
        id="publication"
        title="Days from report to publication"
        summary={
          m.publication.cases
            ? `${counted(m.publication.cases, 'case')} published; half within ${days(m.publication.medianDays)}, nine in ten within ${days(m.publication.p90Days)}.`
            : 'No case was published yet.'
        }
        csv={csvHref('publication')}
      >
        <BarChart
          title="Cases by days from report to publication"
          bars={m.publication.buckets.map((b) => ({
            key: b.label,
            label: b.label,
            value: b.cases,
            shown: String(b.cases),
          }))}
        />
      </Chart>
      <Chart
        id="embargo"
        title="How embargoes ended"
        summary={embargoesEnded(m.embargo.reduce((n, e) => n + e.cases, 0))}
        csv={csvHref('embargo')}
      >
        <BarChart
          title="Embargoes by how they ended"
          bars={m.embargo.map((e) => ({
            key: e.kind,
            label: embargoWords[e.kind],
            value: e.cases,
            shown: String(e.cases),
            tone: e.kind === 'on_time' ? 'good' : e.kind === 'broken' ? 'bad' : 'muted',
          }))}
        />
      </Chart>
      <Chart
        id="histories"
        title="Events in the hoped-for order"
        summary={
          h.cases
            ? `Of the twelve orderings of case events disclosure hopes for (the vendor knows and has a fix before the public knows, before an exploit is public, before attacks…), ${h.cases === 1 ? 'the one case' : `the ${h.cases} cases`} achieved ${percent(h.averageScore)} on average.`
            : 'No case has events to compare yet.'
        }
        csv={csvHref('histories')}
      >
        <BarChart
          title="Share of cases achieving each hoped-for ordering"
          max={1}
          bars={h.orderings.map((o) => {
            const decided = o.satisfied + o.violated
            return {
              key: o.label,
              label: o.label,
              value: decided ? o.satisfied / decided : 0,
              shown: decided ? `${percent(o.satisfied / decided)} of ${decided}` : 'not yet known',
              tone: decided && o.satisfied / decided >= 0.5 ? 'good' : 'bad',
            }
          })}
        />
      </Chart>
    </>
  )
}
