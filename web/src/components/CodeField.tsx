// The field for the six-digit code an authenticator app shows.
import { TextField } from './forms'

export function CodeField({
  label,
  value,
  onChange,
  error,
}: {
  label: string
  value: string
  onChange(value: string): void
  error: string | undefined
}) {
  return (
    <TextField
      label={label}
      hint="Six digits; it changes every 30 seconds."
      value={value}
      onChange={onChange}
      inputMode="numeric"
      autoComplete="one-time-code"
      error={error}
      className="short"
    />
  )
}
