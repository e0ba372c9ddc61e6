// The coordinator edits the advisory draft: the prose sections, the references and the credits
// (rows added and removed as needed), and a note saying what changed. Each save is a new version
// based on the one edited: if someone saved meanwhile the server refuses (409) rather than
// overwrite their work, and the form says to reload. Bad fields (a reference that is not a web
// address, a credit without a name) are shown beside their input, by row.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { Advisory, AdvisoryDraft } from '../../../api/embargoTypes'
import { FormAlert, SubmitButton, TextAreaField, TextField, submitted } from '../../../components/forms'

interface Row<T> {
  /** Stable across removals, for React's keys. */
  key: number
  value: T
}

const prose = [
  ['overview', 'Overview', 'In a sentence or two: what is affected and what to do.', 3],
  ['description', 'Description', 'The flaw, for a technical reader.', 6],
  ['impact', 'Impact', 'What an attacker gains.', 3],
  ['solution', 'Solution', 'How to fix or work around it.', 3],
] as const

interface AdvisoryFormProps {
  caseId: string
  advisory: Advisory
  onSaved(saved: Advisory): Promise<void>
  onReload(): Promise<void>
  onCancel(): void
}

export function AdvisoryForm({ caseId, advisory, onSaved, onReload, onCancel }: AdvisoryFormProps) {
  const [draft, setDraft] = useState<Omit<AdvisoryDraft, 'references' | 'credits'>>(() => ({ ...advisory.draft }))
  const nextKey = useRef(0)
  const rows = <T,>(values: T[]): Row<T>[] => values.map((value) => ({ key: nextKey.current++, value }))
  const [references, setReferences] = useState(() => rows(advisory.draft.references))
  const [credits, setCredits] = useState(() =>
    rows(advisory.draft.credits.map((c) => ({ name: c.name, contribution: c.contribution ?? '' }))),
  )
  const [note, setNote] = useState('')
  const action = useAction()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])

  const set = (field: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }))
  const stale = action.error?.status === 409

  async function save() {
    const body = {
      draft: {
        ...draft,
        title: draft.title.trim(),
        references: references.map(({ value: r }) => ({ url: r.url.trim(), summary: r.summary.trim() })),
        credits: credits.map(({ value: c }) => ({ name: c.name.trim(), contribution: c.contribution.trim() || null })),
      },
      basedOn: advisory.version,
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    const saved = await action.run(() => api.put<Advisory>(`/cases/${encodeURIComponent(caseId)}/advisory`, body))
    if (saved) await onSaved(saved)
  }

  const shown = [
    'title',
    'overview',
    'description',
    'impact',
    'solution',
    'note',
    ...references.flatMap((_, i) => [`references.${i}.url`, `references.${i}.summary`]),
    ...credits.flatMap((_, i) => [`credits.${i}.name`, `credits.${i}.contribution`]),
  ]
  return (
    <form
      className="panel advisory-form"
      aria-labelledby="advisory-form-heading"
      onSubmit={submitted(save)}
      noValidate
      aria-busy={action.busy}
    >
      <h3 id="advisory-form-heading" ref={heading} tabIndex={-1}>
        Edit the draft (version {advisory.version})
      </h3>
      <FormAlert error={action.error} fields={shown} />
      {stale && (
        <p>
          <button type="button" className="button secondary" onClick={() => void onReload()}>
            Reload the draft
          </button>{' '}
          <span className="muted">Your changes here are lost on reload: copy what you need first.</span>
        </p>
      )}
      <TextField label="Title" value={draft.title} onChange={set('title')} error={action.fieldError('title')} />
      {prose.map(([field, label, hint, lines]) => (
        <TextAreaField
          key={field}
          label={label}
          hint={hint}
          rows={lines}
          value={draft[field]}
          onChange={set(field)}
          error={action.fieldError(field)}
          optional={field !== 'overview'}
        />
      ))}

      <RowList
        legend="References"
        item="Reference"
        rows={references}
        setRows={setReferences}
        blank={{ url: '', summary: '' }}
        next={() => nextKey.current++}
        render={(r, i, update) => (
          <div className="field-grid">
            <TextField
              label="Web address"
              type="url"
              value={r.url}
              onChange={(url) => update({ ...r, url })}
              error={action.fieldError(`references.${i}.url`)}
              spellCheck={false}
              autoCapitalize="off"
            />
            <TextField
              label="What it is"
              optional
              value={r.summary}
              onChange={(summary) => update({ ...r, summary })}
              error={action.fieldError(`references.${i}.summary`)}
            />
          </div>
        )}
      />
      <RowList
        legend="Credits"
        item="Credit"
        rows={credits}
        setRows={setCredits}
        blank={{ name: '', contribution: '' }}
        next={() => nextKey.current++}
        render={(c, i, update) => (
          <div className="field-grid">
            <TextField
              label="Name"
              value={c.name}
              onChange={(name) => update({ ...c, name })}
              error={action.fieldError(`credits.${i}.name`)}
            />
            <TextField
              label="For"
              optional
              hint="For example: found and reported the flaw"
              value={c.contribution}
              onChange={(contribution) => update({ ...c, contribution })}
              error={action.fieldError(`credits.${i}.contribution`)}
            />
          </div>
        )}
      />

      <TextField
        label="What changed"
        optional
        hint="A note kept with this version, for the reviewers."
        value={note}
        onChange={setNote}
        error={action.fieldError('note')}
      />
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText="Saving…">
          Save as version {advisory.version + 1}
        </SubmitButton>
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

interface RowListProps<T> {
  legend: string
  /** One row's name: "Reference 2". */
  item: string
  rows: Row<T>[]
  setRows(update: (rows: Row<T>[]) => Row<T>[]): void
  blank: T
  next(): number
  render(value: T, index: number, update: (value: T) => void): ReactNode
}

/** Repeatable rows in a fieldset: each its own group, removable; a new one takes the focus. */
function RowList<T>({ legend, item, rows, setRows, blank, next, render }: RowListProps<T>) {
  const [added, setAdded] = useState<number | null>(null)
  const addButton = useRef<HTMLButtonElement>(null)
  const addedRow = useRef<HTMLFieldSetElement>(null)
  useEffect(() => addedRow.current?.querySelector('input')?.focus(), [added])
  return (
    <fieldset className="form-section">
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="muted">None yet.</p>}
      {rows.map((row, i) => (
        <fieldset className="reference-row" key={row.key} ref={row.key === added ? addedRow : undefined}>
          <legend>
            {item} {i + 1}
          </legend>
          {render(row.value, i, (value) => setRows((all) => all.map((r) => (r.key === row.key ? { ...r, value } : r))))}
          <button
            type="button"
            className="button subtle"
            onClick={() => {
              setRows((all) => all.filter((r) => r.key !== row.key))
              addButton.current?.focus()
            }}
          >
            Remove
            <span className="visually-hidden">
              {' '}
              {item.toLowerCase()} {i + 1}
            </span>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button secondary"
        ref={addButton}
        onClick={() => {
          const key = next()
          setAdded(key)
          setRows((all) => [...all, { key, value: blank }])
        }}
      >
        Add a {item.toLowerCase()}
      </button>
    </fieldset>
  )
}
