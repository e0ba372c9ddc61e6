// The share of affected components patched since the release, drawn in SVG as steps (the share
// changes when an owner marks a component, not in between), with the share patched or mitigated
// as a lighter band above it. Colours come from the stylesheet (the CSP forbids inline styles);
// the chart is one image named by its figures in words, and each point carries its own.
import type { AdoptionPoint } from '../../../api/ownerTypes'
import { formatUtc } from '../../../time'

const W = 520
const H = 200
const PAD = { left: 44, right: 12, top: 10, bottom: 28 }

export const percent = (share: number) => `${Math.round(share * 100)}%`
/** An axis end: to the minute, or to the second when the whole chart spans less than an hour. */
const axisTime = (iso: string, span: number) =>
  span < 3_600_000 ? `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')} UTC` : formatUtc(iso)
const shareOf = (p: AdoptionPoint, withMitigated = false) =>
  p.total === 0 ? 0 : (p.patched + (withMitigated ? p.mitigated : 0)) / p.total

/** Step path through the points, held level to the right edge after the last one. */
function steps(
  points: AdoptionPoint[],
  x: (i: number) => number,
  y: (share: number) => number,
  withMitigated: boolean,
): string {
  let d = ''
  points.forEach((p, i) => {
    const level = y(shareOf(p, withMitigated))
    d += i === 0 ? `M${x(0)},${level}` : ` H${x(i)} V${level}`
  })
  return `${d} H${W - PAD.right}`
}

export function AdoptionChart({ series, words }: { series: AdoptionPoint[]; words: string }) {
  const times = series.map((p) => new Date(p.at).getTime())
  const first = times[0]!
  const span = Math.max(1, times.at(-1)! - first)
  // The last point stands a little before the right edge, so a change just made is visible.
  const plotRight = W - PAD.right - (series.length > 1 ? 24 : 0)
  const x = (i: number) =>
    series.length === 1 ? PAD.left : PAD.left + ((times[i]! - first) / span) * (plotRight - PAD.left)
  const y = (share: number) => H - PAD.bottom - share * (H - PAD.top - PAD.bottom)
  const bottom = `V${y(0)} H${PAD.left} Z`
  return (
    <svg
      role="img"
      aria-label={words}
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="xMinYMin meet"
      className="adoption-chart"
    >
      {[0, 0.5, 1].map((share) => (
        <g key={share}>
          <line
            x1={PAD.left}
            y1={y(share)}
            x2={W - PAD.right}
            y2={y(share)}
            className={share === 0 ? 'chart-axis' : 'chart-grid'}
          />
          <text x={PAD.left - 6} y={y(share)} textAnchor="end" dominantBaseline="middle" className="chart-count">
            {percent(share)}
          </text>
        </g>
      ))}
      <path d={`${steps(series, x, y, true)} ${bottom}`} className="adoption-area-mitigated" />
      <path d={`${steps(series, x, y, false)} ${bottom}`} className="adoption-area-patched" />
      <path d={steps(series, x, y, false)} className="adoption-line" />
      {series.map((p, i) => (
        <circle
          key={`${p.at}-${i}`}
          cx={x(i)}
          cy={y(shareOf(p))}
          r={3.5}
          className="adoption-point"
          data-share={shareOf(p).toFixed(4)}
        >
          <title>{`${formatUtc(p.at)}: ${p.patched} of ${p.total} patched (${percent(shareOf(p))}), ${p.mitigated} mitigated`}</title>
        </circle>
      ))}
      <text x={PAD.left} y={H - 8} className="chart-label">
        {axisTime(series[0]!.at, span)}
      </text>
      {series.length > 1 && (
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="chart-label">
          {axisTime(series.at(-1)!.at, span)}
        </text>
      )}
    </svg>
  )
}
