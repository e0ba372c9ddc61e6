// The case's embargo, for the coordinator and every party alike: its state in words, the release
// instant in force (in the viewer's zone, in UTC, counting down), the proposal on the table with
// each party's answer, and what the viewer may do now, as the server's abilities say: propose,
// counter or revise; agree or decline; reject or withdraw; end it early; report the case public.
// Then the parties' published policies kept as revisions, and the history of proposals.
import { useState } from 'react'
import { api } from '../../../api/client'
import type { Embargo } from '../../../api/embargoTypes'
import type { Loaded } from '../../../api/hooks'
import { LoadError, Loading } from '../../../components/Status'
import { Time } from '../../../components/Time'
import '../../../styles/release.css'
import { stateSentence, proposeVerb } from './embargoWords'
import { InstantLines } from './InstantLines'
import { ProposalForm } from './ProposalForm'
import { ProposalHistory } from './ProposalHistory'
import { ProposalOnTable } from './ProposalOnTable'
import { ReasonAction } from './ReasonAction'

interface EmbargoSectionProps {
  caseId: string
  embargo: Loaded<Embargo>
  staff: boolean
  /** The case changed (its embargo, its status, its ledger): reload what shows it. */
  onChanged(): Promise<void>
}

export function EmbargoSection({ caseId, embargo, staff, onChanged }: EmbargoSectionProps) {
  return (
    <section aria-labelledby="embargo-heading" id="embargo">
      <h2 id="embargo-heading">Embargo</h2>
      {embargo.error ? (
        <LoadError error={embargo.error} retry={() => void embargo.reload()} />
      ) : embargo.data ? (
        <EmbargoPanel caseId={caseId} embargo={embargo.data} staff={staff} onChanged={onChanged} />
      ) : (
        <Loading what="the embargo" />
      )}
    </section>
  )
}

function EmbargoPanel({
  caseId,
  embargo: e,
  staff,
  onChanged,
}: {
  caseId: string
  embargo: Embargo
  staff: boolean
  onChanged(): Promise<void>
}) {
  const [proposing, setProposing] = useState(false)
  const [done, setDone] = useState('')
  const verb = proposeVerb(e.state)
  const inForce = (e.state === 'active' || e.state === 'revise') && e.endsAt
  const base = `/cases/${encodeURIComponent(caseId)}/embargo`

  async function changed(_after: Embargo, words: string) {
    setProposing(false)
    await onChanged()
    setDone(words)
  }

  return (
    <>
      <p className="embargo-state">
        <strong className={`em-state em-${e.state}`}>{e.stateLabel}.</strong> {stateSentence[e.state]}
      </p>
      <p className="copy-status" role="status">
        {done}
      </p>
      {inForce && (
        <div className="release-instant">
          <p className="release-label">Release</p>
          {/* When the instant comes the server releases the advisory: look again a few seconds later. */}
          <InstantLines
            iso={inForce}
            proposerZone={e.inForce?.timeZone ?? 'UTC'}
            onReached={() => void later(onChanged)}
          />
        </div>
      )}
      {e.state === 'exited' && e.endedAt && (
        <p>
          Ended <Time iso={e.endedAt} />
          {e.endReason && <>: {e.endReason}</>}.
        </p>
      )}

      {e.open && <ProposalOnTable caseId={caseId} embargo={e} proposal={e.open} staff={staff} onChanged={changed} />}

      {proposing && verb ? (
        <ProposalForm
          caseId={caseId}
          embargo={e}
          heading={verb.label}
          event={verb.event}
          onProposed={(after) => changed(after, `${verb.label}: done. The parties are asked to answer.`)}
          onCancel={() => setProposing(false)}
        />
      ) : (
        <div className="button-row">
          {e.abilities.propose && verb && (
            <button
              type="button"
              className={`button ${e.state === 'none' ? 'primary' : 'secondary'}`}
              onClick={() => setProposing(true)}
            >
              {verb.label}
            </button>
          )}
          {e.abilities.terminate && (
            <ReasonAction
              label="End the embargo now…"
              question="End the embargo before its term? Every party is told at once, and it cannot be taken back. The advisory is not released by this: release it from the Advisory section."
              field={{
                label: 'Reason',
                name: 'reason',
                multiline: true,
                hint: 'Why it ends early: told to the parties and kept in the ledger.',
              }}
              confirmLabel="Yes, end the embargo"
              busyText="Ending…"
              onConfirm={async (reason) =>
                changed(await api.post<Embargo>(`${base}/terminate`, { reason }), 'The embargo has ended.')
              }
            />
          )}
          {e.abilities.reportPublic && (
            <ReasonAction
              label="Report that this is public…"
              question="Report that the vulnerability is already public? The embargo ends at once for everyone, and it cannot be taken back."
              field={{
                label: 'Where it is public',
                name: 'reference',
                type: 'url',
                hint: 'A link to the public disclosure: a mailing-list post, an advisory, an article.',
              }}
              confirmLabel="Yes, it is public"
              busyText="Reporting…"
              onConfirm={async (reference) =>
                changed(
                  await api.post<Embargo>(`${base}/public`, { reference }),
                  'Recorded: the case is public. The embargo has ended.',
                )
              }
            />
          )}
        </div>
      )}

      <ProposalHistory embargo={e} />
    </>
  )
}

/** Reloads a few seconds after the release instant, by when the server has released. */
function later(reload: () => Promise<void>): void {
  setTimeout(() => void reload(), 6000)
}
