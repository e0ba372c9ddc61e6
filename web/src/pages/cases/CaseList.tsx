// A list of cases: number, TLP, title, when it was opened and what waits in it. Used on /cases and at home.
import type { CaseSummary } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { TlpBadge } from '../../components/TlpBadge'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { CaseNeedsCell, useCaseNeeds } from '../needs/CaseNeeds'

export function CaseList({ cases, label = 'Cases' }: { cases: CaseSummary[]; label?: string }) {
  const needs = useCaseNeeds()
  return (
    <DataTable label={label} columns={['Case', 'Title', 'TLP', 'Opened', 'Waiting']}>
      {cases.map((c) => (
        <tr key={c.id}>
          <th scope="row">
            <Link to={`/cases/${c.caseNumber}`} className="case-number">
              {c.caseNumber}
            </Link>
          </th>
          <td>{c.title}</td>
          <td>
            <TlpBadge tlp={c.tlp} />
          </td>
          <td>
            <Time iso={c.createdAt} />
          </td>
          <td>
            <CaseNeedsCell needs={needs.get(c.caseNumber)} />
          </td>
        </tr>
      ))}
    </DataTable>
  )
}
