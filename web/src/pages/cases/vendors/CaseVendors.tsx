// A case's vendors for the coordinators: finding and notifying them, then following each one in
// the vendor table until it has given its statement.
import { useState } from 'react'
import { Notice } from '../../../components/forms'
import { FindVendors } from './FindVendors'
import { VendorTable } from './VendorTable'
import { VendorCharts } from './VendorCharts'

/** `revision` moves on with every change on the page; `onChanged` reloads the case after one here. */
export function CaseVendors({
  caseId,
  revision,
  onChanged,
}: {
  caseId: string
  revision: number
  onChanged(): Promise<void>
}) {
  const [notice, setNotice] = useState<string | null>(null)
  return (
    <section aria-labelledby="vendors-heading">
      <h2 id="vendors-heading">Vendors</h2>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FindVendors
        caseId={caseId}
        onNotified={async (words) => {
          await onChanged()
          setNotice(words)
        }}
      />
      <VendorTable caseId={caseId} revision={revision} />
      <VendorCharts caseId={caseId} revision={revision} />
    </section>
  )
}
