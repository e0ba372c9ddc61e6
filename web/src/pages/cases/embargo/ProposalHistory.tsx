// What was proposed before, and what waits: the parties' published embargo policies that were
// longer than the terms chosen (kept as revisions anyone may propose later), and every proposal
// and revision with its fate (the one on the table is shown above), newest first, so nobody has
// to ask how the date came about.
import type { Embargo, EmbargoProposal } from '../../../api/embargoTypes'
import { formatLongInstant, Time, useViewerTimeZone } from '../../../components/Time'
import { proposalFate, proposalKindWords } from './embargoWords'

export function ProposalHistory({ embargo }: { embargo: Embargo }) {
  const waiting = embargo.policies.filter((p) => p.status === 'open')
  const past = embargo.history.filter((p) => p.id !== embargo.open?.id)
  return (
    <>
      {waiting.length > 0 && (
        <>
          <h3 id="embargo-policies-heading">Published policies, to propose later</h3>
          <p className="hint">
            Parties whose published embargo policy is longer than the terms chosen: each may be proposed as a revision.
          </p>
          <ul className="item-list" aria-labelledby="embargo-policies-heading">
            {waiting.map((p) => (
              <ProposalItem key={p.id} proposal={p} state={embargo.state} />
            ))}
          </ul>
        </>
      )}
      {past.length > 0 && (
        <>
          <h3 id="embargo-history-heading">History of proposals</h3>
          <ul className="item-list" aria-labelledby="embargo-history-heading">
            {past.map((p) => (
              <ProposalItem key={p.id} proposal={p} state={embargo.state} />
            ))}
          </ul>
        </>
      )}
    </>
  )
}

function ProposalItem({ proposal: p, state }: { proposal: EmbargoProposal; state: Embargo['state'] }) {
  const zone = useViewerTimeZone()
  return (
    <li>
      <p>
        <strong>{proposalKindWords[p.kind]}</strong> by {p.proposer}
        {p.proposedByYou && ' (you)'}: ends <time dateTime={p.endsAt}>{formatLongInstant(p.endsAt, zone)}</time>
        {p.kind !== 'policy' && <> — {proposalFate(p.status, state)}</>}
      </p>
      <p className="muted">
        {p.kind === 'policy' ? 'Kept' : 'Proposed'} <Time iso={p.at} />
        {p.reason && <>: “{p.reason}”</>}
      </p>
    </li>
  )
}
