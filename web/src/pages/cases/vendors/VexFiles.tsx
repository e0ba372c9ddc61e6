// Vendors' statements as files, in the three formats vulnerability tools read (CSAF, OpenVEX,
// CycloneDX): the coordinators download every vendor's, a vendor its own; and a vendor uploads
// its own file instead of giving its statements one by one. After an upload the page says, per
// statement in the file, what was taken and what was not and why.
import { useState, type FormEvent } from 'react'
import { ApiError, api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { VexImportReport } from '../../../api/types'
import { FormAlert } from '../../../components/forms'
import { vexStatusLabel } from '../../vendors/vendorLabels'

const formats = [
  { format: 'csaf', label: 'CSAF', file: 'csaf.json' },
  { format: 'openvex', label: 'OpenVEX', file: 'openvex.json' },
  { format: 'cyclonedx', label: 'CycloneDX', file: 'cdx.json' },
] as const

interface VexFilesProps {
  caseId: string
  caseNumber: string
  /** Staff download every vendor's statements; a vendor its own and may upload. */
  staff: boolean
  onChanged(): Promise<void>
}

export function VexFiles({ caseId, caseNumber, staff, onChanged }: VexFilesProps) {
  return (
    <section aria-labelledby="vex-files-heading">
      <h2 id="vex-files-heading">Statements as files</h2>
      <p>
        {staff ? 'Every vendor’s statements' : 'Your organization’s statements'}, newest per vulnerability, as a file
        for vulnerability tools:{' '}
        {formats.map((f, i) => (
          <span key={f.format}>
            {i > 0 && ' · '}
            <a
              href={`/api/v1/cases/${encodeURIComponent(caseId)}/vex/${f.format}`}
              download={`${caseNumber.toLowerCase()}-vex.${f.file}`}
            >
              Download as {f.label}
            </a>
          </span>
        ))}
      </p>
      {!staff && <VexUpload caseId={caseId} onChanged={onChanged} />}
    </section>
  )
}

function VexUpload({ caseId, onChanged }: { caseId: string; onChanged(): Promise<void> }) {
  const action = useAction()
  const [report, setReport] = useState<VexImportReport | null>(null)

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const file = (event.currentTarget.elements.namedItem('vex-file') as HTMLInputElement).files?.[0]
    setReport(null)
    const done = await action.run(async () => {
      if (!file)
        throw new ApiError({ type: 'about:blank', title: 'No file', detail: 'Choose a file first.', status: 422 })
      let doc: unknown
      try {
        doc = JSON.parse(await file.text())
      } catch {
        throw new ApiError({
          type: 'about:blank',
          title: 'Not JSON',
          detail: `${file.name} is not a JSON file.`,
          status: 422,
        })
      }
      return api.post<VexImportReport>(`/cases/${encodeURIComponent(caseId)}/vex`, doc)
    })
    if (!done) return
    setReport(done)
    if (done.taken.length > 0) await onChanged()
  }

  return (
    <form onSubmit={(e) => void upload(e)} aria-labelledby="vex-upload-heading">
      <h3 id="vex-upload-heading">Upload your statements</h3>
      <p className="muted">
        A CSAF, OpenVEX or CycloneDX file from your own tools, instead of giving each statement here. Each statement in
        it must name one of this case’s vulnerabilities (by CVE ID or this case’s own ID) and your products.
      </p>
      <FormAlert error={action.error} />
      <label>
        File
        <input type="file" name="vex-file" accept=".json,application/json" />
      </label>
      <button type="submit" className="button" aria-disabled={action.busy || undefined}>
        Upload statements
      </button>
      {report && <UploadReport report={report} />}
    </form>
  )
}

function UploadReport({ report }: { report: VexImportReport }) {
  return (
    <div role="status">
      <p>
        {report.taken.length === 1 ? 'One statement was taken' : `${report.taken.length} statements were taken`}
        {report.refused.length > 0 && `, ${report.refused.length} not`}. Taken statements wait for the coordinators’
        approval, like those given here.
      </p>
      {report.taken.length > 0 && (
        <ul aria-label="Statements taken">
          {report.taken.map((t) => (
            <li key={t.at}>
              {t.vulnerability}: <strong>{vexStatusLabel[t.status] ?? t.status}</strong> for {t.products.join(', ')}
            </li>
          ))}
        </ul>
      )}
      {report.refused.length > 0 && (
        <ul aria-label="Statements not taken">
          {report.refused.map((r) => (
            <li key={r.at}>
              {r.vulnerability}: not taken, {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
