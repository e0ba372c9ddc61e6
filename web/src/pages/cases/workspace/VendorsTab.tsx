// The case's vendors tab: a vendor's own part (its statements, its report state, its fix), the
// participants a page at a time, finding, notifying and following the vendors (staff), and the
// vendors' statements with their approval, and the statements as files (downloaded; a vendor uploads its own).
import { api } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { CaseDetail, VendorStatement } from '../../../api/types'
import { CaseVendors } from '../vendors/CaseVendors'
import { useOwnVendorParticipant } from '../vendors/ownVendorParticipant'
import { Statements } from '../vendors/Statements'
import { VendorPortal } from '../vendors/VendorPortal'
import { VexFiles } from '../vendors/VexFiles'
import { ParticipantsSection } from './ParticipantsSection'

interface VendorsTabProps {
  detail: CaseDetail
  revision: number
  onChanged(): Promise<void>
}

export function VendorsTab({ detail, revision, onChanged }: VendorsTabProps) {
  const staff = detail.abilities.update
  const statements = useLoad(
    () => api.get<VendorStatement[]>(`/cases/${encodeURIComponent(detail.id)}/statements`),
    `${detail.id}|${revision}`,
  )
  const ownVendor = useOwnVendorParticipant(detail, revision)
  return (
    <>
      {ownVendor && (
        <VendorPortal detail={detail} participant={ownVendor} statements={statements.data} onChanged={onChanged} />
      )}
      <ParticipantsSection detail={detail} revision={revision} onChanged={onChanged} />
      {staff && <CaseVendors caseId={detail.id} revision={revision} onChanged={onChanged} />}
      <Statements
        caseId={detail.id}
        statements={statements}
        staff={staff}
        ownParticipantId={ownVendor?.id ?? null}
        onApproved={onChanged}
      />
      {(staff || ownVendor) && (
        <VexFiles caseId={detail.id} caseNumber={detail.caseNumber} staff={staff} onChanged={onChanged} />
      )}
    </>
  )
}
