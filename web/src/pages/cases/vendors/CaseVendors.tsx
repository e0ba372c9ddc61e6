// A case's vendors for the coordinators: one search box (this case's vendors in the table, and the
// directory's below it, to add), finding and notifying them, then following each one in the
// vendor table until it has given its statement.
import { useState } from 'react'
import { Notice, SubmitButton, TextField, submitted } from '../../../components/forms'
import { DirectoryMatches } from './DirectoryMatches'
import { FindVendors, type AddedVendor } from './FindVendors'
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
  const [search, setSearch] = useState('')
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [added, setAdded] = useState<AddedVendor[]>([])
  const add = (v: AddedVendor) => {
    setAdded((all) => (all.some((a) => a.id === v.id) ? all : [...all, v]))
    setOpen(true)
  }
  return (
    <section aria-labelledby="vendors-heading">
      <h2 id="vendors-heading">Vendors</h2>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <form
        role="search"
        aria-label="Vendors"
        className="search-form"
        onSubmit={submitted(() => setText(search.trim()))}
        noValidate
      >
        <TextField
          label="Find a vendor by name or product"
          hint="Searches this case’s vendors and the vendor directory; any part of a name will do."
          type="search"
          autoComplete="off"
          value={search}
          onChange={setSearch}
        />
        <SubmitButton busy={false} className="secondary">
          Find
        </SubmitButton>
      </form>
      {text && <DirectoryMatches text={text} onAdd={add} />}
      <FindVendors
        caseId={caseId}
        open={open}
        onOpen={() => setOpen(true)}
        onClose={() => {
          setOpen(false)
          setAdded([])
        }}
        added={added}
        onAdded={async (v) => {
          add(v)
          setNotice(`${v.name} is in the directory and in this case now, chosen to be notified.`)
          await onChanged()
        }}
        onNotified={async (words) => {
          setOpen(false)
          setAdded([])
          await onChanged()
          setNotice(words)
        }}
      />
      <VendorTable caseId={caseId} revision={revision} name={text} />
      <VendorCharts caseId={caseId} revision={revision} />
    </section>
  )
}
