// The notifications page: what happened in the person's cases, reports and alerts, newest first,
// each a link; marking read one or all; and how each kind also comes by mail.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import type { NotificationPage } from '../../api/needsTypes'
import { FormAlert } from '../../components/forms'
import { notificationsRead } from '../../components/NotificationBell'
import { EmptyState, LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { MailPreferences } from './MailPreferences'

const PAGE = 25

export function NotificationsPage() {
  usePageTitle('Notifications')
  const [offset, setOffset] = useState(0)
  const list = useLoad(
    () => api.get<NotificationPage>(`/notifications?limit=${PAGE}&offset=${offset}`),
    `notifications-${offset}`,
  )
  const action = useAction()
  const mark = (body: { ids: string[] } | { all: true }) =>
    action.run(async () => {
      await api.post('/notifications/read', body)
      notificationsRead()
      await list.reload()
    })

  return (
    <>
      <h1>Notifications</h1>
      <FormAlert error={action.error} />
      <LoadedList
        loaded={list}
        what="your notifications"
        isEmpty={(page) => page.total === 0}
        empty={
          <EmptyState title="No notifications yet.">
            <p>New messages, proposals to answer, statements, releases and alerts about your work appear here.</p>
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <p>
              {page.unread === 0 ? 'Everything is read.' : `${page.unread} unread.`}{' '}
              {page.unread > 0 && (
                <button type="button" className="button" onClick={() => void mark({ all: true })}>
                  Mark all read
                </button>
              )}
            </p>
            <ul className="notification-list">
              {page.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'notification' : 'notification unread'}>
                  {!n.readAt && <span className="unread-label">New</span>}
                  <Link to={n.link} onClick={() => void (n.readAt ? undefined : mark({ ids: [n.id] }))}>
                    {n.title}
                  </Link>{' '}
                  <span className="muted">
                    <Time iso={n.createdAt} />
                  </span>
                  {!n.readAt && (
                    <button type="button" className="button subtle" onClick={() => void mark({ ids: [n.id] })}>
                      Mark read<span className="visually-hidden">: {n.title}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <nav aria-label="Pages of notifications" className="pager">
              {offset > 0 && (
                <button type="button" className="button" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  Newer
                </button>
              )}
              {offset + PAGE < page.total && (
                <button type="button" className="button" onClick={() => setOffset(offset + PAGE)}>
                  Older
                </button>
              )}
            </nav>
          </>
        )}
      </LoadedList>
      <MailPreferences />
    </>
  )
}
