// A tiny router on history.pushState: the current location as React state, links that navigate
// without reloading, and path patterns with :parameters. Deep links work because the server
// answers every non-API path with index.html.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

const listeners = new Set<() => void>()
const notify = () => listeners.forEach((listener) => listener())
window.addEventListener('popstate', notify)

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const currentUrl = () => window.location.pathname + window.location.search

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentUrl()) return
  if (options.replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.scrollTo(0, 0)
  notify()
}

export interface Location {
  path: string
  search: URLSearchParams
  /** Path and query, as `next=` wants it. */
  url: string
}

export function useLocation(): Location {
  const url = useSyncExternalStore(subscribe, currentUrl)
  const [path = '/', search = ''] = url.split('?')
  return { path, search: new URLSearchParams(search), url }
}

/** Matches `/organizations/:id` against a path; returns the parameters, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const segments = (p: string) => p.split('/').filter(Boolean)
  const want = segments(pattern)
  const have = segments(path)
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (const [i, part] of want.entries()) {
    const value = have[i]!
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value)
    else if (part !== value) return null
  }
  return params
}

/** Only a path on this site may be a `next=` target: never another origin. */
export function safeNext(next: string | null | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}

export function withNext(path: string, next: string): string {
  return next && next !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }

export function Link({ to, onClick, ...rest }: LinkProps) {
  function follow(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    // Let the browser handle new tabs, downloads and modified clicks.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={follow} {...rest} />
}
