// Choosing a password: the field, the same again to catch a typo, and the check that the two match.
import type { ApiError } from '../api/client'
import type { Action } from '../api/hooks'
import { TextField, localProblem } from './forms'

interface NewPasswordFieldsProps {
  /** "Password" or "New password"; the second field is called the same with "again". */
  label: string
  /** The name the API gives the password, for its field message. */
  field: string
  password: string
  confirmation: string
  onPasswordChange(value: string): void
  onConfirmationChange(value: string): void
  /** The form's action, whose field messages show beside the two fields. */
  action: Action
}

export function NewPasswordFields({
  label,
  field,
  password,
  confirmation,
  onPasswordChange,
  onConfirmationChange,
  action,
}: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters; a few unrelated words make a strong one."
        value={password}
        onChange={onPasswordChange}
        error={action.fieldError(field)}
      />
      <TextField
        label={`${label} again`}
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onChange={onConfirmationChange}
        error={action.fieldError('confirmation')}
      />
    </>
  )
}

/** The problem to show beside the second field when it differs from the first; null when they match. */
export function unmatchedConfirmation(
  password: string,
  confirmation: string,
  label: string,
  detail = 'The two passwords differ.',
): ApiError | null {
  return password === confirmation
    ? null
    : localProblem('confirmation', `does not match the ${label.toLowerCase()}`, detail)
}
