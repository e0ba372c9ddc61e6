// The advisory draft as the parties review it (and as the coordinator sees it between edits):
// each section under its heading, the references as links, the credits.
import type { AdvisoryDraft } from '../../../api/embargoTypes'

const sections = [
  ['overview', 'Overview'],
  ['description', 'Description'],
  ['impact', 'Impact'],
  ['solution', 'Solution'],
] as const

export function DraftView({ draft }: { draft: AdvisoryDraft }) {
  return (
    <div className="panel advisory-draft">
      <h3>{draft.title}</h3>
      {sections.map(([key, title]) => (
        <div key={key}>
          <h4>{title}</h4>
          {draft[key].trim() ? <p className="prose-block">{draft[key]}</p> : <p className="muted">Nothing yet.</p>}
        </div>
      ))}
      <h4>References</h4>
      {draft.references.length ? (
        <ul>
          {draft.references.map((r, i) => (
            <li key={i}>
              <a href={r.url} rel="noreferrer noopener" target="_blank">
                {r.summary || r.url}
              </a>
              {r.summary && <span className="muted"> ({r.url})</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}
      <h4>Credits</h4>
      {draft.credits.length ? (
        <ul>
          {draft.credits.map((c, i) => (
            <li key={i}>
              {c.name}
              {c.contribution && <>: {c.contribution}</>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}
    </div>
  )
}
