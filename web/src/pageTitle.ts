// Each page names itself in the browser tab, so history and screen readers say where you are.
import { useEffect } from 'react'

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Lockstep`
  }, [title])
}
