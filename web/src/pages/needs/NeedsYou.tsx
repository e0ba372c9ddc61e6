// "Needs you" on Home: what is asked of the signed-in person, whatever their role, each item a
// link to where it is done; a release coming up counts down live, and the list follows what
// happens meanwhile (a message, a case moving, a release) without the page being reloaded.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useHomeLiveUpdates } from '../../api/liveEvents'
import type { HomeNeeds, Need } from '../../api/needsTypes'
import { EmptyState, LoadedList } from '../../components/Status'
import { Countdown, Time } from '../../components/Time'
import { Link } from '../../router'

const kindWords: Record<Need['kind'], string> = {
  release: 'Release',
  silent: 'Silent vendors',
  statements: 'To approve',
  unread: 'Unread',
  triage: 'To triage',
  answer: 'Asked of you',
  report: 'Your report',
  alert: 'Alert',
}

export function NeedsYou() {
  const needs = useLoad(() => api.get<HomeNeeds>('/home'), 'what needs you')
  // An open Home follows what happens in the person's cases and reports without reloading.
  useHomeLiveUpdates(needs.reload)
  return (
    <section aria-labelledby="needs-heading" className="needs">
      <h2 id="needs-heading">Needs you</h2>
      <LoadedList
        loaded={needs}
        what="what needs you"
        isEmpty={(home) => home.items.length === 0}
        empty={
          <EmptyState title="Nothing needs you right now.">
            <p>When a case, a report or an alert asks something of you, it appears here.</p>
          </EmptyState>
        }
      >
        {(home) => (
          <ul className="needs-list">
            {home.items.map((item, i) => (
              <li key={`${item.kind}-${item.caseNumber ?? ''}-${i}`} className={`need need-${item.kind}`}>
                <span className="need-kind">{kindWords[item.kind]}</span>
                <span className="need-what">
                  <Link to={item.link}>
                    {item.title}
                    {item.kind === 'release' && item.at && (
                      <>
                        {' '}
                        <Countdown iso={item.at} />
                      </>
                    )}
                  </Link>
                  {item.detail && <span className="need-detail">{item.detail}</span>}
                  {item.kind === 'release' && item.at && (
                    <span className="need-detail">
                      At <Time iso={item.at} />
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
    </section>
  )
}
