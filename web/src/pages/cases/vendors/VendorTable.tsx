// The coordinator's view of a case's vendors, built for a thousand of them: the count in each
// state (as filter buttons and as a bar chart) so the silent ones show at a glance, filtered by the
// name typed in the vendors' one search box (CaseVendors), and a page of vendors with when each was notified, looked, answered and stated, the reminders
// and escalations Lockstep sent, and its fix.
import { useState } from 'react'
import { api, query } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { CaseVendor, CaseVendorTable, VendorState } from '../../../api/types'
import { DataTable } from '../../../components/DataTable'
import { EmptyState, LoadedList } from '../../../components/Status'
import { MaybeTime, Time } from '../../../components/Time'
import { Link } from '../../../router'
import { Pagination } from '../../admin/Pagination'
import { statusWords, vendorStateBadge, vendorStateLabel, vendorStates } from '../../vendors/vendorLabels'
import { VendorStateChart } from './VendorStateChart'

const PAGE_SIZE = 50

/** `revision` moves on with every change on the page (vendors notified, statements given). */
export function VendorTable({ caseId, revision, name }: { caseId: string; revision: number; name: string }) {
  const [state, setState] = useState<VendorState | ''>('')
  const [offset, setOffset] = useState(0)
  // A new name starts again at the first page.
  const [shownName, setShownName] = useState(name)
  if (shownName !== name) {
    setShownName(name)
    setOffset(0)
  }
  const table = useLoad(
    () =>
      api.get<CaseVendorTable>(
        `/cases/${encodeURIComponent(caseId)}/vendors${query({ state, query: name, limit: PAGE_SIZE, offset })}`,
      ),
    `${caseId}|${state}|${name}|${offset}|${revision}`,
  )
  // The last answer stays while the next one loads, so the counts do not flicker.
  const counts = table.data?.counts ?? null
  const total = counts ? vendorStates.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : null

  function show(next: VendorState | '') {
    setState(next)
    setOffset(0)
  }

  return (
    <div className="vendor-table">
      {counts && total !== null && total > 0 && (
        <div className="vendor-overview">
          <div role="group" aria-label="Show vendors by state" className="filter-chips">
            <button type="button" className="chip" aria-pressed={state === ''} onClick={() => show('')}>
              All vendors <span className="chip-count">{total}</span>
            </button>
            {vendorStates.map((s) => (
              <button
                key={s}
                type="button"
                className={`chip chip-${s}`}
                aria-pressed={state === s}
                onClick={() => show(s)}
              >
                {vendorStateLabel[s]} <span className="chip-count">{counts[s] ?? 0}</span>
              </button>
            ))}
          </div>
          <VendorStateChart counts={counts} />
        </div>
      )}
      <LoadedList
        loaded={table}
        what="the case’s vendors"
        isEmpty={(page) => page.items.length === 0}
        empty={<NoVendors filtered={state !== '' || name !== ''} state={state} name={name} />}
      >
        {(page) => (
          <>
            <DataTable
              label="Vendor table"
              columns={['Vendor', 'Contact', 'Statement', 'Notified', 'Seen', 'Responded', 'Follow-up', 'Fix']}
            >
              {page.items.map((v) => (
                <VendorRow key={v.participantId} vendor={v} />
              ))}
            </DataTable>
            <Pagination offset={offset} pageSize={PAGE_SIZE} total={page.total} noun="vendors" onChange={setOffset} />
          </>
        )}
      </LoadedList>
    </div>
  )
}

function NoVendors({ filtered, state, name }: { filtered: boolean; state: VendorState | ''; name: string }) {
  if (!filtered) {
    return (
      <EmptyState title="No vendors in this case yet.">
        <p>Use “Find vendors” to see who makes the affected products, then notify them.</p>
      </EmptyState>
    )
  }
  const what = [state && `in the state “${vendorStateLabel[state]}”`, name && `named like “${name}”`]
    .filter(Boolean)
    .join(' and ')
  return (
    <EmptyState title={`No vendor ${what}.`}>
      <p>Choose “All vendors” or clear the name to see the others.</p>
    </EmptyState>
  )
}

function VendorRow({ vendor: v }: { vendor: CaseVendor }) {
  return (
    <tr>
      <th scope="row">{v.organizationId ? <Link to={`/organizations/${v.organizationId}`}>{v.name}</Link> : v.name}</th>
      <td>
        <span className={`badge ${vendorStateBadge[v.state] ?? 'badge-neutral'}`}>{v.stateLabel}</span>
      </td>
      <td>
        {v.statuses.length ? v.statuses.map(statusWords).join(', ') : <span className="muted">None yet</span>}
        {v.statementAt && (
          <p className="muted">
            <Time iso={v.statementAt} />
          </p>
        )}
      </td>
      <td>
        <MaybeTime iso={v.notifiedAt} otherwise="Not yet" />
      </td>
      <td>
        <MaybeTime iso={v.seenAt} otherwise="Not yet" />
      </td>
      <td>
        <MaybeTime iso={v.respondedAt} otherwise="Not yet" />
      </td>
      <td>
        {v.remindedAt || v.escalatedAt ? (
          <ul className="plain-list">
            {v.remindedAt && (
              <li>
                Reminded <Time iso={v.remindedAt} />
              </li>
            )}
            {v.escalatedAt && (
              <li>
                Escalated <Time iso={v.escalatedAt} />
              </li>
            )}
          </ul>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>
        {v.fixReadyAt || v.fixDeployedAt ? (
          <ul className="plain-list">
            {v.fixReadyAt && (
              <li>
                Ready <Time iso={v.fixReadyAt} />
              </li>
            )}
            {v.fixDeployedAt && (
              <li>
                Deployed <Time iso={v.fixDeployedAt} />
              </li>
            )}
          </ul>
        ) : (
          <span className="muted">Not yet</span>
        )}
      </td>
    </tr>
  )
}
