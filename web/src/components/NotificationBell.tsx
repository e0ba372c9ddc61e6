// The header's way to the notifications, with how many are unread (said in words too, not by
// the badge alone). Looked up again on every page change, when one is written for this person
// (a live event), every half minute (should the stream be down) and when read.
import { useEffect } from 'react'
import { api } from '../api/client'
import { useLoad } from '../api/hooks'
import { useReloadOn } from '../api/liveEvents'
import type { NotificationPage } from '../api/needsTypes'
import { Link, useLocation } from '../router'

const CHANGED = 'lockstep:notifications-read'

/** Says that notifications were marked read, so the bell counts again at once. */
export function notificationsRead(): void {
  window.dispatchEvent(new Event(CHANGED))
}

export function NotificationBell({ current }: { current: 'page' | undefined }) {
  const { path } = useLocation()
  const page = useLoad(() => api.get<NotificationPage>('/notifications?limit=1'), 'notifications')
  const { reload } = page
  useReloadOn((e) => e.kind === 'notification.created', reload)
  useEffect(() => {
    void reload()
    const again = () => void reload()
    const timer = setInterval(again, 30_000)
    window.addEventListener(CHANGED, again)
    return () => {
      clearInterval(timer)
      window.removeEventListener(CHANGED, again)
    }
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
