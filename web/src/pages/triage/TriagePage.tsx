// /triage: the reports waiting for a coordinator: New, Mine, Unassigned or All, in an order
// (oldest first by default, so nothing waits forever), a page at a time. The choices live in
// the address, so a view can be bookmarked and Back returns to it.
import { api, query } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Page, ReportSummary } from '../../api/types'
import { SelectField } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link, navigate, useLocation } from '../../router'
import { Pagination } from '../admin/Pagination'
import { TriageQueue } from './TriageQueue'
import { useStaff } from './useStaff'

const PAGE_SIZE = 25
const views = [
  { value: 'new', label: 'New' },
  { value: 'mine', label: 'Assigned to me' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
]
const sorts = [
  { value: 'oldest', label: 'Oldest first' },
  { value: 'newest', label: 'Newest first' },
  { value: 'score', label: 'Highest CVSS first' },
]
const emptyText: Record<string, string> = {
  new: 'No new reports. Reports the public form receives appear here until someone validates them.',
  mine: 'No reports are assigned to you. Assign one to yourself from its page.',
  unassigned: 'Every report has someone looking after it.',
  all: 'No reports yet. Reports arrive through the public form at /report.',
}

export function TriagePage() {
  usePageTitle('Triage')
  const { session, user } = useSignedIn()
  const { search } = useLocation()
  const view = views.some((v) => v.value === search.get('view')) ? search.get('view')! : 'new'
  const sort = sorts.some((s) => s.value === search.get('sort')) ? search.get('sort')! : 'oldest'
  const offset = Math.max(0, Number(search.get('offset')) || 0)
  const allowed = session.instance.list_reports
  const key = `${view} ${sort} ${offset}`
  const reports = useLoad(
    () =>
      allowed
        ? api.get<Page<ReportSummary>>(`/reports${query({ view, sort, limit: PAGE_SIZE, offset })}`)
        : Promise.resolve({ items: [], total: 0 }),
    key,
  )
  const staff = useStaff(allowed)

  const go = (next: { view?: string; sort?: string; offset?: number }) =>
    navigate(
      `/triage${query({ view: next.view ?? view, sort: next.sort ?? sort, offset: next.offset || undefined })}`,
      { replace: true },
    )

  if (!allowed) {
    return (
      <>
        <h1>Triage</h1>
        <div className="alert alert-error" role="alert">
          <p>
            <strong>The triage queue is for coordinators.</strong> <Link to="/">Back to your home page</Link>
          </p>
        </div>
      </>
    )
  }

  return (
    <>
      <h1>Triage</h1>
      <div className="toolbar">
        <SelectField label="Show" value={view} onChange={(v) => go({ view: v, offset: 0 })} options={views} />
        <SelectField label="Order" value={sort} onChange={(s) => go({ sort: s, offset: 0 })} options={sorts} />
      </div>
      <LoadedList
        loaded={reports}
        what="reports"
        isEmpty={(page) => page.total === 0}
        empty={
          <EmptyState title="Nothing to triage here.">
            <p>{emptyText[view]}</p>
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <TriageQueue reports={page.items} staff={staff.data} me={user.id} />
            <Pagination
              offset={offset}
              pageSize={PAGE_SIZE}
              total={page.total}
              noun="reports"
              onChange={(o) => go({ offset: o })}
            />
          </>
        )}
      </LoadedList>
    </>
  )
}
