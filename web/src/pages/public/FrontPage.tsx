// The front page for people without an account: the published advisories, how to report a flaw
// (the form, or mail to the intake address encrypted to the instance's key, with its fingerprint)
// and the feeds to follow. The advisories and feeds are the server's plain pages and files.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { ResponseOf } from '../../api/types'
import { EmailReportNote } from '../../components/InstanceKeyNote'
import { LoadedList } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'

type Published = ResponseOf<'/api/v1/advisories', 'get'>

export function FrontPage() {
  usePageTitle('Security advisories and reporting')
  const advisories = useLoad(() => api.get<Published>('/advisories?limit=10'), 'front-advisories')
  return (
    <div className="front-page">
      <h1>Coordinated vulnerability disclosure</h1>
      <p>
        We coordinate the disclosure of security flaws between the people who find them, the vendors who fix them and
        the organizations that run the software.
      </p>
      <section aria-labelledby="front-report">
        <h2 id="front-report">Report a vulnerability</h2>
        <p>
          <Link to="/report" className="button primary">
            Report a vulnerability
          </Link>
        </p>
        <p>No account is needed. You get a tracking ID and a private link to follow your report.</p>
        <EmailReportNote />
      </section>
      <section aria-labelledby="front-advisories">
        <h2 id="front-advisories">Published advisories</h2>
        <LoadedList
          loaded={advisories}
          what="the published advisories"
          isEmpty={(page) => page.items.length === 0}
          empty={<p>Nothing is published yet. The feeds below will carry the first advisory when it is released.</p>}
        >
          {(page) => (
            <ul className="plain-list advisory-list">
              {page.items.map((a) => (
                <li key={a.id}>
                  <a href={`/advisories/${encodeURIComponent(a.id)}`}>{a.title}</a>{' '}
                  <span className="muted">
                    {a.id} · released {a.releasedAt.slice(0, 10)}
                    {a.cves.length > 0 && ` · ${a.cves.join(', ')}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </LoadedList>
        <p>
          <a href="/advisories">All advisories, with search</a>
        </p>
      </section>
      <section aria-labelledby="front-feeds">
        <h2 id="front-feeds">Follow the advisories</h2>
        <ul>
          <li>
            <a href="/advisories.atom">Atom feed</a> for feed readers
          </li>
          <li>
            <a href="/.well-known/csaf/provider-metadata.json">CSAF provider metadata</a> for security tools
          </li>
          <li>
            <a href="/advisories">Announcements by e-mail</a>: subscribe at the bottom of the advisories page
          </li>
        </ul>
      </section>
      <p>
        Coordinators, vendors and owners: <Link to="/sign-in">sign in</Link>.
      </p>
    </div>
  )
}
