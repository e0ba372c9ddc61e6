// A horizontal bar chart drawn in SVG (colours from the stylesheet: the CSP forbids inline
// styles), one image to assistive technology named by the same figures in words.
export interface Bar {
  key: string
  label: string
  value: number
  /** What is written at the end of the bar ("12 days", "40%"). */
  shown: string
  /** A class of styles/metrics.css colouring this bar. */
  tone?: 'good' | 'bad' | 'neutral' | 'muted'
}

const ROW = 26
const LABEL = 260
const BARS = 260
const WIDTH = LABEL + BARS + 90

export function BarChart({ title, bars, max }: { title: string; bars: readonly Bar[]; max?: number }) {
  const most = Math.max(max ?? 0, ...bars.map((b) => b.value), Number.MIN_VALUE)
  const words = `${title}: ${bars.map((b) => `${b.label}: ${b.shown}`).join('; ')}.`
  return (
    <svg
      role="img"
      aria-label={words}
      viewBox={`0 0 ${WIDTH} ${Math.max(1, bars.length) * ROW}`}
      preserveAspectRatio="xMinYMin meet"
      className="metrics-chart"
    >
      {bars.map((b, i) => {
        const width = b.value <= 0 ? 0 : Math.max(2, (b.value / most) * BARS)
        const y = i * ROW
        const label = b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label
        return (
          <g key={b.key} className={`metrics-row metrics-${b.tone ?? 'neutral'}`}>
            <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
              {label}
            </text>
            <rect x={LABEL} y={y + 5} width={width} height={ROW - 10} rx={3} className="metrics-bar" />
            <text x={LABEL + width + 6} y={y + ROW / 2} dominantBaseline="middle" className="chart-count">
              {b.shown}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
