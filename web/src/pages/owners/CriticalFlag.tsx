// The coordinators' flag on an owner that runs critical infrastructure: such owners are warned
// (TLP:AMBER, need-to-know) before an advisory is public, to prepare. Staff set it; the page
// starts from the organization's record and offers the one move that changes it.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { FormAlert, Notice } from '../../components/forms'

export function CriticalFlag({
  organizationId,
  name,
  initial,
}: {
  organizationId: string
  name: string
  initial: boolean
}) {
  const [critical, setCritical] = useState<boolean>(initial)
  const flag = useAction()

  async function set(value: boolean) {
    const ok = await flag.run(() =>
      api.put(`/organizations/${organizationId}/critical-infrastructure`, { critical: value }).then(() => true),
    )
    if (ok) setCritical(value)
  }

  return (
    <section className="panel" aria-labelledby="critical-heading">
      <h2 id="critical-heading">Critical infrastructure</h2>
      <p>
        Owners flagged as critical infrastructure receive a TLP:AMBER pre-notice of an advisory that affects them before
        it is released, to prepare.
      </p>
      <FormAlert error={flag.error} />
      <div aria-live="polite">
        <Notice>
          {critical
            ? `${name} is flagged as critical infrastructure.`
            : `${name} is not flagged as critical infrastructure.`}
        </Notice>
      </div>
      <div className="button-row">
        {!critical && (
          <button
            type="button"
            className="button secondary"
            aria-disabled={flag.busy || undefined}
            onClick={() => void set(true)}
          >
            Flag as critical infrastructure
          </button>
        )}
        {critical && (
          <button
            type="button"
            className="button secondary"
            aria-disabled={flag.busy || undefined}
            onClick={() => void set(false)}
          >
            Remove the flag
          </button>
        )}
      </div>
    </section>
  )
}
