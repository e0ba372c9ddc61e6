// The header's way to the notifications, with how many are unread (said in words too, not by
// the badge alone). Looked up again on every page change and every half minute.
import { useEffect } from 'react'
import { api } from '../api/client'
import { useLoad } from '../api/hooks'
import type { NotificationPage } from '../api/needsTypes'
import { Link, useLocation } from '../router'

export function NotificationBell({ current }: { current: 'page' | undefined }) {
  const { path } = useLocation()
  const page = useLoad(() => api.get<NotificationPage>('/notifications?limit=1'), 'notifications')
  const { reload } = page
  useEffect(() => {
    void reload()
    const timer = setInterval(() => void reload(), 30_000)
    return () => clearInterval(timer)
  }, [path, reload])
  const unread = page.data?.unread ?? 0
  return (
    <Link to="/notifications" className="notification-bell" aria-current={current}>
      Notifications
      {unread > 0 && (
        <span className="unread-count">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  )
}
