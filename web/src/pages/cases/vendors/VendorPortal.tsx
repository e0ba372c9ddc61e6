// What a vendor does in its case: its own report state (received, valid, accepted...), per
// vulnerability its statement (the current one, and the form to give or change it), and its fix:
// ready, then deployed. The server keeps the order of the CS rules (a fix is ready only once the
// vendor's report is accepted) and its refusal is shown in words.
import { useState } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { CaseDetail, Participant, VendorEvent, VendorStatement } from '../../../api/types'
import { ConfirmAction } from '../../../components/ConfirmAction'
import { FormAlert, Notice } from '../../../components/forms'
import { vendorEventLabel } from '../caseLabels'
import { ReportState } from './ReportState'
import { StatementForm } from './StatementForm'

interface VendorPortalProps {
  detail: CaseDetail
  participant: Participant
  /** The statements the viewer may read; its own among them. */
  statements: VendorStatement[] | undefined
  onChanged(): Promise<void>
}

export function VendorPortal({ detail, participant: p, statements, onChanged }: VendorPortalProps) {
  const newestOwn = (vulnerabilityId: string) =>
    (statements ?? []).filter((s) => s.participantId === p.id && s.vulnerabilityId === vulnerabilityId).at(-1)
  return (
    <section aria-labelledby="your-part-heading">
      <h2 id="your-part-heading">Your part as {p.name}</h2>
      <p>
        Move your report along as you work it, tell the coordinators where {p.name} stands on each vulnerability, and
        record when your fix is ready and when it is deployed.
      </p>
      <ReportState caseId={detail.id} participant={p} onChanged={onChanged} />
      <FixState caseId={detail.id} participant={p} onChanged={onChanged} />
      <ul className="vulnerability-list" aria-label="Your statements by vulnerability">
        {detail.vulnerabilities.map((v) => (
          <li key={v.id}>
            {statements === undefined ? (
              <p className="loading" role="status">
                Loading your statement…
              </p>
            ) : (
              <StatementForm caseId={detail.id} vulnerability={v} current={newestOwn(v.id)} onPosted={onChanged} />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

const fixEvents: { event: VendorEvent; index: number; button: string; question: string; done: string }[] = [
  {
    event: 'fixReady',
    index: 1,
    button: 'Fix ready',
    question: 'Record that your fix is ready? It cannot be taken back.',
    done: 'Your fix is recorded as ready.',
  },
  {
    event: 'fixDeployed',
    index: 2,
    button: 'Fix deployed',
    question: 'Record that your fix is deployed to your users? It cannot be taken back.',
    done: 'Your fix is recorded as deployed.',
  },
]

/** The vendor's fix from its CS vector (F and D upper case once recorded), and the buttons for what is left. */
function FixState({
  caseId,
  participant: p,
  onChanged,
}: {
  caseId: string
  participant: Participant
  onChanged(): Promise<void>
}) {
  const action = useAction()
  const [done, setDone] = useState<string | null>(null)
  const happened = (index: number) => /[A-Z]/.test(p.status.charAt(index))
  const left = fixEvents.filter((e) => !happened(e.index))

  async function record(e: (typeof fixEvents)[number]) {
    setDone(null)
    const ok = await action.run(async () => {
      await api.post(`/cases/${encodeURIComponent(caseId)}/participants/${encodeURIComponent(p.id)}/events`, {
        event: e.event,
      })
      return true
    })
    await onChanged()
    if (ok) setDone(e.done)
  }

  return (
    <div className="panel" role="group" aria-labelledby="fix-heading">
      <h3 id="fix-heading">Your fix</h3>
      <ul className="plain-list">
        {fixEvents.map((e) => (
          <li key={e.event}>
            {happened(e.index) ? (
              <strong>{capitalized(vendorEventLabel[e.event])}: recorded</strong>
            ) : (
              <span>{capitalized(vendorEventLabel[e.event])}: not yet</span>
            )}
          </li>
        ))}
      </ul>
      <div aria-live="polite">{done && <Notice>{done}</Notice>}</div>
      <FormAlert error={action.error} />
      {left.length > 0 && (
        <div className="button-row">
          {left.map((e) => (
            <ConfirmAction
              key={e.event}
              tone="neutral"
              label={e.button}
              question={e.question}
              confirmLabel={`Yes, ${vendorEventLabel[e.event]}`}
              onConfirm={() => record(e)}
            />
          ))}
        </div>
      )}
    </div>
  )
}

const capitalized = (words: string) => words.charAt(0).toUpperCase() + words.slice(1)
