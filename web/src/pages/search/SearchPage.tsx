// The results of the header's search, grouped by kind, each result linking to its page. Only what
// the person may see is ever answered; a group with nothing in it says so in words.
import { api, query } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { SearchGroup, SearchResults } from '../../api/types'
import { LoadedList } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link, useLocation } from '../../router'

const groups: { key: keyof SearchResults; heading: string; one: string; many: string }[] = [
  { key: 'cases', heading: 'Cases', one: 'case', many: 'cases' },
  { key: 'reports', heading: 'Reports', one: 'report', many: 'reports' },
  { key: 'vendors', heading: 'Vendors', one: 'vendor', many: 'vendors' },
  { key: 'advisories', heading: 'Published advisories', one: 'advisory', many: 'advisories' },
]

export function SearchPage() {
  const { search } = useLocation()
  const q = (search.get('q') ?? '').trim()
  usePageTitle(q ? `Search: ${q}` : 'Search')
  const results = useLoad(
    () =>
      q ? api.get<SearchResults>(`/search${query({ q, limit: 20 })}`) : Promise.resolve<SearchResults | null>(null),
    q,
  )
  return (
    <div>
      <h1>{q ? `Search results for “${q}”` : 'Search'}</h1>
      {!q ? (
        <p>Type a few letters of a name, a title or a number into the search box at the top of the page.</p>
      ) : (
        <LoadedList loaded={results} what="the search results">
          {(found) => (found ? <Results found={found} /> : null)}
        </LoadedList>
      )}
    </div>
  )
}

/** "12", or "more than 1,000" where the server stopped counting. */
const howMany = (group: SearchGroup) =>
  group.more ? `more than ${group.total.toLocaleString('en')}` : group.total.toLocaleString('en')

function Results({ found }: { found: SearchResults }) {
  const any = groups.some((g) => found[g.key].total > 0)
  if (!any)
    return (
      <p role="status">
        Nothing you may see matches. Try fewer letters or another word: each word you type must begin a word of what you
        look for.
      </p>
    )
  return (
    <>
      <p role="status" className="muted">
        {groups
          .filter((g) => found[g.key].total > 0)
          .map((g) => `${howMany(found[g.key])} ${found[g.key].total === 1 && !found[g.key].more ? g.one : g.many}`)
          .join(', ')}
      </p>
      {groups.map((g) => (
        <Group key={g.key} id={`results-${g.key}`} heading={g.heading} group={found[g.key]} many={g.many} />
      ))}
    </>
  )
}

function Group({ id, heading, group, many }: { id: string; heading: string; group: SearchGroup; many: string }) {
  if (group.total === 0) return null
  return (
    <section aria-labelledby={id} className="search-group">
      <h2 id={id}>{heading}</h2>
      <ul className="plain-list search-results">
        {group.items.map((item) => (
          <li key={item.id}>
            {item.href.startsWith('/advisories/') ? (
              <a href={item.href}>{item.label}</a>
            ) : (
              <Link to={item.href}>{item.label}</Link>
            )}
            {item.title !== item.label && <span> · {item.title}</span>}
          </li>
        ))}
      </ul>
      {(group.more || group.total > group.items.length) && (
        <p className="muted">
          The first {group.items.length} of {howMany(group)} {many}: add a word to narrow the search.
        </p>
      )}
    </section>
  )
}
