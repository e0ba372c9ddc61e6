// The seven SSVC coordinator-triage decision points as choices, for a report's scores and for a
// case's vulnerability alike: the server decides the outcome from CERT/CC's table and names each
// bad choice as `ssvc.<point>`.
import { SelectField } from '../../components/forms'
import { decisionPoints } from './triageLabels'

export const ssvcFields = decisionPoints.map((p) => `ssvc.${p.name}`)

/** The chosen points, or null when none is chosen (which clears the decision). */
export function ssvcChoice(inputs: Record<string, string>): Record<string, string> | null {
  const chosen: Record<string, string> = {}
  for (const p of decisionPoints) if (inputs[p.name]) chosen[p.name] = inputs[p.name]!
  return Object.keys(chosen).length ? chosen : null
}

interface SsvcFieldsProps {
  inputs: Record<string, string>
  onChange(inputs: Record<string, string>): void
  fieldError(field: string): string | undefined
}

export function SsvcFields({ inputs, onChange, fieldError }: SsvcFieldsProps) {
  return (
    <fieldset>
      <legend>SSVC coordinator triage</legend>
      <p className="hint">Choose all seven to get the decision; leave all unset to clear it.</p>
      {decisionPoints.map((point) => (
        <SelectField
          key={point.name}
          label={point.label}
          value={inputs[point.name] ?? ''}
          onChange={(value) => onChange({ ...inputs, [point.name]: value })}
          options={[{ value: '', label: 'Not set' }, ...point.values.map((v) => ({ value: v, label: v }))]}
          error={fieldError(`ssvc.${point.name}`)}
        />
      ))}
    </fieldset>
  )
}
