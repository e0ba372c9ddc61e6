// The outbox, newest first: every message Lockstep wrote, how it went (encrypted, plain, or a
// notice to sign in) and where it stands, filtered by status and paged. Without a relay the
// built-in catcher keeps each one here instead of sending it, and the page says so.
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Outbox, OutboxStatus } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { SelectField } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'
import { TlpBadge } from '../../components/TlpBadge'
import { MaybeTime, Time } from '../../components/Time'
import { Link } from '../../router'
import { options } from '../labels'
import { mailModeLabel, outboxStatusBadge, outboxStatusLabel, templateWords } from './mailLabels'
import { Pagination } from './Pagination'

const PAGE_SIZE = 20
const statusFilter = [{ value: '', label: 'Every status' }, ...options(outboxStatusLabel)]

export function OutgoingMail() {
  const [status, setStatus] = useState('')
  const [offset, setOffset] = useState(0)
  const outbox = useLoad(
    () => api.get<Outbox>(`/mail/outbox${query({ status, limit: PAGE_SIZE, offset })}`),
    `${status}|${offset}`,
  )

  return (
    <section aria-labelledby="outgoing-heading">
      <h2 id="outgoing-heading">Outgoing mail</h2>
      {outbox.data?.catcher && (
        <div className="alert alert-info" role="note">
          <p>
            <strong>No mail relay is configured.</strong> Lockstep’s built-in mail catcher keeps every message here
            instead of sending it, so you can read what would have gone out. Set <code>LOCKSTEP_SMTP_RELAY</code> to
            send mail for real.
          </p>
        </div>
      )}
      <div className="filters">
        <SelectField
          label="Show"
          value={status}
          onChange={(value) => {
            setStatus(value)
            setOffset(0)
          }}
          options={statusFilter}
        />
      </div>
      <LoadedList
        loaded={outbox}
        what="outgoing mail"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState
            title={
              status ? `No messages with the status “${outboxStatusLabel[status as OutboxStatus]}”.` : 'No mail yet.'
            }
          >
            <p>
              Lockstep writes mail when something happens in a case, and when a report comes in with an e-mail address.
            </p>
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <DataTable label="Outgoing mail" columns={['Subject', 'To', 'Status', 'How', 'TLP', 'Written', 'Sent']}>
              {page.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/admin/mail/${m.id}`}>{m.subject ?? templateWords(m.template)}</Link>
                    {m.subject && <p className="muted">{templateWords(m.template)}</p>}
                  </th>
                  <td>{m.to}</td>
                  <td>
                    <span className={`badge ${outboxStatusBadge[m.status]}`}>{outboxStatusLabel[m.status]}</span>
                    {m.lastError && <p className="field-error">{m.lastError}</p>}
                  </td>
                  <td>{m.mode ? mailModeLabel[m.mode] : <span className="muted">Not written yet</span>}</td>
                  <td>
                    <TlpBadge tlp={m.tlp} />
                  </td>
                  <td>
                    <Time iso={m.createdAt} />
                  </td>
                  <td>
                    <MaybeTime iso={m.sentAt} otherwise={m.status === 'failed' ? 'Never' : 'Not yet'} />
                  </td>
                </tr>
              ))}
            </DataTable>
            <Pagination offset={offset} pageSize={PAGE_SIZE} total={page.total} noun="messages" onChange={setOffset} />
          </>
        )}
      </LoadedList>
    </section>
  )
}
