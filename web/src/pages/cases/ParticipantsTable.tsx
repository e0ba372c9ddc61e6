// Who takes part in a case: name, kind, roles, report-management state and the CS status vector,
// with a legend for its letters (upper case: it happened; lower case: not yet).
import type { Participant } from '../../api/types'
import { DataTable } from '../../components/DataTable'

const roleLabel: Record<string, string> = {
  finder: 'Finder',
  reporter: 'Reporter',
  vendor: 'Vendor',
  coordinator: 'Coordinator',
  deployer: 'Deployer',
  observer: 'Observer',
}

const letters = [
  ['V', 'vendor aware'],
  ['F', 'fix ready'],
  ['D', 'fix deployed'],
  ['P', 'public aware'],
  ['X', 'exploit public'],
  ['A', 'attacks observed'],
] as const

/** The vector in words, for screen readers and the tooltip: "vendor aware: yes, fix ready: no…". */
function spell(status: string): string {
  const chars = status.replace(/[^a-z]/gi, '')
  return letters.map(([letter, words], i) => `${words}: ${chars[i] === letter ? 'yes' : 'not yet'}`).join(', ')
}

export function ParticipantsTable({ participants }: { participants: Participant[] }) {
  return (
    <>
      <DataTable label="Participant table" columns={['Name', 'Kind', 'Roles', 'Report state', 'Case status']}>
        {participants.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.name}</th>
            <td>{p.kind === 'organization' ? 'Organization' : 'Person'}</td>
            <td>{p.roles.map((r) => roleLabel[r] ?? r).join(', ')}</td>
            <td>{p.rmStateLabel}</td>
            <td>
              <span className="cs-vector" aria-hidden="true" title={spell(p.status)}>
                {p.status}
              </span>
              <span className="visually-hidden">{spell(p.status)}</span>
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="legend">
        <p>
          <strong>Case status letters</strong> (upper case: it happened; lower case: not yet):
        </p>
        <dl>
          {letters.map(([letter, words]) => (
            <div key={letter} className="legend-item">
              <dt>{letter}</dt>
              <dd>{words}</dd>
            </div>
          ))}
        </dl>
      </div>
    </>
  )
}
