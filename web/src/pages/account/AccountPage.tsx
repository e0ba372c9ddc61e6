// /account: everything about the signed-in user's own account, one section each.
import { usePageTitle } from '../../pageTitle'
import { ProfileSection } from './ProfileSection'
import { PasswordSection } from './PasswordSection'
import { AuthenticatorSection } from './AuthenticatorSection'
import { SecurityKeysSection } from './SecurityKeysSection'
import { ApiTokensSection } from './ApiTokensSection'
import { SessionsSection } from './SessionsSection'
import { PgpKeySection } from './PgpKeySection'

export function AccountPage() {
  usePageTitle('Your account')
  return (
    <>
      <h1>Your account</h1>
      <nav aria-label="Account sections" className="in-page-nav">
        <ul>
          <li>
            <a href="#profile">Profile</a>
          </li>
          <li>
            <a href="#password">Password</a>
          </li>
          <li>
            <a href="#authenticator">Authenticator app</a>
          </li>
          <li>
            <a href="#security-keys">Security keys</a>
          </li>
          <li>
            <a href="#openpgp">OpenPGP key</a>
          </li>
          <li>
            <a href="#api-tokens">API tokens</a>
          </li>
          <li>
            <a href="#sessions">Signed-in browsers</a>
          </li>
        </ul>
      </nav>
      <ProfileSection />
      <PasswordSection />
      <AuthenticatorSection />
      <SecurityKeysSection />
      <PgpKeySection />
      <ApiTokensSection />
      <SessionsSection />
    </>
  )
}
