// A vendor's profile for those who manage the organization's contacts: its website, notes for the
// coordinators, and its embargo policy (preferred, minimum and maximum days). Only what was
// changed is sent, so a value this page could not read back is never overwritten by a blank; the
// server's refusals ("must not be more than the preferred days") show beside their inputs.
import { useState } from 'react'
import { ApiError, api, query } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { EmbargoPolicy, Organization, Page, VendorProfile, VendorSummary } from '../../api/types'
import { FormAlert, Notice, SubmitButton, TextAreaField, TextField, submitted } from '../../components/forms'
import { Loading } from '../../components/Status'
import { embargoWords } from '../vendors/vendorLabels'

type Known = { website: string | null; notes: string | null; embargo: EmbargoPolicy | null }
const unknown: Known = { website: null, notes: null, embargo: null }
const dayFields = [
  ['preferredDays', 'Preferred embargo', 'How long the vendor usually needs before release.'],
  ['minDays', 'Shortest embargo', 'The least it can work with.'],
  ['maxDays', 'Longest embargo', 'The most it accepts.'],
] as const
type DayField = (typeof dayFields)[number][0]
const fields = ['website', 'notes', ...dayFields.map(([f]) => `embargo.${f}`)]

/**
 * What can be read of the profile. The API has no read of it yet: staff find the website and the
 * embargo policy in the directory (not the notes); others start from blank inputs.
 */
async function knownProfile(organization: Organization, staff: boolean): Promise<Known> {
  if (!staff) return unknown
  const page = await api.get<Page<VendorSummary>>(`/vendors${query({ query: organization.name, limit: 200 })}`)
  const v = page.items.find((i) => i.id === organization.id)
  return v ? { website: v.website, notes: null, embargo: v.embargo } : unknown
}

const daysText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n))

export function VendorProfileForm({ organization }: { organization: Organization }) {
  const { session } = useSignedIn()
  const staff = session.instance.list_vendors
  const known = useLoad(() => knownProfile(organization, staff), `${organization.id}|${staff}`)
  return (
    <section className="panel" aria-labelledby="vendor-profile-heading">
      <h2 id="vendor-profile-heading">Vendor profile</h2>
      {known.data || known.error ? (
        <ProfileForm key={known.data ? 'known' : 'blank'} organization={organization} known={known.data ?? unknown} />
      ) : (
        <Loading what="the vendor profile" />
      )}
    </section>
  )
}

function ProfileForm({ organization, known: initial }: { organization: Organization; known: Known }) {
  const [known, setKnown] = useState(initial)
  const [website, setWebsite] = useState(known.website ?? '')
  const [notes, setNotes] = useState(known.notes ?? '')
  const [days, setDays] = useState<Record<DayField, string>>({
    preferredDays: daysText(known.embargo?.preferredDays),
    minDays: daysText(known.embargo?.minDays),
    maxDays: daysText(known.embargo?.maxDays),
  })
  const [notice, setNotice] = useState<string | null>(null)
  const action = useAction()

  const embargoChanged = dayFields.some(([f]) => days[f].trim() !== daysText(known.embargo?.[f]))

  async function save() {
    setNotice(null)
    const problems = dayFields
      .filter(([f]) => days[f].trim() !== '' && !/^\d+$/.test(days[f].trim()))
      .map(([f]) => ({ field: `embargo.${f}`, message: 'must be a whole number of days, or empty' }))
    if (problems.length)
      return action.fail(
        new ApiError({
          type: 'about:blank',
          title: 'Invalid input',
          status: 0,
          detail: 'Check the marked fields.',
          errors: problems,
        }),
      )
    const body: Record<string, unknown> = {}
    if (website.trim() !== (known.website ?? '')) body.website = website.trim() || null
    if (known.notes === null ? notes.trim() !== '' : notes !== known.notes) body.notes = notes
    if (embargoChanged)
      body.embargo = Object.fromEntries(dayFields.map(([f]) => [f, days[f].trim() === '' ? null : Number(days[f])]))
    if (Object.keys(body).length === 0) return setNotice('Nothing changed.')
    const saved = await action.run(() =>
      api.patch<VendorProfile>(`/organizations/${organization.id}/vendor-profile`, body),
    )
    if (!saved) return
    setKnown({ website: saved.website, notes: saved.notes, embargo: saved.embargo })
    setNotes(saved.notes)
    setNotice(`Saved. Embargo policy: ${embargoWords(saved.embargo) ?? 'none'}.`)
  }

  return (
    <form onSubmit={submitted(save)} noValidate aria-busy={action.busy} aria-labelledby="vendor-profile-heading">
      <p className="muted">
        Coordinators see this in the vendor directory and when they propose an embargo. Only what you change is saved.
      </p>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FormAlert error={action.error} fields={fields} />
      <TextField
        label="Website"
        optional
        type="url"
        autoComplete="off"
        hint="For example: https://www.sendmail.org/"
        value={website}
        onChange={setWebsite}
        error={action.fieldError('website')}
      />
      <TextAreaField
        label="Notes for the coordinators"
        optional
        rows={4}
        hint={
          known.notes === null ? 'Notes saved earlier are not shown here; what you write replaces them.' : undefined
        }
        value={notes}
        onChange={setNotes}
        error={action.fieldError('notes')}
      />
      <fieldset className="form-section">
        <legend>Embargo policy, in days</legend>
        <div className="field-grid">
          {dayFields.map(([f, label, hint]) => (
            <TextField
              key={f}
              label={label}
              optional
              hint={hint}
              inputMode="numeric"
              autoComplete="off"
              className="short"
              value={days[f]}
              onChange={(value) => setDays((all) => ({ ...all, [f]: value }))}
              error={action.fieldError(`embargo.${f}`)}
            />
          ))}
        </div>
      </fieldset>
      <SubmitButton busy={action.busy} busyText="Saving…">
        Save the profile
      </SubmitButton>
    </form>
  )
}
