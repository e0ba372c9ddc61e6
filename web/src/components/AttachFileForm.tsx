// Adding one file: choose it, (for staff and participants) its TLP label, send. A file too large
// for the server is refused with the limit in words; the chooser empties once the file is in.
import { useState } from 'react'
import { ApiError } from '../api/client'
import { useAction } from '../api/hooks'
import type { Attachment, TlpLabel } from '../api/types'
import { FileField, FormAlert, SelectField, SubmitButton, localProblem, submitted } from './forms'
import { tlpOptions } from './MessageThread'

/** A refusal in words a person acts on: "too large" first, then the server's limit. */
export function uploadProblem(error: unknown, filename: string): unknown {
  if (error instanceof ApiError && error.status === 413)
    return new ApiError({ ...error.problem, detail: `${filename} is too large. ${error.problem.detail}` })
  return error
}

interface AttachFileFormProps {
  /** The form's name, e.g. "Send the reporter a file". */
  title: string
  /** The button's words. */
  submitLabel: string
  /** The chooser's label. */
  fileLabel?: string
  /** Sends the file; rejects with the server's problem. */
  upload(file: File, tlp: TlpLabel): Promise<Attachment>
  onUploaded(attachment: Attachment): void
  /** Whether the sender chooses a TLP label; without it the server's default applies. */
  withTlp?: boolean
  defaultTlp?: TlpLabel
  tlpHint?: string
}

export function AttachFileForm({
  title,
  submitLabel,
  fileLabel = 'File',
  upload,
  onUploaded,
  withTlp = false,
  defaultTlp = 'AMBER',
  tlpHint,
}: AttachFileFormProps) {
  const [file, setFile] = useState<File | null>(null)
  const [tlp, setTlp] = useState<string>(defaultTlp)
  const [done, setDone] = useState('')
  // A new chooser (an empty one) after each file sent.
  const [round, setRound] = useState(0)
  const action = useAction()

  async function send() {
    setDone('')
    if (!file) {
      action.fail(localProblem('file', 'choose a file to send', 'No file chosen.'))
      return
    }
    const sent = await action.run(async () => {
      try {
        return await upload(file, tlp as TlpLabel)
      } catch (error) {
        throw uploadProblem(error, file.name)
      }
    })
    if (!sent) return
    setFile(null)
    setRound((r) => r + 1)
    setDone(`Added ${sent.filename}.`)
    onUploaded(sent)
  }

  return (
    <form className="attach-form" aria-label={title} onSubmit={submitted(send)} noValidate aria-busy={action.busy}>
      <FormAlert error={action.error} fields={['file', 'name', 'tlp']} />
      <p className="copy-status" role="status">
        {action.busy && file ? `Uploading ${file.name}…` : done}
      </p>
      <FileField
        key={round}
        label={fileLabel}
        onChange={(files) => setFile(files[0] ?? null)}
        error={action.fieldError('file') ?? action.fieldError('name')}
      />
      {withTlp && (
        <SelectField
          label="File TLP"
          hint={tlpHint}
          value={tlp}
          onChange={setTlp}
          options={tlpOptions}
          error={action.fieldError('tlp')}
        />
      )}
      <SubmitButton busy={action.busy} busyText="Uploading…" className="secondary">
        {submitLabel}
      </SubmitButton>
    </form>
  )
}
