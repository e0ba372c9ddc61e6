// One line of a case's thread lists: the link that opens the thread, its unread count and when
// its last message was written. Shared by the list of case-wide and private threads and the list
// of product threads, which adds what the thread is about.
import type { ReactNode } from 'react'
import type { CaseThread } from '../../api/types'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { casePath } from './workspace/caseTabs'

export const threadPath = (caseNumber: string, key: string) => casePath(caseNumber, 'threads', { thread: key })

interface ThreadListItemProps {
  caseNumber: string
  thread: CaseThread
  open: boolean
  /** Said between the link and the unread count, e.g. a product thread's product. */
  children?: ReactNode
}

export function ThreadListItem({ caseNumber, thread, open, children }: ThreadListItemProps) {
  return (
    <li className={open ? 'thread-open' : undefined}>
      <Link to={threadPath(caseNumber, thread.key)} aria-current={open ? 'true' : undefined}>
        {thread.title}
      </Link>
      {children}
      {thread.unread > 0 && <span className="badge badge-unread">{thread.unread} unread</span>}
      <span className="muted thread-last">
        {thread.lastMessageAt ? (
          <>
            Last message <Time iso={thread.lastMessageAt} />
          </>
        ) : (
          'No messages yet'
        )}
      </span>
    </li>
  )
}
