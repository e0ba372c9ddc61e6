// The files chosen with a report, sent one after the other once the report is in (through its
// follow-up link's secret), with the progress read out ("Uploading 2 of 3…") and, per file, what
// became of it. A file that fails takes nothing from the report, which is already safe.
import { useEffect, useRef, useState } from 'react'
import { uploadFile } from '../../api/client'
import { asApiError } from '../../api/hooks'
import type { Attachment } from '../../api/types'
import { formatBytes } from '../../components/Attachments'
import { uploadProblem } from '../../components/AttachFileForm'

type FileState =
  | { kind: 'waiting' }
  | { kind: 'uploading' }
  | { kind: 'done'; attachment: Attachment }
  | { kind: 'failed'; detail: string }

function progressText(states: FileState[]): string {
  const current = states.findIndex((s) => s.kind === 'uploading')
  if (current >= 0) return `Uploading ${current + 1} of ${states.length}…`
  if (states.some((s) => s.kind === 'waiting')) return 'Getting ready to upload your files…'
  const done = states.filter((s) => s.kind === 'done').length
  if (done === states.length)
    return states.length === 1 ? 'Your file is uploaded.' : `All ${states.length} files are uploaded.`
  return `${done} of ${states.length} files uploaded; ${states.length - done} could not be.`
}

function StateText({ state }: { state: FileState }) {
  switch (state.kind) {
    case 'waiting':
      return <span className="muted">Waiting</span>
    case 'uploading':
      return <span>Uploading…</span>
    case 'done':
      return (
        <span className="file-done">
          Uploaded · SHA-256 <code title={state.attachment.sha256}>{state.attachment.sha256.slice(0, 12)}…</code>
        </span>
      )
    case 'failed':
      return <span className="file-failed">Not uploaded: {state.detail}</span>
  }
}

export function SentFiles({ files, token }: { files: File[]; token: string }) {
  const [states, setStates] = useState<FileState[]>(() => files.map(() => ({ kind: 'waiting' })))
  // Once per report: React's development mode runs effects twice, and a file must go up once.
  const started = useRef(false)

  useEffect(() => {
    if (started.current) return
    started.current = true
    const set = (i: number, state: FileState) => setStates((all) => all.map((s, j) => (j === i ? state : s)))
    void (async () => {
      for (const [i, file] of files.entries()) {
        set(i, { kind: 'uploading' })
        try {
          const attachment = await uploadFile<Attachment>(
            '/reports/follow-up/attachments',
            file,
            {},
            { 'x-follow-up-token': token },
          )
          set(i, { kind: 'done', attachment })
        } catch (error) {
          set(i, { kind: 'failed', detail: asApiError(uploadProblem(error, file.name)).problem.detail })
        }
      }
    })()
  }, [files, token])

  const failed = states.some((s) => s.kind === 'failed')
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Your files</h2>
      <p className="upload-progress" role="status">
        {progressText(states)}
      </p>
      <ul className="item-list" aria-label="Files sent with the report">
        {files.map((file, i) => (
          <li key={`${i} ${file.name}`}>
            <span>
              <strong>{file.name}</strong> <span className="muted">({formatBytes(file.size)})</span>
            </span>
            <StateText state={states[i] ?? { kind: 'waiting' }} />
          </li>
        ))}
      </ul>
      {failed && (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Some files were not uploaded.</strong> Your report itself was sent and is safe. Add the missing
            files from your follow-up page.
          </p>
        </div>
      )}
    </section>
  )
}
