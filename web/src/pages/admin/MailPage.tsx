// /admin/mail: the mail Lockstep sends (and, without a relay, keeps: the built-in catcher) and
// the mail it receives, each in its own tab (?box=incoming for the second, so it can be linked to).
import { useSignedIn } from '../../api/session'
import { Link, useLocation } from '../../router'
import { AdminFrame } from './AdminFrame'
import { IncomingMail } from './IncomingMail'
import { OutgoingMail } from './OutgoingMail'

export function MailPage() {
  const { session } = useSignedIn()
  const incoming = useLocation().search.get('box') === 'incoming'
  return (
    <AdminFrame title="Mail" allowed={session.instance.administer}>
      <nav aria-label="Mail" className="tabs sub-tabs">
        <ul>
          <li>
            <Link to="/admin/mail" aria-current={incoming ? undefined : 'page'}>
              Outgoing
            </Link>
          </li>
          <li>
            <Link to="/admin/mail?box=incoming" aria-current={incoming ? 'page' : undefined}>
              Incoming
            </Link>
          </li>
        </ul>
      </nav>
      {incoming ? <IncomingMail /> : <OutgoingMail />}
    </AdminFrame>
  )
}
