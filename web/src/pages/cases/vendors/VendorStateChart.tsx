// How many of the case's vendors are in each state, as horizontal bars drawn in SVG (colours from
// the stylesheet: the CSP forbids inline styles). The chart is one image to assistive technology,
// named by the same counts in words; the filter buttons beside it say them too.
import type { VendorState } from '../../../api/types'
import { vendorStateLabel, vendorStates } from '../../vendors/vendorLabels'

const ROW = 28
const LABEL = 200
const BARS = 240
const WIDTH = LABEL + BARS + 50

export function chartWords(counts: Record<VendorState, number>): string {
  return `Vendors by state: ${vendorStates.map((s) => `${vendorStateLabel[s]}: ${counts[s] ?? 0}`).join('; ')}.`
}

export function VendorStateChart({ counts }: { counts: Record<VendorState, number> }) {
  const most = Math.max(1, ...vendorStates.map((s) => counts[s] ?? 0))
  return (
    <figure className="vendor-chart">
      <svg
        role="img"
        aria-label={chartWords(counts)}
        viewBox={`0 0 ${WIDTH} ${ROW * vendorStates.length}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {vendorStates.map((s, i) => {
          const n = counts[s] ?? 0
          const width = n === 0 ? 0 : Math.max(2, (n / most) * BARS)
          const y = i * ROW
          return (
            <g key={s} className={`chart-row chart-${s}`}>
              <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
                {vendorStateLabel[s]}
              </text>
              <rect x={LABEL} y={y + 5} width={width} height={ROW - 10} rx={3} className="chart-bar" />
              <text x={LABEL + width + 6} y={y + ROW / 2} dominantBaseline="middle" className="chart-count">
                {n}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}
