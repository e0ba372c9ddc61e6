// The case's advisory before and at its release. The coordinator edits the draft (each save a
// version), compares versions, reads the parties' comments and may release it at once with a
// reason; the parties read the draft, compare versions and comment. Once released it says when,
// with links to the public page, the CSAF document and the JSON (how the owners it affects adopt
// the fix is the case's owners tab). Once released the coordinator may withdraw it or mark it
// superseded (EndAdvisory.tsx): it then says so here, as every public form does. Parties get a 404
// until the coordinator opens the draft (opening it creates the first version): they are told so.
import { useState } from 'react'
import { api } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { Advisory } from '../../../api/embargoTypes'
import { LoadError, Loading, EmptyState } from '../../../components/Status'
import { Time } from '../../../components/Time'
import '../../../styles/release.css'
import { ReasonAction } from '../embargo/ReasonAction'
import { AdvisoryComments } from './AdvisoryComments'
import { AdvisoryForm } from './AdvisoryForm'
import { DraftView } from './DraftView'
import { ReleaseReadiness } from './ReleaseReadiness'
import { EndAdvisory } from './EndAdvisory'
import { VersionList } from './VersionList'

interface AdvisorySectionProps {
  caseId: string
  /** Moves on with every change to the case, so a release at the embargo's end shows. */
  revision: number
  onChanged(): Promise<void>
}

export function AdvisorySection({ caseId, revision, onChanged }: AdvisorySectionProps) {
  const loaded = useLoad(
    () => api.get<Advisory>(`/cases/${encodeURIComponent(caseId)}/advisory`),
    `${caseId}|${revision}`,
  )
  return (
    <section aria-labelledby="advisory-heading" id="advisory">
      <h2 id="advisory-heading">Advisory</h2>
      {loaded.error?.status === 404 ? (
        <EmptyState title="No advisory draft yet.">
          <p>The coordinators share the draft here for your review before it is released.</p>
        </EmptyState>
      ) : loaded.error ? (
        <LoadError error={loaded.error} retry={() => void loaded.reload()} />
      ) : loaded.data ? (
        <AdvisoryPanel
          caseId={caseId}
          advisory={loaded.data}
          revision={revision}
          reload={loaded.reload}
          onChanged={onChanged}
        />
      ) : (
        <Loading what="the advisory" />
      )}
    </section>
  )
}

interface AdvisoryPanelProps {
  caseId: string
  advisory: Advisory
  /** The release checklist reloads with it. */
  revision: number
  reload(): Promise<void>
  onChanged(): Promise<void>
}

function AdvisoryPanel({ caseId, advisory: a, revision, reload, onChanged }: AdvisoryPanelProps) {
  const [editing, setEditing] = useState(false)
  const [done, setDone] = useState('')

  return (
    <>
      <p>
        <strong className="case-number">{a.id}</strong>{' '}
        {a.state === 'published' && a.releasedAt ? (
          <>
            Released <Time iso={a.releasedAt} />
            {a.revision > 1 && <>; revision {a.revision} is public</>}.{' '}
            {a.ended ? (
              <>That revision is final: nothing more is published for it.</>
            ) : (
              <>The draft below is version {a.version}: changes to it become public with a revision.</>
            )}
          </>
        ) : (
          <>Draft, version {a.version}. It is released at the embargo’s end, not before.</>
        )}
      </p>
      {a.ended && (
        <p className="alert alert-warning" role="status">
          {a.ended.kind === 'withdrawn' ? (
            <>Withdrawn</>
          ) : (
            <>
              Superseded by <a href={a.ended.by?.url}>{a.ended.by?.id}</a>
            </>
          )}{' '}
          on <Time iso={a.ended.at} />: {a.ended.reason}. That final revision is what every public form says now.
        </p>
      )}
      {a.links && (
        <ul className="advisory-links" aria-label="The published advisory">
          <li>
            <a href={a.links.page}>Advisory page</a>
          </li>
          <li>
            <a href={a.links.csaf}>CSAF document</a>
          </li>
          <li>
            <a href={a.links.json}>JSON</a>
          </li>
        </ul>
      )}
      <p className="copy-status" role="status">
        {done}
      </p>
      {a.abilities.release && <ReleaseReadiness caseId={caseId} revision={revision} onChanged={onChanged} />}

      {editing ? (
        <AdvisoryForm
          caseId={caseId}
          advisory={a}
          onSaved={async (saved) => {
            setEditing(false)
            await onChanged()
            setDone(`Saved version ${saved.version}.`)
          }}
          onReload={async () => {
            setEditing(false)
            await reload()
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {a.abilities.edit && (
            <div className="button-row">
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setDone('')
                  setEditing(true)
                }}
              >
                Edit the draft
              </button>
              {a.abilities.revise && (
                <ReasonAction
                  label="Publish a revision…"
                  question="Publish the draft as it is now, with the statements approved since the release, as the next revision? Every public form of the advisory is rewritten."
                  field={{
                    label: 'What changed',
                    name: 'summary',
                    hint: 'One line for the revision history, e.g. “Red Hat’s fixed packages added”.',
                  }}
                  confirmLabel="Yes, publish the revision"
                  busyText="Publishing…"
                  tone="neutral"
                  onConfirm={async (summary) => {
                    const revised = await api.post<Advisory>(
                      `/cases/${encodeURIComponent(caseId)}/advisory/revisions`,
                      { summary },
                    )
                    await onChanged()
                    setDone(`Published revision ${revised.revision} of ${revised.id}.`)
                  }}
                />
              )}
              <EndAdvisory
                caseId={caseId}
                advisory={a}
                onEnded={async (message) => {
                  await onChanged()
                  setDone(message)
                }}
              />
              {a.abilities.release && (
                <ReasonAction
                  label="Release now…"
                  question="Release the advisory now, before the embargo’s end? It is published everywhere at once, any embargo ends, and it cannot be taken back."
                  field={{
                    label: 'Reason',
                    name: 'reason',
                    multiline: true,
                    hint: 'Why now: kept in the ledger and told to the parties.',
                  }}
                  confirmLabel="Yes, release now"
                  busyText="Releasing…"
                  onConfirm={async (reason) => {
                    const released = await api.post<Advisory>(`/cases/${encodeURIComponent(caseId)}/release`, {
                      reason,
                    })
                    await onChanged()
                    setDone(`Released ${released.id}: it is public now.`)
                  }}
                />
              )}
            </div>
          )}
          <DraftView draft={a.draft} />
        </>
      )}

      <VersionList caseId={caseId} advisory={a} />
      <AdvisoryComments caseId={caseId} advisory={a} onCommented={reload} />
    </>
  )
}
