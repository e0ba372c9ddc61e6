// The report form: who you are (or anonymous), what is affected, the vulnerability, whether it
// is public or exploited, vendor contact, disclosure plans, credit and files. The server checks it
// all and names each bad field; the proof of work is prepared in the background and sent with it.
// Files go up once the report is in (they need its follow-up link), so they are handed on.
import { useEffect, useRef, useState } from 'react'
import { api, ApiError } from '../../api/client'
import { useAction } from '../../api/hooks'
import { useSession } from '../../api/session'
import type { ReportSubmitted } from '../../api/types'
import {
  CheckboxField,
  FileField,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  submitted,
} from '../../components/forms'
import { options } from '../labels'
import { AffectedProducts } from './AffectedProducts'
import { creditLabels, describeField, emptyDraft, referenceLines, reportBody, type ReportDraft } from './reportDraft'
import { useProof } from './useProof'

const proofProblem = (error: unknown) =>
  error instanceof ApiError && error.status === 422 && error.fieldMessage('proof') !== undefined

export function ReportForm({ onSent }: { onSent(sent: ReportSubmitted, files: File[]): void }) {
  const { session } = useSession()
  const account = session.stage === 'complete' ? session.user : null
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft)
  const [files, setFiles] = useState<File[]>([])
  const action = useAction()
  const proof = useProof()
  const summary = useRef<HTMLDivElement>(null)
  const set =
    <K extends keyof ReportDraft>(key: K) =>
    (value: ReportDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }))

  const errors = action.error?.problem.errors ?? []
  const errorOf = (field: string) => action.fieldError(field)
  /** A references box's messages, each with its line: "line 2: must be a URL". */
  const referencesError = (field: 'publicReferences' | 'exploitedReferences') => {
    const lines = referenceLines(draft[field])
    const messages = errors
      .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
      .map((e) => {
        const line = lines[Number(e.field.split('.')[1])]?.line
        return e.field === field || !line ? e.message : `line ${line}: ${e.message}`
      })
    return messages.length ? messages.join('; ') : undefined
  }

  useEffect(() => {
    if (action.error) summary.current?.focus()
  }, [action.error])

  async function send() {
    const sent = await action.run(async () => {
      try {
        return await api.post<ReportSubmitted>('/reports', reportBody(draft, await proof.take()))
      } catch (error) {
        // A spent challenge may mean the report already arrived: prepare a new proof, but let the
        // person decide. An expired or refused proof stored nothing, so send again with a new one.
        if (error instanceof ApiError && error.status === 409) {
          void proof.renew().catch(() => undefined)
          throw new ApiError({
            ...error.problem,
            detail: `${error.problem.detail} The form is ready again: send it only if your report did not arrive.`,
          })
        }
        if (proofProblem(error))
          return await api.post<ReportSubmitted>('/reports', reportBody(draft, await proof.renew()))
        throw error
      }
    })
    if (sent) onSent(sent, files)
  }

  const waiting = action.busy && proof.state.kind === 'preparing'

  return (
    <form className="report-form" onSubmit={submitted(send)} noValidate aria-busy={action.busy}>
      {action.error && (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={summary}>
          <p>
            <strong>The report was not sent.</strong>{' '}
            {errors.length > 0 ? 'Correct these and send it again:' : action.error.problem.detail}
          </p>
          {errors.length > 0 && (
            <ul>
              {errors.map((e, i) => (
                <li key={`${e.field} ${i}`}>
                  {describeField(e.field, draft)}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <fieldset className="form-section">
        <legend>About you</legend>
        <CheckboxField
          label="Report anonymously"
          checked={draft.anonymous}
          onChange={set('anonymous')}
          hint="Nobody, not even the coordinators, will know who sent it, and they cannot write to you: check the status through the private link you get after sending."
          error={errorOf('anonymous')}
        />
        {!draft.anonymous && (
          <>
            {account && (
              <p className="hint">
                You are signed in as {account.name} ({account.email}). Leave these fields empty to use your account’s
                name and e-mail address.
              </p>
            )}
            <TextField
              label="Your name"
              optional
              autoComplete="name"
              value={draft.name}
              onChange={set('name')}
              error={errorOf('reporter.name')}
            />
            <TextField
              label="Your organization"
              optional
              autoComplete="organization"
              value={draft.organization}
              onChange={set('organization')}
              error={errorOf('reporter.organization')}
            />
            <TextField
              label="Your e-mail address"
              type="email"
              optional={account !== null}
              autoComplete="email"
              hint="So the coordinators can reach you with questions and news."
              value={draft.email}
              onChange={set('email')}
              error={errorOf('reporter.email')}
            />
            <TextAreaField
              label="Your PGP public key"
              optional
              rows={3}
              className="monospace"
              hint="ASCII-armored, if you want e-mail to you encrypted."
              value={draft.pgpKey}
              onChange={set('pgpKey')}
              error={errorOf('reporter.pgpKey')}
              spellCheck={false}
            />
          </>
        )}
      </fieldset>

      <AffectedProducts products={draft.affected} onChange={set('affected')} errorOf={errorOf} />

      <fieldset className="form-section">
        <legend>The vulnerability</legend>
        <TextField
          label="Title"
          hint="One line, for example: Remote root in sendmail header parsing"
          value={draft.title}
          onChange={set('title')}
          error={errorOf('title')}
        />
        <TextAreaField
          label="Description"
          hint="What is wrong, and where. At least 20 characters."
          rows={8}
          value={draft.description}
          onChange={set('description')}
          error={errorOf('description')}
        />
        <TextAreaField
          label="Impact"
          optional
          hint="What an attacker can do with it, and who is exposed."
          value={draft.impact}
          onChange={set('impact')}
          error={errorOf('impact')}
        />
        <TextAreaField
          label="How to reproduce it"
          optional
          hint="Steps, a proof of concept, configuration."
          rows={6}
          value={draft.reproduction}
          onChange={set('reproduction')}
          error={errorOf('reproduction')}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Is it known?</legend>
        <CheckboxField label="It is already public" checked={draft.publicAlready} onChange={set('publicAlready')} />
        {draft.publicAlready && (
          <TextAreaField
            label="Where it is public"
            optional
            rows={3}
            hint="Links, one per line."
            value={draft.publicReferences}
            onChange={set('publicReferences')}
            error={referencesError('publicReferences')}
            spellCheck={false}
          />
        )}
        <CheckboxField
          label="It is already being exploited"
          checked={draft.exploitedAlready}
          onChange={set('exploitedAlready')}
        />
        {draft.exploitedAlready && (
          <TextAreaField
            label="Evidence of exploitation"
            optional
            rows={3}
            hint="Links, one per line."
            value={draft.exploitedReferences}
            onChange={set('exploitedReferences')}
            error={referencesError('exploitedReferences')}
            spellCheck={false}
          />
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>The vendor</legend>
        <CheckboxField label="I have contacted the vendor" checked={draft.contacted} onChange={set('contacted')} />
        {draft.contacted && (
          <>
            <TextField
              label="How you contacted them"
              optional
              hint="For example: security@ address, bug tracker."
              value={draft.contactHow}
              onChange={set('contactHow')}
              error={errorOf('vendorContact.how')}
            />
            <TextField
              label="When you contacted them"
              type="date"
              optional
              className="short"
              value={draft.contactWhen}
              onChange={set('contactWhen')}
              error={errorOf('vendorContact.when')}
            />
            <TextAreaField
              label="Their answer"
              optional
              rows={3}
              value={draft.contactAnswer}
              onChange={set('contactAnswer')}
              error={errorOf('vendorContact.answer')}
            />
          </>
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>Disclosure and credit</legend>
        <TextAreaField
          label="Your disclosure plans"
          optional
          rows={3}
          hint="For example: a talk, a paper or an advisory you plan to publish."
          value={draft.disclosurePlans}
          onChange={set('disclosurePlans')}
          error={errorOf('disclosurePlans')}
        />
        <TextField
          label="Your disclosure deadline"
          type="date"
          optional
          className="short"
          hint="The date you intend to publish, if you have one."
          value={draft.disclosureDeadline}
          onChange={set('disclosureDeadline')}
          error={errorOf('disclosureDeadline')}
        />
        <SelectField
          label="Credit"
          options={options(creditLabels)}
          value={draft.creditPreference}
          onChange={(v) => set('creditPreference')(v as ReportDraft['creditPreference'])}
          error={errorOf('credit.preference')}
        />
        <TextField
          label="Credit wording"
          optional
          hint="How the credit should read in advisories."
          value={draft.creditText}
          onChange={set('creditText')}
          error={errorOf('credit.text')}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>Files</legend>
        <FileField
          label="Files"
          optional
          multiple
          hint="A proof of concept, logs or screenshots. They are sent right after the report, and you can add more from your follow-up page."
          onChange={setFiles}
        />
      </fieldset>

      {/* The honeypot: hidden from people, filled in by bots. */}
      <div className="visually-hidden">
        <TextField
          label="Leave this field empty"
          name="website"
          autoComplete="off"
          tabIndex={-1}
          value={draft.website}
          onChange={set('website')}
        />
      </div>

      <div className="form-actions">
        <SubmitButton busy={action.busy} busyText={waiting ? 'Preparing…' : 'Sending…'}>
          Send report
        </SubmitButton>
        <ProofStatus proof={proof} />
      </div>
    </form>
  )
}

function ProofStatus({ proof }: { proof: ReturnType<typeof useProof> }) {
  const { state } = proof
  return (
    <>
      <p className="proof-status" role="status">
        {state.kind === 'preparing'
          ? 'Preparing the form…'
          : state.kind === 'ready'
            ? 'Ready to send.'
            : `The form could not be prepared: ${state.detail}`}
      </p>
      {state.kind === 'failed' && (
        <button type="button" className="button secondary" onClick={() => void proof.renew().catch(() => undefined)}>
          Try again
        </button>
      )}
    </>
  )
}
