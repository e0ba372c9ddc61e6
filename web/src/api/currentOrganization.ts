// Which of the user's organizations they are working as, remembered in this browser.
import { useSyncExternalStore } from 'react'
import type { Membership } from './types'

const KEY = 'lockstep.organization'
const listeners = new Set<() => void>()

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function chooseOrganization(id: string): void {
  try {
    window.localStorage.setItem(KEY, id)
  } catch {
    // Storage may be off (private mode); the choice then lasts until the page reloads.
  }
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('storage', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', listener)
  }
}

/** The chosen membership; the first one when nothing (or a membership since lost) was chosen. */
export function useCurrentMembership(memberships: readonly Membership[]): Membership | undefined {
  const chosen = useSyncExternalStore(subscribe, read)
  return memberships.find((m) => m.organization.id === chosen) ?? memberships[0]
}
