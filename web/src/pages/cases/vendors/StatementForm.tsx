// A vendor's statement on one vulnerability, in VEX terms: under investigation, affected, not
// affected (with one of CISA's justifications) or fixed (in named versions); remediation,
// references, and whether the other participants may see it before release. It starts from the
// vendor's current statement, so a change of status is one choice and one press. The server checks
// it field by field (a fixed status without a version, a reference that is not a web address) and
// each message is shown beside its input.
import { useState } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { VendorStatement, VexJustification, VexStatus, Vulnerability } from '../../../api/types'
import {
  CheckboxField,
  FormAlert,
  Notice,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  submitted,
} from '../../../components/forms'
import { options } from '../../labels'
import { vexJustificationLabel, vexStatusLabel } from '../../vendors/vendorLabels'

const statusOptions = options(vexStatusLabel)
const justificationOptions = [{ value: '', label: 'Choose why…' }, ...options(vexJustificationLabel)]
const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean)

interface StatementFormProps {
  caseId: string
  vulnerability: Vulnerability
  /** The vendor's newest statement on it, to start from. */
  current: VendorStatement | undefined
  onPosted(statement: VendorStatement): Promise<void>
}

export function StatementForm({ caseId, vulnerability: v, current, onPosted }: StatementFormProps) {
  const [status, setStatus] = useState<VexStatus>(current?.status ?? 'under_investigation')
  const [justification, setJustification] = useState<VexJustification | ''>(current?.justification ?? '')
  const [fixedVersions, setFixedVersions] = useState(current?.fixedVersions.join(', ') ?? '')
  const [remediation, setRemediation] = useState(current?.remediation ?? '')
  const [references, setReferences] = useState(current?.references.join('\n') ?? '')
  const [shareable, setShareable] = useState(current?.shareable ?? false)
  const [notice, setNotice] = useState<string | null>(null)
  const action = useAction()
  // What was sent, to name a refused reference or version by what it says.
  const [sent, setSent] = useState<{ references: string[]; fixedVersions: string[] }>({
    references: [],
    fixedVersions: [],
  })
  const headingId = `statement-form-${v.id}`
  const versionsShown = status === 'fixed' || status === 'affected'

  async function post() {
    setNotice(null)
    const body = {
      status,
      justification: status === 'not_affected' ? justification || null : null,
      fixedVersions: versionsShown ? list(fixedVersions, /,/) : [],
      remediation: remediation.trim() || null,
      references: list(references, /\n/),
      shareable,
    }
    setSent({ references: body.references, fixedVersions: body.fixedVersions })
    const posted = await action.run(() =>
      api.post<VendorStatement>(
        `/cases/${encodeURIComponent(caseId)}/vulnerabilities/${encodeURIComponent(v.id)}/statements`,
        body,
      ),
    )
    if (!posted) return
    const versions = posted.fixedVersions.length ? ` in ${posted.fixedVersions.join(', ')}` : ''
    setNotice(
      `Your statement on “${v.title}” is recorded: ${vexStatusLabel[posted.status]}${versions}. The coordinators approve it before it is published.`,
    )
    await onPosted(posted)
  }

  /** The messages for `field` and for each of its items (`references.1`), the item named. */
  function errorsOf(field: 'references' | 'fixedVersions'): string | undefined {
    const problems = action.error?.problem.errors ?? []
    const messages = problems.flatMap((e) => {
      if (e.field === field) return [e.message]
      const item = new RegExp(`^${field}\\.(\\d+)$`).exec(e.field)
      return item ? [`${sent[field][Number(item[1])] ?? `item ${Number(item[1]) + 1}`}: ${e.message}`] : []
    })
    return messages.length ? messages.join('; ') : undefined
  }
  const shownFields = [
    'status',
    'justification',
    'remediation',
    'shareable',
    ...(action.error?.problem.errors ?? [])
      .map((e) => e.field)
      .filter((f) => /^(references|fixedVersions)(\.\d+)?$/.test(f)),
  ]

  return (
    <form
      className="panel statement-form"
      aria-labelledby={headingId}
      onSubmit={submitted(post)}
      noValidate
      aria-busy={action.busy}
    >
      <h3 id={headingId}>Your statement on “{v.title}”</h3>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FormAlert error={action.error} fields={shownFields} />
      <SelectField
        label="Status"
        value={status}
        onChange={(value) => setStatus(value as VexStatus)}
        options={statusOptions}
        error={action.fieldError('status')}
      />
      {status === 'not_affected' && (
        <SelectField
          label="Why it is not affected"
          value={justification}
          onChange={(value) => setJustification(value as VexJustification | '')}
          options={justificationOptions}
          error={action.fieldError('justification')}
        />
      )}
      {versionsShown && (
        <TextField
          label="Fixed versions"
          optional={status === 'affected'}
          hint={
            status === 'fixed'
              ? 'The versions that contain the fix, separated by commas: 8.12.8, 8.13.0'
              : 'Versions that will contain a fix, if known, separated by commas.'
          }
          autoComplete="off"
          spellCheck={false}
          value={fixedVersions}
          onChange={setFixedVersions}
          error={errorsOf('fixedVersions')}
        />
      )}
      <TextAreaField
        label="Remediation"
        optional
        rows={3}
        hint="What users should do: upgrade, apply a patch, a workaround."
        value={remediation}
        onChange={setRemediation}
        error={action.fieldError('remediation')}
      />
      <TextAreaField
        label="References"
        optional
        rows={3}
        hint="Web addresses of your advisory or patch, one per line."
        spellCheck={false}
        value={references}
        onChange={setReferences}
        error={errorsOf('references')}
      />
      <CheckboxField
        label="May be shown to other participants before release"
        hint="Otherwise only the coordinators see it until they approve it for publication."
        checked={shareable}
        onChange={setShareable}
        error={action.fieldError('shareable')}
      />
      <SubmitButton busy={action.busy} busyText="Sending…">
        Give the statement
      </SubmitButton>
    </form>
  )
}
