// Changing who takes part in a case (staff): adding an organization or a single person with roles,
// changing a participant's roles, and taking one out with an optional reason after a question.
// Each form says what the server refused in its words (already in the case, no role chosen).
import { useEffect, useRef, useState } from 'react'
import { api, query } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Organization, Page, Participant, User } from '../../api/types'
import { FormAlert, SelectField, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'
import { kindLabel } from '../labels'
import { assignableRoles, roleLabel, rolesInWords } from './caseLabels'

/** The roles as checkboxes in one group, its error tied to the group. */
function RoleChoice({
  legend,
  roles,
  onChange,
  error,
}: {
  legend: string
  roles: string[]
  onChange(roles: string[]): void
  error: string | undefined
}) {
  const errorId = `${legend.replace(/\W+/g, '-').toLowerCase()}-error`
  const toggle = (role: string, on: boolean) =>
    onChange(on ? assignableRoles.filter((r) => r === role || roles.includes(r)) : roles.filter((r) => r !== role))
  return (
    <fieldset className={`role-choice${error ? ' field-invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="role-options">
        {assignableRoles.map((role) => (
          <label key={role} className="role-option">
            <input type="checkbox" checked={roles.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />{' '}
            {roleLabel[role]}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </fieldset>
  )
}

/** Loads what there is to choose from: every organization, and (for staff) every active person. */
function useCandidates(people: boolean) {
  return useLoad(async () => {
    const [organizations, users] = await Promise.all([
      api.get<Organization[]>('/organizations'),
      people
        ? api.get<Page<User>>(`/users${query({ limit: 200 })}`).then((p) => p.items.filter((u) => !u.disabled))
        : Promise.resolve([]),
    ])
    return { organizations, users }
  }, String(people))
}

export function AddParticipantForm({ caseId, onAdded }: { caseId: string; onAdded(words: string): Promise<void> }) {
  const { session } = useSignedIn()
  const people = session.instance.list_users
  const candidates = useCandidates(people)
  const [kind, setKind] = useState<'organization' | 'person'>('organization')
  const [organizationId, setOrganizationId] = useState('')
  const [userId, setUserId] = useState('')
  const [roles, setRoles] = useState<string[]>([])
  const action = useAction()

  const organizationOptions = [
    { value: '', label: 'Choose an organization…' },
    ...(candidates.data?.organizations ?? []).map((o) => ({ value: o.id, label: `${o.name} (${kindLabel[o.kind]})` })),
  ]
  const personOptions = [
    { value: '', label: 'Choose a person…' },
    ...(candidates.data?.users ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
  ]

  async function add() {
    const who = kind === 'organization' ? { organizationId } : { userId }
    // Nothing chosen yet: say so in words, rather than the server's "is not an organization".
    if (!Object.values(who)[0])
      return action.fail(
        localProblem(
          kind === 'organization' ? 'organizationId' : 'userId',
          `choose ${kind === 'organization' ? 'an organization' : 'a person'}`,
        ),
      )
    const name =
      kind === 'organization'
        ? candidates.data?.organizations.find((o) => o.id === organizationId)?.name
        : candidates.data?.users.find((u) => u.id === userId)?.name
    const added = await action.run(() =>
      api.post(`/cases/${encodeURIComponent(caseId)}/participants`, { ...who, roles }),
    )
    if (added === undefined) return
    setOrganizationId('')
    setUserId('')
    setRoles([])
    await onAdded(`Added ${name ?? 'the participant'} as ${rolesInWords(roles).toLowerCase()}.`)
  }

  return (
    <form
      className="panel"
      aria-labelledby="add-participant-heading"
      onSubmit={submitted(add)}
      noValidate
      aria-busy={action.busy}
    >
      <h3 id="add-participant-heading">Add a participant</h3>
      <FormAlert error={action.error} fields={['organizationId', 'userId', 'roles']} />
      {candidates.error && <FormAlert error={candidates.error} />}
      {people && (
        <fieldset className="role-choice">
          <legend>Who</legend>
          <div className="role-options">
            <label className="role-option">
              <input
                type="radio"
                name="participant-kind"
                checked={kind === 'organization'}
                onChange={() => setKind('organization')}
              />{' '}
              An organization
            </label>
            <label className="role-option">
              <input
                type="radio"
                name="participant-kind"
                checked={kind === 'person'}
                onChange={() => setKind('person')}
              />{' '}
              A single person
            </label>
          </div>
        </fieldset>
      )}
      {kind === 'organization' ? (
        <SelectField
          label="Organization"
          value={organizationId}
          onChange={setOrganizationId}
          options={organizationOptions}
          error={action.fieldError('organizationId')}
        />
      ) : (
        <SelectField
          label="Person"
          value={userId}
          onChange={setUserId}
          options={personOptions}
          error={action.fieldError('userId')}
        />
      )}
      <RoleChoice legend="Roles in the case" roles={roles} onChange={setRoles} error={action.fieldError('roles')} />
      <SubmitButton busy={action.busy} busyText="Adding…">
        Add to the case
      </SubmitButton>
    </form>
  )
}

interface ParticipantFormProps {
  caseId: string
  participant: Participant
  onDone(words: string): Promise<void>
  onCancel(): void
}

const participantPath = (caseId: string, p: Participant) =>
  `/cases/${encodeURIComponent(caseId)}/participants/${encodeURIComponent(p.id)}`

/** Takes the focus when it opens, so keyboard and screen-reader users land on it. */
function useFocusOnOpen<T extends HTMLElement>() {
  const ref = useRef<T>(null)
  useEffect(() => ref.current?.focus(), [])
  return ref
}

export function RolesForm({ caseId, participant: p, onDone, onCancel }: ParticipantFormProps) {
  const [roles, setRoles] = useState<string[]>(p.roles)
  const action = useAction()
  const heading = useFocusOnOpen<HTMLHeadingElement>()

  async function save() {
    const changed = await action.run(() =>
      api.put<{ roles: string[] }>(`${participantPath(caseId, p)}/roles`, { roles }),
    )
    if (changed) await onDone(`${p.name}: now ${rolesInWords(changed.roles).toLowerCase()}.`)
  }

  return (
    <form
      className="panel"
      aria-labelledby="roles-heading"
      onSubmit={submitted(save)}
      noValidate
      aria-busy={action.busy}
    >
      <h3 id="roles-heading" ref={heading} tabIndex={-1}>
        Roles of {p.name}
      </h3>
      <FormAlert error={action.error} fields={['roles']} />
      <RoleChoice legend={`Roles of ${p.name}`} roles={roles} onChange={setRoles} error={action.fieldError('roles')} />
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText="Saving…">
          Save the roles
        </SubmitButton>
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

export function TakeOutForm({ caseId, participant: p, onDone, onCancel }: ParticipantFormProps) {
  const [reason, setReason] = useState('')
  const action = useAction()
  const question = useFocusOnOpen<HTMLParagraphElement>()

  async function takeOut() {
    const ok = await action.run(async () => {
      await api.delete(`${participantPath(caseId, p)}${query({ reason: reason.trim() })}`)
      return true
    })
    if (ok) await onDone(`${p.name} was taken out of the case.`)
  }

  return (
    <form
      className="panel"
      aria-label={`Take ${p.name} out of the case`}
      onSubmit={submitted(takeOut)}
      noValidate
      aria-busy={action.busy}
    >
      <p className="confirm-question" ref={question} tabIndex={-1}>
        Take {p.name} out of the case? They no longer see it; what they wrote and the ledger stay. You can add them
        again later.
      </p>
      <FormAlert error={action.error} fields={['reason']} />
      <TextField
        label="Reason"
        optional
        hint="Kept in the ledger."
        value={reason}
        onChange={setReason}
        error={action.fieldError('reason')}
        autoComplete="off"
      />
      <div className="button-row">
        <SubmitButton busy={action.busy} busyText="Taking out…" className="danger">
          Yes, take {p.name} out
        </SubmitButton>
        <button type="button" className="button subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
