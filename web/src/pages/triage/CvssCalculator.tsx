// The CVSS calculator on triage: pick CVSS 3.1 or 4.0, choose each base metric from its values in
// words, and watch the vector being built and its score and severity as you go. The vector stays an
// editable text box (pasting one sets the pickers); the server scores it again on saving.
import { SelectField, TextField } from '../../components/forms'
import { liveScore, metricsOf, readVector, versionOf, withMetric, type CvssVersion } from './cvssMetrics'

interface CvssCalculatorProps {
  vector: string
  onChange(vector: string): void
  error?: string | undefined
}

const versions: CvssVersion[] = ['3.1', '4.0']

export function CvssCalculator({ vector, onChange, error }: CvssCalculatorProps) {
  const version = versionOf(vector) ?? '3.1'
  const given = versionOf(vector) ? readVector(vector) : new Map<string, string>()
  const live = vector.trim() ? liveScore(vector) : null

  return (
    <fieldset className="cvss-calculator">
      <legend>CVSS score</legend>
      <div className="button-row" role="group" aria-label="CVSS version">
        {versions.map((v) => (
          <button
            key={v}
            type="button"
            className={`button ${v === version ? 'primary' : 'secondary'}`}
            aria-pressed={v === version}
            onClick={() => v !== version && onChange(`CVSS:${v}/`)}
          >
            CVSS {v}
          </button>
        ))}
      </div>
      <div className="metric-grid">
        {metricsOf[version].map((m) => (
          <SelectField
            key={`${version}-${m.short}`}
            label={m.name}
            value={given.get(m.short) ?? ''}
            onChange={(value) => value && onChange(withMetric(vector, version, m.short, value))}
            options={[
              { value: '', label: 'Choose…' },
              ...m.values.map((v) => ({ value: v.short, label: `${v.name} (${v.short})` })),
            ]}
          />
        ))}
      </div>
      <p className="cvss-live" role="status" data-testid="cvss-live">
        {live === null ? (
          <span className="muted">Choose the base metrics above, or paste a vector below.</span>
        ) : live.ok ? (
          <>
            Score <strong>{live.score.toFixed(1)}</strong> ·{' '}
            <span className={`badge severity-${live.severity.toLowerCase()}`}>{live.severity}</span> (CVSS {version},
            not saved yet)
          </>
        ) : 'missing' in live ? (
          <span className="muted">Still to choose: {live.missing.join(', ')}.</span>
        ) : (
          <span className="muted">This vector cannot be scored as it is; saving says what is wrong.</span>
        )}
      </p>
      <TextField
        label="CVSS vector"
        hint="Built by the choices above; you may also type or paste one, for example CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."
        value={vector}
        onChange={onChange}
        spellCheck={false}
        autoComplete="off"
        optional
        error={error}
      />
    </fieldset>
  )
}
