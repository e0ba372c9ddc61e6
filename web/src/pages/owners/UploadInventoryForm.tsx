// Uploading an asset's inventory from the browser: the asset's name and the file (CycloneDX or
// SPDX JSON, or a purl list), its format read here so the person sees what will be sent. An
// upload replaces the asset's components; what changed is shown after it. A file the server
// refuses (it fails its schema) is listed error by error, with the promise that nothing was kept.
// A file that lists no component, over an asset that has some, is refused by the server (409):
// the form then asks whether the asset really has no component now, and sends it again if so.
// A file may also be dropped anywhere on the form (the file input stays for keyboard users); the
// form is on the inventory page and, smaller, on an owner's Home.
import { useId, useState, type DragEvent } from 'react'
import { putDocument } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { UploadOutcome } from '../../api/ownerTypes'
import { FileField, FormAlert, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'
import { ConfirmAction } from '../../components/ConfirmAction'
import { detectFormat, inventoryFileTypes, type DetectedFormat } from './inventoryFormat'
import { UploadChanges } from './UploadChanges'

interface UploadInventoryFormProps {
  organizationId: string
  /** The assets already kept, offered as names so a new upload replaces the right one. */
  assetNames: string[]
  onUploaded(outcome: UploadOutcome): Promise<void>
  /** 3 where the form sits under a section of its own (Home). */
  headingLevel?: 2 | 3
}

interface Chosen {
  file: File
  text: string
  format: DetectedFormat | { error: string }
}

/** Only a drag that carries files: dragging text or a link over the form is none of its business. */
export const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files')

export function UploadInventoryForm({
  organizationId,
  assetNames,
  onUploaded,
  headingLevel = 2,
}: UploadInventoryFormProps) {
  const id = useId()
  const [asset, setAsset] = useState('')
  const [dragging, setDragging] = useState(false)
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
    if (!asset.trim()) setAsset(file.name.replace(/(\.(cdx|bom|spdx|sbom))?\.(json|txt|xml|spdx)$/i, ''))
  }

  function dragOver(e: DragEvent<HTMLFormElement>) {
    if (!carriesFiles(e)) return
    // Without this the browser would open the dropped file in place of Lockstep.
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
    setDragging(true)
  }

  function dragLeave(e: DragEvent<HTMLFormElement>) {
    // Moving between the form's own fields is not leaving it.
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false)
  }

  function drop(e: DragEvent<HTMLFormElement>) {
    if (!carriesFiles(e)) return
    e.preventDefault()
    setDragging(false)
    // Empties the file input, so it does not name a file other than the one dropped.
    setFileKey((k) => k + 1)
    void choose([...e.dataTransfer.files])
  }

  async function send(allowEmpty = false) {
    setOutcome(null)
    if (!asset.trim())
      return upload.fail(
        localProblem('asset', 'is required: name the system this inventory describes, e.g. “mail relay”'),
      )
    if (!chosen) return upload.fail(localProblem('file', 'choose a file first', 'There is no file to upload.'))
    if ('error' in chosen.format)
      return upload.fail(localProblem('file', chosen.format.error, 'This file cannot be read.'))
    const { hint, contentType } = chosen.format
    const done = await upload.run(() =>
      putDocument<UploadOutcome>(`/organizations/${organizationId}/inventory`, chosen.text, contentType, {
        asset: asset.trim(),
        format: hint,
        ...(allowEmpty ? { allowEmpty: 'true' } : {}),
      }),
    )
    if (!done) return
    setOutcome(done)
    setChosen(null)
    setFileKey((k) => k + 1)
    await onUploaded(done)
  }

  const refused = upload.error?.problem.errors?.filter((e) => e.field === 'body') ?? []
  const wouldEmpty = upload.error?.problem.type.endsWith('/empty-inventory') ?? false
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <form
      className={`panel upload-form${dragging ? ' upload-form-dragging' : ''}`}
      onSubmit={submitted(send)}
      onDragOver={dragOver}
      onDragLeave={dragLeave}
      onDrop={drop}
      noValidate
      aria-busy={upload.busy}
      aria-labelledby={`${id}-heading`}
    >
      <Heading id={`${id}-heading`}>Upload an inventory</Heading>
      <p>
        An upload replaces the asset’s components. Lockstep reads CycloneDX JSON and XML (1.2 to 1.6), SPDX JSON and
        tag-value (2.2, 2.3) and text files with one package URL per line.
      </p>
      {refused.length > 0 ? (
        <RefusedFile messages={refused.map((e) => e.message)} />
      ) : wouldEmpty && chosen ? (
        <div className="alert alert-warning" role="alert">
          <p>
            <strong>{chosen.file.name} lists no component.</strong> {upload.error?.problem.detail.split('. ')[0]}.
            Nothing was changed.
          </p>
          <ConfirmAction
            label="Empty the asset"
            question={`Remove every component of “${asset.trim()}”?`}
            confirmLabel="Remove every component"
            onConfirm={() => send(true)}
          />
        </div>
      ) : (
        <FormAlert error={upload.error} fields={['asset', 'file']} />
      )}
      <TextField
        label="Asset"
        value={asset}
        onChange={setAsset}
        error={upload.fieldError('asset')}
        hint="The system this inventory describes. Uploading again under the same name replaces its components."
        list={`${id}-names`}
        maxLength={200}
      />
      <datalist id={`${id}-names`}>
        {assetNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div className="drop-zone">
        <FileField
          key={fileKey}
          label="Inventory file"
          onChange={(files) => void choose(files)}
          error={upload.fieldError('file')}
          hint="A CycloneDX (.json, .xml) or SPDX (.json, .spdx) SBOM, or a .txt list of package URLs."
          accept={inventoryFileTypes}
        />
        <p className="drop-zone-words">
          {dragging ? 'Drop an SBOM or purl list here' : 'Or drag the file onto this form.'}
        </p>
      </div>
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
