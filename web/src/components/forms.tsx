// Form pieces that are accessible by construction: every input has a label, its hint and its
// error are tied to it with aria-describedby, and a failed request is announced as an alert.
import { useId, type FormEvent, type ReactNode, type InputHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { ApiError } from '../api/client'

interface FieldProps {
  label: string
  value: string
  onChange(value: string): void
  error?: string | undefined
  hint?: ReactNode
  optional?: boolean
}

type InputProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>

/** What a field's control needs to be tied to its label, its hint and its error. */
interface ControlProps {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

/** The label, hint and error around one control. */
function Field({
  label,
  error,
  hint,
  optional,
  className,
  children,
}: Omit<FieldProps, 'value' | 'onChange'> & {
  className?: string | undefined
  children(control: ControlProps): ReactNode
}) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> (optional)</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      })}
      <FieldError id={errorId} message={error} />
    </div>
  )
}

export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  optional,
  type = 'text',
  className,
  ...input
}: InputProps) {
  return (
    <Field label={label} error={error} hint={hint} optional={optional} className={className}>
      {(control) => (
        <input {...control} type={type} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
      )}
    </Field>
  )
}

type TextAreaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'id'>

export function TextAreaField({
  label,
  value,
  onChange,
  error,
  hint,
  optional,
  className,
  rows = 5,
  ...textarea
}: TextAreaProps) {
  return (
    <Field label={label} error={error} hint={hint} optional={optional} className={className}>
      {(control) => (
        <textarea {...control} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} {...textarea} />
      )}
    </Field>
  )
}

interface FileFieldProps {
  label: string
  /** The chosen files, in the order the person chose them. */
  onChange(files: File[]): void
  multiple?: boolean
  error?: string | undefined
  hint?: ReactNode
  optional?: boolean
  /** The file types offered first (the input's accept attribute). */
  accept?: string
}

/** A file chooser (uncontrolled, as browsers want: give it a new key to empty it). */
export function FileField({ label, onChange, multiple = false, error, hint, optional, accept }: FileFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} optional={optional}>
      {(control) => (
        <input
          {...control}
          type="file"
          multiple={multiple}
          accept={accept}
          onChange={(e) => onChange([...(e.target.files ?? [])])}
        />
      )}
    </Field>
  )
}

interface CheckboxProps {
  label: string
  checked: boolean
  onChange(checked: boolean): void
  hint?: ReactNode
  error?: string | undefined
}

/** A checkbox before its label; its hint and error tied to it like any field's. */
export function CheckboxField({ label, checked, onChange, hint, error }: CheckboxProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  return (
    <div className={`field checkbox-field${error ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  )
}

interface SelectProps extends FieldProps {
  options: readonly { value: string; label: string }[]
  name?: string
}

export function SelectField({ label, value, onChange, error, hint, options, name }: SelectProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

function FieldError({ id, message }: { id: string | undefined; message: string | undefined }) {
  if (!message) return null
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  )
}

/** The request's problem; field messages not shown beside a field of `fields` are listed here. */
export function FormAlert({ error, fields = [] }: { error: ApiError | null; fields?: readonly string[] }) {
  if (!error) return null
  const elsewhere = (error.problem.errors ?? []).filter((e) => !fields.includes(e.field))
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>There is a problem.</strong> {error.problem.detail}
      </p>
      {elsewhere.length > 0 && (
        <ul>
          {elsewhere.map((e) => (
            <li key={e.field}>
              {e.field}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** A success note, read out politely. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      <p>{children}</p>
    </div>
  )
}

/** A problem found before sending, in the same shape as the server's. */
export function localProblem(field: string, message: string, detail = 'Check the marked field.'): ApiError {
  return new ApiError({ type: 'about:blank', title: 'Invalid input', status: 0, detail, errors: [{ field, message }] })
}

/** onSubmit that never reloads the page. */
export function submitted(handler: () => unknown) {
  return (event: FormEvent) => {
    event.preventDefault()
    void handler()
  }
}

export function SubmitButton({
  busy,
  children,
  busyText,
  className = 'primary',
}: {
  busy: boolean
  children: ReactNode
  busyText?: string
  className?: string
}) {
  return (
    <button type="submit" className={`button ${className}`} aria-disabled={busy || undefined}>
      {busy ? (busyText ?? 'Working…') : children}
    </button>
  )
}
