// Staff, on a vulnerability without a CVE ID: reserve the next one (from the instance's blocks or
// from CVE Services). When none is left the server says why and what to configure; that is shown
// under the button.
import { useState } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { Vulnerability } from '../../../api/types'
import { FormAlert } from '../../../components/forms'

export function ReserveCve({
  caseId,
  vulnerability: v,
  onReserved,
}: {
  caseId: string
  vulnerability: Vulnerability
  onReserved(): Promise<void>
}) {
  const action = useAction()
  const [done, setDone] = useState('')

  async function reserve() {
    setDone('')
    const got = await action.run(() =>
      api.post<{ cveId: string }>(
        `/cases/${encodeURIComponent(caseId)}/vulnerabilities/${encodeURIComponent(v.id)}/cve`,
        {},
      ),
    )
    if (!got) return
    await onReserved()
    setDone(`${got.cveId} is reserved for “${v.title}”.`)
  }

  return (
    <div className="reserve-cve">
      {!v.cveId && (
        <button
          type="button"
          className="button secondary"
          aria-label={`Reserve a CVE ID for “${v.title}”`}
          aria-disabled={action.busy || undefined}
          onClick={() => void reserve()}
        >
          {action.busy ? 'Reserving…' : 'Reserve a CVE ID'}
        </button>
      )}
      <FormAlert error={action.error} />
      <p className="copy-status" role="status">
        {done}
      </p>
    </div>
  )
}
