// A grave action that needs a word from the person first (ending an embargo early needs a reason,
// reporting the case public needs a reference, releasing at once needs a reason, superseding an
// advisory names its replacement too): a button opens, in place and without a modal dialog, the
// question, its field (and any fields before it) and "Yes, …" or Cancel. The
// server's refusal is shown beside the field or above it, and the form stays open to fix it.
import { useEffect, useRef, useState } from 'react'
import { useAction } from '../../../api/hooks'
import { FormAlert, SubmitButton, TextAreaField, TextField, localProblem, submitted } from '../../../components/forms'

interface ReasonField {
  label: string
  name: string
  hint?: string
  type?: 'text' | 'url'
  optional?: boolean
  multiline?: boolean
}

interface ReasonActionProps {
  /** The button that opens it: "End the embargo now…". */
  label: string
  question: string
  /** The field: its label, the API's name for it (to show the server's message beside it), a hint. */
  field: ReasonField
  /** Fields asked before it, their values given to onConfirm by name. */
  before?: ReasonField[]
  confirmLabel: string
  busyText?: string
  tone?: 'danger' | 'neutral'
  /** Sends it; a failure is thrown (an ApiError) and shown. */
  onConfirm(text: string, before: Record<string, string>): Promise<unknown>
}

export function ReasonAction({
  label,
  question,
  field,
  before = [],
  confirmLabel,
  busyText = 'Working…',
  tone = 'danger',
  onConfirm,
}: ReasonActionProps) {
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
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
    const given = Object.fromEntries(before.map((f) => [f.name, (values[f.name] ?? '').trim()]))
    const missing = [...before.filter((f) => !given[f.name]), ...(value ? [] : [field])].find((f) => !f.optional)
    if (missing) {
      action.fail(localProblem(missing.name, 'is required', `Fill in “${missing.label}” first.`))
      return
    }
    const done = await action.run(async () => {
      await onConfirm(value, given)
      return true
    })
    if (done) {
      setText('')
      setValues({})
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
  const propsOf = (f: ReasonField, value: string, onChange: (text: string) => void) => ({
    label: f.label,
    optional: f.optional,
    hint: f.hint,
    value,
    onChange,
    error: action.fieldError(f.name),
    autoComplete: 'off',
  })
  const common = propsOf(field, text, setText)
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
      <FormAlert error={action.error} fields={[...before.map((f) => f.name), field.name]} />
      {before.map((f) => (
        <TextField
          key={f.name}
          {...propsOf(f, values[f.name] ?? '', (v) => setValues((all) => ({ ...all, [f.name]: v })))}
          type={f.type ?? 'text'}
        />
      ))}
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
