// A button for an action that cannot be undone: the first press asks, in place, for a second.
// No modal dialog, so it stays simple for keyboards and screen readers.
import { useEffect, useRef, useState } from 'react'

interface ConfirmActionProps {
  label: string
  question: string
  confirmLabel: string
  onConfirm(): Promise<unknown> | void
  /** Names the button for assistive technology when the visible label is short ("Revoke"). */
  accessibleLabel?: string
  /** Danger for what removes or revokes; neutral for a record that is simply final. */
  tone?: 'danger' | 'neutral'
}

export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  accessibleLabel,
  tone = 'danger',
}: ConfirmActionProps) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)

  useEffect(() => {
    if (asking) confirmRef.current?.focus()
    else if (wasAsking.current) openRef.current?.focus()
    wasAsking.current = asking
  }, [asking])

  async function confirm() {
    if (busy) return
    setBusy(true)
    try {
      await onConfirm()
    } finally {
      setBusy(false)
      setAsking(false)
    }
  }

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        className={`button ${tone === 'danger' ? 'danger-outline' : 'secondary'}`}
        aria-label={accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    )
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>{' '}
      <button
        ref={confirmRef}
        type="button"
        className={`button ${tone === 'danger' ? 'danger' : 'primary'}`}
        onClick={() => void confirm()}
      >
        {busy ? 'Working…' : confirmLabel}
      </button>{' '}
      <button type="button" className="button subtle" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  )
}
