// /admin/mail/:id: one outgoing message as it went on the wire. Its facts (recipient, status, how
// it went, the case), the headers one per line, and the body a person would read: the text part
// decoded, or for an encrypted message the armored block as sent (only the recipient can read it).
// The whole raw message is one click away.
import { api } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { OutboxMessageDetail } from '../../api/types'
import { LoadError, Loading } from '../../components/Status'
import { TlpBadge } from '../../components/TlpBadge'
import { MaybeTime, Time } from '../../components/Time'
import { Link } from '../../router'
import { AdminFrame } from './AdminFrame'
import { mailModeLabel, outboxStatusBadge, outboxStatusLabel, templateWords } from './mailLabels'
import { readMail } from './rawMail'

export function OutboxMessagePage({ messageId }: { messageId: string }) {
  const { session } = useSignedIn()
  const allowed = session.instance.administer
  const message = useLoad(
    async () => (allowed ? api.get<OutboxMessageDetail>(`/mail/outbox/${encodeURIComponent(messageId)}`) : null),
    messageId,
  )
  const m = message.data
  const title = m ? (m.subject ?? `${templateWords(m.template)} to ${m.to}`) : 'Outgoing message'
  return (
    <AdminFrame title={title} allowed={allowed}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/admin/mail">All outgoing mail</Link>
      </nav>
      {message.error ? (
        <LoadError
          error={message.error}
          retry={message.error.status === 404 ? undefined : () => void message.reload()}
        />
      ) : !m ? (
        <Loading what="the message" />
      ) : (
        <MessageDetail message={m} />
      )}
    </AdminFrame>
  )
}

function MessageDetail({ message: m }: { message: OutboxMessageDetail }) {
  const mail = m.raw ? readMail(m.raw) : null
  return (
    <>
      <dl className="report-facts panel">
        <div>
          <dt>To</dt>
          <dd>{m.to}</dd>
        </div>
        <div>
          <dt>About</dt>
          <dd>
            {templateWords(m.template)}
            {m.caseId && (
              <>
                {' · '}
                <Link to={`/cases/${m.caseId}`}>open the case</Link>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge ${outboxStatusBadge[m.status]}`}>{outboxStatusLabel[m.status]}</span> after{' '}
            {m.attempts} {m.attempts === 1 ? 'attempt' : 'attempts'}
            {m.lastError && <p className="field-error">Last error: {m.lastError}</p>}
          </dd>
        </div>
        <div>
          <dt>How</dt>
          <dd>{m.mode ? mailModeLabel[m.mode] : <span className="muted">Not written yet</span>}</dd>
        </div>
        <div>
          <dt>TLP</dt>
          <dd>
            <TlpBadge tlp={m.tlp} />
          </dd>
        </div>
        <div>
          <dt>Written</dt>
          <dd>
            <Time iso={m.createdAt} />
          </dd>
        </div>
        <div>
          <dt>{m.status === 'caught' ? 'Caught' : 'Sent'}</dt>
          <dd>
            <MaybeTime iso={m.sentAt} otherwise="Not yet" />
          </dd>
        </div>
      </dl>
      {!mail ? (
        <p className="empty-state">
          {m.template === 'report.received'
            ? 'Lockstep keeps no copy of this message: it carried the finder’s private follow-up link.'
            : 'The message is not written yet: its text appears here once Lockstep has composed it.'}
        </p>
      ) : (
        <>
          <section aria-labelledby="headers-heading">
            <h2 id="headers-heading">Headers</h2>
            <dl className="mail-headers">
              {mail.headers.map((h, i) => (
                <div key={`${h.name} ${i}`}>
                  <dt>{h.name}</dt>
                  <dd>{h.value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section aria-labelledby="body-heading">
            <h2 id="body-heading">Body</h2>
            {m.mode === 'encrypted' ? (
              <>
                <p>
                  The body is encrypted to the recipient’s OpenPGP key (and signed with the instance key): only they can
                  read it. This is the armored block as sent.
                </p>
                <pre className="mail-body">{mail.armored ?? m.raw}</pre>
              </>
            ) : mail.text !== null ? (
              <pre className="mail-body">{mail.text}</pre>
            ) : (
              <p className="muted">The message has no plain-text part; the raw message below shows it all.</p>
            )}
          </section>
          <details className="raw-mail">
            <summary>The raw message, as it went on the wire</summary>
            <pre className="mail-body">{m.raw}</pre>
          </details>
        </>
      )}
    </>
  )
}
