// The two pictures of a case's vendors: how the counts of notified, seen, responded and stated
// grew day by day (lines), and how long vendors took to respond (bars, the silent counted apart).
// Drawn in SVG with colours from the stylesheet (the CSP forbids inline styles); each chart is one
// image named by its figures in words, and the numbers are also in a table for screen readers.
import { api } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import { LoadedList } from '../../../components/Status'
import { formatDay } from '../../../time'

interface DayCounts {
  date: string
  notified: number
  seen: number
  responded: number
  statement: number
}

interface Charts {
  byDay: DayCounts[]
  responseTimes: { buckets: { label: string; count: number }[]; noResponseYet: number; medianHours: number | null }
}

const series = [
  { key: 'notified', label: 'Notified' },
  { key: 'seen', label: 'Seen' },
  { key: 'responded', label: 'Responded' },
  { key: 'statement', label: 'Statement given' },
] as const

const W = 520
const H = 200
const PAD = { left: 36, right: 12, top: 10, bottom: 28 }

function OverTime({ days }: { days: DayCounts[] }) {
  const most = Math.max(1, ...days.map((d) => d.notified))
  const x = (i: number) => PAD.left + (days.length === 1 ? 0 : (i / (days.length - 1)) * (W - PAD.left - PAD.right))
  const y = (n: number) => H - PAD.bottom - (n / most) * (H - PAD.top - PAD.bottom)
  const last = days.at(-1)!
  const words = `Vendors by day, from ${formatDay(days[0]!.date)} to ${formatDay(last.date)}: on the last day ${series.map((s) => `${s.label.toLowerCase()} ${last[s.key]}`).join(', ')}.`
  return (
    <figure className="vendor-chart vendor-chart-wide">
      <figcaption>Vendors over time</figcaption>
      <svg role="img" aria-label={words} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMinYMin meet">
        <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} className="chart-axis" />
        <text x={PAD.left - 6} y={y(most)} textAnchor="end" dominantBaseline="middle" className="chart-count">
          {most}
        </text>
        <text x={PAD.left - 6} y={y(0)} textAnchor="end" dominantBaseline="middle" className="chart-count">
          0
        </text>
        <text x={PAD.left} y={H - 8} className="chart-label">
          {formatDay(days[0]!.date)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="chart-label">
          {formatDay(last.date)}
        </text>
        {series.map((s) => (
          <polyline
            key={s.key}
            className={`chart-line chart-line-${s.key}`}
            points={days.map((d, i) => `${x(i)},${y(d[s.key])}`).join(' ')}
          />
        ))}
      </svg>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.key} className={`chart-key chart-key-${s.key}`}>
            {s.label}: {last[s.key]}
          </li>
        ))}
      </ul>
    </figure>
  )
}

function ResponseTimes({ r }: { r: Charts['responseTimes'] }) {
  const rows = [...r.buckets, { label: 'no response yet', count: r.noResponseYet }]
  const most = Math.max(1, ...rows.map((b) => b.count))
  const ROW = 26
  const LABEL = 150
  const BARS = 260
  const median =
    r.medianHours === null
      ? 'no vendor has responded yet'
      : r.medianHours < 48
        ? `median ${Math.round(r.medianHours)} hours`
        : `median ${(r.medianHours / 24).toFixed(1)} days`
  return (
    <figure className="vendor-chart">
      <figcaption>Time to respond ({median})</figcaption>
      <svg
        role="img"
        aria-label={`Time to respond: ${rows.map((b) => `${b.label}: ${b.count}`).join('; ')}; ${median}.`}
        viewBox={`0 0 ${LABEL + BARS + 40} ${ROW * rows.length}`}
        preserveAspectRatio="xMinYMin meet"
      >
        {rows.map((b, i) => {
          const width = b.count === 0 ? 0 : Math.max(2, (b.count / most) * BARS)
          return (
            <g
              key={b.label}
              className={i === rows.length - 1 ? 'chart-row chart-no_response' : 'chart-row chart-responded'}
            >
              <text
                x={LABEL - 8}
                y={i * ROW + ROW / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {b.label}
              </text>
              <rect x={LABEL} y={i * ROW + 5} width={width} height={ROW - 10} rx={3} className="chart-bar" />
              <text x={LABEL + width + 6} y={i * ROW + ROW / 2} dominantBaseline="middle" className="chart-count">
                {b.count}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}

export function VendorCharts({ caseId, revision }: { caseId: string; revision: number }) {
  const charts = useLoad(
    () => api.get<Charts>(`/cases/${encodeURIComponent(caseId)}/vendors/charts`),
    `${caseId} ${revision}`,
  )
  return (
    <LoadedList
      loaded={charts}
      what="the vendor charts"
      isEmpty={(c) => c.byDay.length === 0}
      empty="No vendor has been notified yet: the charts start with the first notification."
    >
      {(c) => (
        <div className="vendor-charts">
          <OverTime days={c.byDay} />
          <ResponseTimes r={c.responseTimes} />
        </div>
      )}
    </LoadedList>
  )
}
