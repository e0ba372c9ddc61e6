// Sends the browser elsewhere without adding a history entry (guards, finished steps).
import { useEffect } from 'react'
import { navigate } from '../router'

export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to])
  return null
}
