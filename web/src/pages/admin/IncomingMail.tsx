// Mail that came in, newest first, with what became of each (a report, a post in a case thread,
// ignored, or why it failed), and the addresses whose mail servers refuse Lockstep's mail.
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { Inbound, InboundMail, InboundStatus } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { SelectField } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { options } from '../labels'
import { inboundStatusBadge, inboundStatusLabel } from './mailLabels'

const PAGE_SIZE = 20
const statusFilter = [{ value: '', label: 'Every status' }, ...options(inboundStatusLabel)]

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} bytes`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`

function Outcome({ mail }: { mail: InboundMail }) {
  if (mail.reportId) return <Link to={`/reports/${mail.reportId}`}>The report it became</Link>
  if (mail.caseMessageId) return <>Posted in a case thread</>
  return <span className="muted">Nothing made</span>
}

export function IncomingMail() {
  const [status, setStatus] = useState('')
  const [offset, setOffset] = useState(0)
  const inbound = useLoad(
    () => api.get<Inbound>(`/mail/inbound${query({ status, limit: PAGE_SIZE, offset })}`),
    `${status}|${offset}`,
  )

  return (
    <>
      <section aria-labelledby="incoming-heading">
        <h2 id="incoming-heading">Incoming mail</h2>
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
          loaded={inbound}
          what="incoming mail"
          isEmpty={(data) => data.items.length === 0 && offset === 0}
          empty={
            <EmptyState
              title={
                status
                  ? `No incoming mail with the status “${inboundStatusLabel[status as InboundStatus]}”.`
                  : 'No mail has come in yet.'
              }
            >
              <p>Reports sent to the intake address and replies to notifications appear here.</p>
            </EmptyState>
          }
        >
          {(data) => (
            <>
              <DataTable
                label="Incoming mail"
                columns={['Received', 'From', 'To', 'Size', 'Status', 'What became of it']}
              >
                {data.items.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Time iso={m.receivedAt} />
                    </th>
                    <td>{m.from ?? <span className="muted">No sender</span>}</td>
                    <td>{m.to.join(', ')}</td>
                    <td>{size(m.size)}</td>
                    <td>
                      <span className={`badge ${inboundStatusBadge[m.status] ?? 'badge-neutral'}`}>
                        {inboundStatusLabel[m.status] ?? m.status}
                      </span>
                    </td>
                    <td>
                      <Outcome mail={m} />
                      {m.note && <p className="muted">{m.note}</p>}
                    </td>
                  </tr>
                ))}
              </DataTable>
              <nav aria-label="Pages of incoming mail" className="pagination">
                <p role="status">
                  {data.items.length === 0
                    ? 'No more messages.'
                    : `Showing ${offset + 1}–${offset + data.items.length}`}
                </p>
                <div className="pagination-buttons">
                  <button
                    type="button"
                    className="button secondary"
                    disabled={offset === 0}
                    onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
                  >
                    Previous page
                  </button>
                  <button
                    type="button"
                    className="button secondary"
                    disabled={data.items.length < PAGE_SIZE}
                    onClick={() => setOffset(offset + PAGE_SIZE)}
                  >
                    Next page
                  </button>
                </div>
              </nav>
            </>
          )}
        </LoadedList>
      </section>
      <section aria-labelledby="failing-heading">
        <h2 id="failing-heading">Failing addresses</h2>
        <p className="muted">
          Addresses whose mail server refused Lockstep’s mail for good: check the account or the organization contact
          that uses each.
        </p>
        <LoadedList
          loaded={inbound}
          what="failing addresses"
          isEmpty={(data) => data.failingAddresses.length === 0}
          empty={
            <EmptyState title="No address is failing.">
              <p>Every address Lockstep wrote to accepted its mail, or is still being tried.</p>
            </EmptyState>
          }
        >
          {(data) => (
            <DataTable labelledBy="failing-heading" columns={['Address', 'Failing since', 'Last error']}>
              {data.failingAddresses.map((f) => (
                <tr key={f.address}>
                  <th scope="row">{f.address}</th>
                  <td>
                    <Time iso={f.since} />
                  </td>
                  <td>{f.error}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </LoadedList>
      </section>
    </>
  )
}
