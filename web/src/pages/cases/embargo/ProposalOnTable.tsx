// The proposal (or revision) on the table: its end instant in the viewer's zone (and the
// proposer's), who proposed it and why, the deadline to answer, and every asked party's answer,
// the viewer's own row marked. From here the viewer's party agrees or declines, the coordinator
// rejects it, and whoever proposed it withdraws it.
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { Embargo, ProposalWithAnswers } from '../../../api/embargoTypes'
import { ConfirmAction } from '../../../components/ConfirmAction'
import { DataTable } from '../../../components/DataTable'
import { FormAlert } from '../../../components/forms'
import { Time } from '../../../components/Time'
import { InstantLines } from './InstantLines'
import { ReasonAction } from './ReasonAction'

interface ProposalOnTableProps {
  caseId: string
  embargo: Embargo
  proposal: ProposalWithAnswers
  staff: boolean
  /** After a change: the embargo as the server now has it, and what happened in words. */
  onChanged(embargo: Embargo, done: string): Promise<void>
}

export function ProposalOnTable({ caseId, embargo, proposal: p, staff, onChanged }: ProposalOnTableProps) {
  const action = useAction()
  const base = `/cases/${encodeURIComponent(caseId)}/embargo/proposals/${encodeURIComponent(p.id)}`
  const yours = p.answers.find((a) => a.yours)
  const what = p.kind === 'revision' ? 'revision' : 'proposal'
  const headingId = `open-proposal-${p.id}`

  async function answer(choice: 'accept' | 'decline') {
    const after = await action.run(() => api.post<Embargo>(`${base}/answer`, { answer: choice }))
    if (!after) return
    const inForce = after.inForce?.id === p.id
    await onChanged(
      after,
      choice === 'decline'
        ? `You declined the ${what}.`
        : inForce
          ? 'You agreed: these terms are now in force.'
          : `You agreed to the ${what}. It is in force once the coordinator agrees too.`,
    )
  }

  async function close(how: 'reject' | 'withdraw', reason?: string) {
    const after = await api.post<Embargo>(`${base}/${how}`, how === 'reject' && reason ? { reason } : {})
    await onChanged(after, how === 'reject' ? `You rejected the ${what}.` : `You withdrew the ${what}.`)
  }

  return (
    <article className="panel proposal" aria-labelledby={headingId}>
      <h3 id={headingId}>{p.kind === 'revision' ? 'Revision on the table' : 'Proposal on the table'}</h3>
      <dl className="report-facts">
        <div>
          <dt>Ends</dt>
          <dd>
            <InstantLines iso={p.endsAt} proposerZone={p.timeZone} />
          </dd>
        </div>
        <div>
          <dt>Proposed by</dt>
          <dd>
            {p.proposer}
            {p.proposedByYou && ' (you)'}, <Time iso={p.at} />
          </dd>
        </div>
        {p.reason && (
          <div>
            <dt>Reason</dt>
            <dd className="prose-block">{p.reason}</dd>
          </div>
        )}
        {p.answerBy && (
          <div>
            <dt>Answer by</dt>
            <dd>
              <Time iso={p.answerBy} /> <span className="muted">(no answer by then counts as declining)</span>
            </dd>
          </div>
        )}
      </dl>

      <DataTable label={`Answers to the ${what}`} columns={['Party', 'Answer', 'When']}>
        {p.answers.map((a) => (
          <tr key={a.participantId ?? a.name} className={a.yours ? 'own-row' : undefined}>
            <th scope="row">
              {a.name}
              {a.yours && <span className="own-mark"> (yours)</span>}
            </th>
            <td>
              <span className={`consent consent-${a.state}`}>{a.stateLabel}</span>
            </td>
            <td>
              {a.answeredAt ? (
                <Time iso={a.answeredAt} />
              ) : a.answerBy ? (
                <>
                  Asked to answer by <Time iso={a.answerBy} />
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>

      <FormAlert error={action.error} />
      {embargo.abilities.answer && yours && !staff && <p>Your answer: {yours.stateLabel}.</p>}
      {staff && embargo.abilities.answer && (
        <p className="hint">As coordinator, your agreement puts these terms in force for everyone.</p>
      )}
      <div className="button-row">
        {embargo.abilities.answer && (staff || yours?.state !== 'signatory') && (
          <button
            type="button"
            className="button primary"
            aria-disabled={action.busy || undefined}
            onClick={() => void answer('accept')}
          >
            Agree
          </button>
        )}
        {embargo.abilities.answer && !staff && yours?.state !== 'declined' && (
          <button
            type="button"
            className="button secondary"
            aria-disabled={action.busy || undefined}
            onClick={() => void answer('decline')}
          >
            Decline
          </button>
        )}
        {embargo.abilities.withdraw && (
          <ConfirmAction
            label="Withdraw"
            accessibleLabel={`Withdraw the ${what}`}
            question={`Withdraw the ${what}? The parties are told.`}
            confirmLabel="Yes, withdraw"
            onConfirm={() => action.run(() => close('withdraw'))}
          />
        )}
        {embargo.abilities.reject && (
          <ReasonAction
            label="Reject…"
            question={`Reject the ${what}? ${p.kind === 'revision' ? 'The terms in force stay.' : 'No embargo is in force until someone proposes again.'}`}
            field={{
              label: 'Reason',
              name: 'reason',
              optional: true,
              multiline: true,
              hint: 'Told to the parties and kept in the ledger.',
            }}
            confirmLabel={`Yes, reject the ${what}`}
            onConfirm={(reason) => close('reject', reason)}
          />
        )}
      </div>
    </article>
  )
}
