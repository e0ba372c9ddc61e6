// A grave action that needs a word from the person first (ending an embargo early needs a reason,
// reporting the case public needs a reference, releasing at once needs a reason): a button opens,
// in place and without a modal dialog, the question, the one field and "Yes, …" or Cancel. The
// server's refusal is shown beside the field or above it, and the form stays open to fix it.
import { useEffect, useRef, useState } from 'react'
import { useAction } from '../../../api/hooks'
import { FormAlert, SubmitButton, TextAreaField, TextField, localProblem, submitted } from '../../../components/forms'

interface ReasonActionProps {
  /** The button that opens it: "End the embargo now…". */
  label: string
  question: string
  /** The field: its label, the API's name for it (to show the server's message beside it), a hint. */
  field: { label: string; name: string; hint?: string; type?: 'text' | 'url'; optional?: boolean; multiline?: boolean }
  confirmLabel: string
  busyText?: string
  tone?: 'danger' | 'neutral'
  /** Sends it; a failure is thrown (an ApiError) and shown. */
  onConfirm(text: string): Promise<unknown>
}

export function ReasonAction({
  label,
  question,
  field,
  confirmLabel,
  busyText = 'Working…',
  tone = 'danger',
  onConfirm,
}: ReasonActionProps) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const action = useAction()
  const questionRef = useRef<HTMLParagraphElement>(null)
  const openRef = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(false)

  // The question takes the focus when it opens; the button gets it back when it closes.
  useEffect(() => {
    if (open) questionRef.current?.focus()
    else if (wasOpen.current) openRef.current?.focus()
    wasOpen.current = open
  }, [open])

  async function confirm() {
    const value = text.trim()
    if (!value && !field.optional) {
      action.fail(localProblem(field.name, 'is required', `Fill in “${field.label}” first.`))
      return
    }
    const done = await action.run(async () => {
      await onConfirm(value)
      return true
    })
    if (done) {
      setText('')
      setOpen(false)
    }
  }

  if (!open) {
    return (
      <button
        ref={openRef}
        type="button"
        className={`button ${tone === 'danger' ? 'danger-outline' : 'secondary'}`}
        onClick={() => {
          action.clear()
          setOpen(true)
        }}
      >
        {label}
      </button>
    )
  }
  const common = {
    label: field.label,
    optional: field.optional,
    hint: field.hint,
    value: text,
    onChange: setText,
    error: action.fieldError(field.name),
    autoComplete: 'off',
  }
  return (
    <form
      className="panel reason-action"
      aria-label={label.replace(/…$/, '')}
      onSubmit={submitted(confirm)}
      noValidate
      aria-busy={action.busy}
    >
      <p className="confirm-question" ref={questionRef} tabIndex={-1}>
        {question}
      </p>
      <FormAlert error={action.error} fields={[field.name]} />
      {field.multiline ? <TextAreaField {...common} rows={2} /> : <TextField {...common} type={field.type ?? 'text'} />}
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText={busyText} className={tone === 'danger' ? 'danger' : 'primary'}>
          {confirmLabel}
        </SubmitButton>
        <button type="button" className="button subtle" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  )
}
