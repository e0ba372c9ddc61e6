// An owner's exposure at a glance: the assets and components it keeps, how many assets are exposed
// and how many affected components are still open, then two pictures. Each asset as a bar as long
// as its component count with its open components in front, so the exposed one is seen before it
// is read; and every affected component by what was done about it, to show how far along the
// owner is. Each picture says its figures in words beside it.
import type { AlertSummary, AssetSummary, StatusCounts } from '../../api/ownerTypes'
import { alertStatuses, countsWords, statusLabel } from './alertWords'

/** More assets than this are summed up in one line, to keep Home short. */
const SHOWN_ASSETS = 8

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

export function ExposureSummary({ assets, alerts }: { assets: AssetSummary[]; alerts: AlertSummary[] }) {
  const exposed = assets.filter((a) => a.openItems > 0).length
  const open = sum(assets.map((a) => a.openItems))
  const figures: [string, number, boolean][] = [
    ['Assets', assets.length, false],
    ['Components', sum(assets.map((a) => a.components)), false],
    ['Assets exposed', exposed, exposed > 0],
    ['Open components', open, open > 0],
  ]
  return (
    <>
      <dl className="exposure-figures">
        {figures.map(([label, n, bad]) => (
          <div key={label} className={bad ? 'exposure-figure-bad' : undefined}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <div className="exposure-charts">
        <AssetBars assets={assets} />
        {alerts.length > 0 && <StatusBar counts={totalCounts(alerts)} />}
      </div>
    </>
  )
}

function totalCounts(alerts: AlertSummary[]): StatusCounts {
  const total: StatusCounts = { open: 0, patched: 0, mitigated: 0, not_applicable: 0 }
  for (const a of alerts) for (const s of alertStatuses) total[s] += a.counts[s]
  return total
}

/** The most exposed assets first; the bar drawn is the words after it, so it is hidden from screen readers. */
function AssetBars({ assets }: { assets: AssetSummary[] }) {
  const byExposure = [...assets].sort((a, b) => b.openItems - a.openItems)
  const shown = byExposure.slice(0, SHOWN_ASSETS)
  const rest = byExposure.slice(SHOWN_ASSETS)
  const most = Math.max(1, ...shown.map((a) => a.components))
  const restOpen = sum(rest.map((a) => a.openItems))
  return (
    <figure className="exposure-chart">
      <figcaption>Open components by asset</figcaption>
      <ul className="asset-bars">
        {shown.map((a) => {
          // An open count is per advisory: one component hit twice must not overflow its bar.
          const open = Math.min(a.openItems, a.components)
          return (
            <li key={a.id}>
              <span className="asset-bar-name">{a.name}</span>
              <svg
                aria-hidden="true"
                focusable="false"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                className="asset-bar"
              >
                <rect
                  x={0}
                  y={0}
                  width={Math.max(1, (a.components / most) * 100)}
                  height={10}
                  className="asset-bar-rest"
                />
                {open > 0 && <rect x={0} y={0} width={(open / most) * 100} height={10} className="asset-bar-open" />}
              </svg>
              <span className="asset-bar-words">
                {a.openItems > 0 ? `${a.openItems} open` : 'nothing open'} · {plural(a.components, 'component')}
              </span>
            </li>
          )
        })}
      </ul>
      {rest.length > 0 && (
        <p className="muted">
          and {plural(rest.length, 'more asset')}, {restOpen > 0 ? `${restOpen} open in them` : 'nothing open in them'}
        </p>
      )}
    </figure>
  )
}

/** Every affected component over all alerts, in one bar by status: red is what is left to do. */
function StatusBar({ counts }: { counts: StatusCounts }) {
  const total = Math.max(1, sum(alertStatuses.map((s) => counts[s])))
  const words = `Affected components: ${countsWords(counts)}.`
  let x = 0
  return (
    <figure className="exposure-chart">
      <figcaption>Affected components by status</figcaption>
      <svg role="img" aria-label={words} viewBox="0 0 100 10" preserveAspectRatio="none" className="status-bar">
        {alertStatuses.map((s) => {
          const width = (counts[s] / total) * 100
          const at = x
          x += width
          return width > 0 ? (
            <rect key={s} x={at} y={0} width={width} height={10} className={`status-bar-${s}`} />
          ) : null
        })}
      </svg>
      <ul className="chart-legend">
        {alertStatuses.map((s) => (
          <li key={s} className={`chart-key status-key-${s}`}>
            {statusLabel[s]}: {counts[s]}
          </li>
        ))}
      </ul>
    </figure>
  )
}
