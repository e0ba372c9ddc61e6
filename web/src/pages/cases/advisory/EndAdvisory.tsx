// Ending a released advisory (the coordinators): withdrawing it, with a reason, or marking it
// superseded by another advisory (one of this instance by its ID, or another publisher's by its ID
// and address), with a reason. Each asks first, in place, and is final: a last revision of every
// public form says so, and nothing more is published for it.
import { api } from '../../../api/client'
import type { Advisory } from '../../../api/embargoTypes'
import { ReasonAction } from '../embargo/ReasonAction'

interface EndAdvisoryProps {
  caseId: string
  advisory: Advisory
  onEnded(message: string): Promise<void>
}

const reasonField = (hint: string) => ({ label: 'Reason', name: 'reason', multiline: true, hint })

export function EndAdvisory({ caseId, advisory: a, onEnded }: EndAdvisoryProps) {
  const base = `/cases/${encodeURIComponent(caseId)}/advisory`
  return (
    <>
      {a.abilities.supersede && (
        <ReasonAction
          label="Mark superseded…"
          question={`Mark ${a.id} superseded? Its last revision names the advisory that replaces it, on every public form, and it cannot be revised again.`}
          before={[
            {
              label: 'Replaced by',
              name: 'by',
              hint: 'An advisory of this instance (LSA-2026-0002), or another publisher’s ID.',
            },
            {
              label: 'Its address',
              name: 'url',
              type: 'url',
              optional: true,
              hint: 'Only for another publisher’s advisory: where it is published.',
            },
          ]}
          field={reasonField('Why it is replaced: said on the page and in every document.')}
          confirmLabel="Yes, mark it superseded"
          busyText="Publishing…"
          onConfirm={async (reason, { by = '', url = '' }) => {
            const ended = await api.post<Advisory>(`${base}/supersede`, { by, ...(url ? { url } : {}), reason })
            await onEnded(`${ended.id} is marked superseded by ${ended.ended?.by?.id ?? by}.`)
          }}
        />
      )}
      {a.abilities.withdraw && (
        <ReasonAction
          label="Withdraw…"
          question={`Withdraw ${a.id}? Its last revision says it is withdrawn and why, on every public form; it stays readable and cannot be revised again.`}
          field={reasonField('Why it is withdrawn: said on the page and in every document.')}
          confirmLabel="Yes, withdraw it"
          busyText="Withdrawing…"
          onConfirm={async (reason) => {
            const ended = await api.post<Advisory>(`${base}/withdraw`, { reason })
            await onEnded(`${ended.id} is withdrawn.`)
          }}
        />
      )}
    </>
  )
}
