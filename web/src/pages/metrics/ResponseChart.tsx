// Days from notification to first answer per vendor: the median as a solid bar, the slowest tenth
// (90th percentile) as a lighter bar behind it. SVG by hand, colours from the stylesheet.
import type { Metrics } from '../../api/types'
import { days } from './format'

type Vendor = Metrics['responses']['vendors'][number]

const ROW = 28
const LABEL = 220
const BARS = 300
// Room after the longest bar for its words, "12 days (90%: 12 days)" in full.
const WIDTH = LABEL + BARS + 200

export function ResponseChart({ vendors }: { vendors: readonly Vendor[] }) {
  const most = Math.max(1, ...vendors.map((v) => v.p90Days ?? 0))
  const words = `Days to first answer per vendor: ${vendors
    .map((v) =>
      v.medianDays === null
        ? `${v.name}: never answered`
        : `${v.name}: median ${days(v.medianDays)}, 90th percentile ${days(v.p90Days)}`,
    )
    .join('; ')}.`
  return (
    <svg
      role="img"
      aria-label={words}
      viewBox={`0 0 ${WIDTH} ${Math.max(1, vendors.length) * ROW}`}
      preserveAspectRatio="xMinYMin meet"
      className="metrics-chart"
    >
      {vendors.map((v, i) => {
        const y = i * ROW
        const median = v.medianDays === null ? 0 : Math.max(2, (v.medianDays / most) * BARS)
        const p90 = v.p90Days === null ? 0 : Math.max(2, (v.p90Days / most) * BARS)
        const name = v.name.length > 30 ? `${v.name.slice(0, 29)}…` : v.name
        return (
          <g key={v.organizationId} className="metrics-row">
            <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
              {name}
            </text>
            <rect x={LABEL} y={y + 5} width={p90} height={ROW - 10} rx={3} className="metrics-bar-p90" />
            <rect x={LABEL} y={y + 5} width={median} height={ROW - 10} rx={3} className="metrics-bar" />
            <text
              x={LABEL + Math.max(p90, median) + 6}
              y={y + ROW / 2}
              dominantBaseline="middle"
              className="chart-count"
            >
              {v.medianDays === null ? 'never answered' : `${days(v.medianDays)} (90%: ${days(v.p90Days)})`}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
