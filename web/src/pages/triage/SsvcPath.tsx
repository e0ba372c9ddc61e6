// The SSVC decision shown as the path CERT/CC's coordinator-triage table took: every decision
// point with the value chosen, the points that decided the outcome marked and said in words
// ("Decline because supplier contacted is no; had it been yes: Track"). A severe CVSS score next to
// "Decline" is called out: the two answer different questions, and a person should see why.
import type { ReportDetail } from '../../api/types'
import { decisionPoints, outcomeLabel } from './triageLabels'

type Decision = NonNullable<ReportDetail['ssvc']>

const pointLabel = (name: string) => decisionPoints.find((p) => p.name === name)?.label ?? name
const outcomeWords = (outcome: string) => outcomeLabel[outcome] ?? outcome

/** "Supplier contacted: no (had it been yes: Track)" for each point that decided the outcome. */
function reasons(decision: Decision): string[] {
  return decision.path
    .filter((step) => step.otherwise.length > 0)
    .map(
      (step) =>
        `${pointLabel(step.point)} is ${step.value} (had it been ${step.otherwise
          .map((o) => `${o.value}: ${outcomeWords(o.outcome)}`)
          .join('; ')})`,
    )
}

export function SsvcPath({ decision, cvss }: { decision: Decision; cvss: ReportDetail['cvss'] }) {
  const why = reasons(decision)
  const outcome = outcomeWords(decision.outcome)
  const severe = cvss !== null && cvss.score >= 7 && decision.outcome === 'decline'
  return (
    <div className="ssvc-decision" data-testid="ssvc-path">
      <p>
        <strong>{outcome}</strong>{' '}
        {why.length > 0
          ? `because ${why.join(', and ')}.`
          : 'whatever single decision point changes: every one of them would have to change together.'}
      </p>
      {severe && (
        <div className="alert alert-warning" role="note">
          <p>
            This report scores CVSS {cvss.score.toFixed(1)} {cvss.severity}, yet the triage table says {outcome}. SSVC
            coordinator triage asks whether a coordinator is needed, not how severe the flaw is: check the inputs below
            before you decline it.
          </p>
        </div>
      )}
      <ol className="ssvc-path" aria-label="Decision path">
        {decision.path.map((step) => (
          <li key={step.point} className={step.otherwise.length > 0 ? 'deciding' : undefined}>
            {pointLabel(step.point)}: {step.value}
            {step.otherwise.length > 0 && ' (decided the outcome)'}
          </li>
        ))}
      </ol>
      <p className="muted">Coordinator triage {decision.version}, CERT/CC’s decision table.</p>
    </div>
  )
}
