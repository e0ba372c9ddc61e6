// "What changed since your last visit": the threads with new messages (each a link that opens it)
// and every other change in words, newest first. Loaded once when the page opens: the case page
// reloads the case after each action (which counts as a visit), and the list must stay put while
// the person works through it.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { CaseChanges as Changes } from '../../api/types'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { threadPath } from './CaseThreads'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export function CaseChanges({ caseId, caseNumber }: { caseId: string; caseNumber: string }) {
  const changes = useLoad(() => api.get<Changes>(`/cases/${encodeURIComponent(caseId)}/changes`), caseId)
  return (
    <section className="panel changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">What changed since your last visit</h2>
      <LoadedList loaded={changes} what="the changes">
        {(data) => <ChangeList changes={data} caseNumber={caseNumber} />}
      </LoadedList>
    </section>
  )
}

function ChangeList({ changes, caseNumber }: { changes: Changes; caseNumber: string }) {
  if (!changes.since) return <p>This is your first visit to this case: everything here is new to you.</p>
  if (changes.items.length === 0 && changes.threads.length === 0) {
    return (
      <p>
        Nothing has changed since your last visit, which ended <Time iso={changes.since} />.
      </p>
    )
  }
  return (
    <>
      <p>
        Since your last visit, which ended <Time iso={changes.since} />:
      </p>
      {changes.threads.length > 0 && (
        <>
          <h3>New messages</h3>
          <ul className="link-list" aria-label="Threads with new messages">
            {changes.threads.map((t) => (
              <li key={t.key}>
                <Link to={threadPath(caseNumber, t.key)}>{t.title}</Link>:{' '}
                {plural(t.newMessages, 'new message', 'new messages')}
              </li>
            ))}
          </ul>
        </>
      )}
      {changes.items.length > 0 && (
        <>
          <h3>Changes, newest first</h3>
          <ol className="timeline" aria-label="Changes since your last visit, newest first">
            {changes.items.map((c, i) => (
              <li key={`${c.at} ${i}`}>
                <Time iso={c.at} />: {c.text}
              </li>
            ))}
          </ol>
          {changes.more && <p className="muted">Only the latest {changes.items.length} changes are listed.</p>}
        </>
      )}
    </>
  )
}
