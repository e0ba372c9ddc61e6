// Uploading an asset's inventory from the browser: the asset's name and the file (CycloneDX or
// SPDX JSON, or a purl list), its format read here so the person sees what will be sent. An
// upload replaces the asset's components; what changed is shown after it. A file the server
// refuses (it fails its schema) is listed error by error, with the promise that nothing was kept.
import { useState } from 'react'
import { putDocument } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { UploadOutcome } from '../../api/ownerTypes'
import { FileField, FormAlert, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'
import { detectFormat, type DetectedFormat } from './inventoryFormat'
import { UploadChanges } from './UploadChanges'

interface UploadInventoryFormProps {
  organizationId: string
  /** The assets already kept, offered as names so a new upload replaces the right one. */
  assetNames: string[]
  onUploaded(outcome: UploadOutcome): Promise<void>
}

interface Chosen {
  file: File
  text: string
  format: DetectedFormat | { error: string }
}

export function UploadInventoryForm({ organizationId, assetNames, onUploaded }: UploadInventoryFormProps) {
  const [asset, setAsset] = useState('')
  const [chosen, setChosen] = useState<Chosen | null>(null)
  const [fileKey, setFileKey] = useState(0)
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null)
  const upload = useAction()

  async function choose(files: File[]) {
    upload.clear()
    const file = files[0]
    if (!file) return setChosen(null)
    const text = await file.text()
    setChosen({ file, text, format: detectFormat(file.name, text) })
    // The file's name without its extension is a good first guess at the asset's.
    if (!asset.trim()) setAsset(file.name.replace(/(\.(cdx|bom|spdx|sbom))?\.(json|txt)$/i, ''))
  }

  async function send() {
    setOutcome(null)
    if (!asset.trim()) return upload.fail(localProblem('asset', 'is required: name the system this inventory describes, e.g. “mail relay”'))
    if (!chosen) return upload.fail(localProblem('file', 'choose a file first', 'There is no file to upload.'))
    if ('error' in chosen.format) return upload.fail(localProblem('file', chosen.format.error, 'This file cannot be read.'))
    const { hint, contentType } = chosen.format
    const done = await upload.run(() => putDocument<UploadOutcome>(`/organizations/${organizationId}/inventory`, chosen.text, contentType, { asset: asset.trim(), format: hint }))
    if (!done) return
    setOutcome(done)
    setChosen(null)
    setFileKey((k) => k + 1)
    await onUploaded(done)
  }

  const refused = upload.error?.problem.errors?.filter((e) => e.field === 'body') ?? []
  return (
    <form className="panel" onSubmit={submitted(send)} noValidate aria-busy={upload.busy} aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload an inventory</h2>
      <p>An upload replaces the asset’s components. Lockstep reads CycloneDX JSON (1.2 to 1.6), SPDX JSON (2.2, 2.3) and text files with one package URL per line.</p>
      {refused.length > 0 ? <RefusedFile messages={refused.map((e) => e.message)} /> : <FormAlert error={upload.error} fields={['asset', 'file']} />}
      <TextField label="Asset" value={asset} onChange={setAsset} error={upload.fieldError('asset')} hint="The system this inventory describes. Uploading again under the same name replaces its components." list="asset-names" maxLength={200} />
      <datalist id="asset-names">
        {assetNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <FileField key={fileKey} label="Inventory file" onChange={(files) => void choose(files)} error={upload.fieldError('file')} hint="A .json SBOM or a .txt list of package URLs." />
      <p className="upload-format" aria-live="polite">
        {chosen && ('error' in chosen.format ? '' : `${chosen.file.name} will be read as ${chosen.format.label}.`)}
      </p>
      <SubmitButton busy={upload.busy} busyText="Uploading…">
        Upload
      </SubmitButton>
      {outcome && <UploadChanges organizationId={organizationId} outcome={outcome} />}
    </form>
  )
}

function RefusedFile({ messages }: { messages: string[] }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>The file was refused; nothing was stored.</strong> Fix these and upload it again:
      </p>
      <ul>
        {messages.map((m, i) => (
          <li key={i}>
            <code>{m}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}
