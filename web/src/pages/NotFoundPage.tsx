// Any path the app does not know.
import { useSession } from '../api/session'
import { usePageTitle } from '../pageTitle'
import { Link, useLocation } from '../router'

export function NotFoundPage() {
  usePageTitle('Page not found')
  const { path } = useLocation()
  const { session } = useSession()
  return (
    <div className="narrow">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. The link may be mistyped, or the page may have moved.
      </p>
      <p>
        {session.stage === 'complete' ? (
          <Link to="/">Go to your home page</Link>
        ) : (
          // A visitor without an account (a mistyped advisory link) wants the front page first.
          <>
            <Link to="/">Go to the front page</Link> (advisories and reporting), or <Link to="/sign-in">sign in</Link>.
          </>
        )}
      </p>
    </div>
  )
}
