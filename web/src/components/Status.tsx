// What a page shows while it loads, when loading failed, when there is nothing yet, and a loaded list in each of these states.
import type { ReactNode } from 'react'
import type { ApiError } from '../api/client'
import type { Loaded } from '../api/hooks'

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  )
}

export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>Could not load this.</strong> {error.problem.detail}
      </p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  )
}

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  )
}

interface LoadedListProps<T> {
  loaded: Loaded<T>
  /** What is loading, as in "Loading API tokens…". */
  what: string
  /** Shown instead of the list when there is nothing in it; without it, an empty list is shown as it is. */
  empty?: ReactNode
  /** Whether the loaded data holds nothing; by default, whether it is an empty array. */
  isEmpty?(data: T): boolean
  children(data: T): ReactNode
}

/** A loaded list in its states: the failure (with Try again), loading, nothing yet, or the list. */
export function LoadedList<T>({
  loaded,
  what,
  empty,
  isEmpty = (data) => Array.isArray(data) && data.length === 0,
  children,
}: LoadedListProps<T>) {
  if (loaded.error) return <LoadError error={loaded.error} retry={() => void loaded.reload()} />
  if (loaded.data === undefined) return <Loading what={what} />
  if (empty !== undefined && isEmpty(loaded.data)) return <>{empty}</>
  return <>{children(loaded.data)}</>
}
