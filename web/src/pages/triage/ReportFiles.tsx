// A report's files as staff see them: what the reporter sent (through the follow-up link) and what
// the coordinators sent back, each to download; and, for staff, a way to send the reporter a file,
// which appears on their follow-up page.
import { uploadFile } from '../../api/client'
import type { Attachment, ReportDetail } from '../../api/types'
import { AttachFileForm } from '../../components/AttachFileForm'
import { AttachmentList } from '../../components/Attachments'

export function ReportFiles({ report, onChanged }: { report: ReportDetail; onChanged(report: ReportDetail): void }) {
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Files</h2>
      <AttachmentList
        attachments={report.attachments}
        via={{ kind: 'session' }}
        label="Files on the report"
        empty="Files the reporter adds through their follow-up link, and files sent to them, appear here."
      />
      {report.abilities.triage && (
        <div className="panel">
          <h3>Send the reporter a file</h3>
          <p className="muted">It appears on their follow-up page, with its TLP label.</p>
          <AttachFileForm
            title="Send the reporter a file"
            submitLabel="Send the file"
            fileLabel="File to send"
            withTlp
            tlpHint="How far the reporter may share it."
            upload={(file, tlp) =>
              uploadFile<Attachment>(`/reports/${encodeURIComponent(report.id)}/attachments`, file, { tlp })
            }
            onUploaded={(a) => onChanged({ ...report, attachments: [...report.attachments, a] })}
          />
        </div>
      )}
    </section>
  )
}
