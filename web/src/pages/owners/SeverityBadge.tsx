// An advisory's severity as a badge: the rating in words and the CVSS base score, coloured by the
// rating (darker the worse) so the worst stands out in a list, while the words say it all alone;
// worded as the alert mail words it (src/domain/cvss.ts severityWords).
import type { Severity } from '../../api/ownerTypes'

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (!severity) return <span className="severity severity-unscored">Not scored</span>
  return (
    <span
      className={`severity severity-${severity.rating.toLowerCase()}`}
      title="The highest CVSS base score among the advisory’s vulnerabilities"
    >
      {severity.rating} (CVSS {severity.score.toFixed(1)})
    </span>
  )
}
