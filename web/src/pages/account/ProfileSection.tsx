// Name and time zone. Every time in Lockstep is shown in the zone chosen here; until one is chosen,
// in the browser's (as on the pages for people without an account).
import { useMemo, useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { User } from '../../api/types'
import { FormAlert, Notice, SelectField, SubmitButton, TextField, submitted } from '../../components/forms'
import { timeZoneNames } from '../../time'
import { browserTimeZone } from '../../components/Time'

export function ProfileSection() {
  const { user, reload } = useSignedIn()
  const [name, setName] = useState(user.name)
  // '' stands for the browser's zone (null in the API).
  const [timeZone, setTimeZone] = useState(user.timeZone ?? '')
  const [saved, setSaved] = useState(false)
  const action = useAction()
  const zones = useMemo(
    () => [
      { value: '', label: `Your browser’s zone (${browserTimeZone().replace(/_/g, ' ')})` },
      ...timeZoneNames(user.timeZone ?? browserTimeZone()).map((z) => ({ value: z, label: z.replace(/_/g, ' ') })),
    ],
    [user.timeZone],
  )

  async function save() {
    setSaved(false)
    const updated = await action.run(() => api.patch<User>('/me', { name: name.trim(), timeZone: timeZone || null }))
    if (!updated) return
    await reload()
    setSaved(true)
  }

  return (
    <section id="profile" className="panel" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p className="muted">E-mail address: {user.email}</p>
      <form onSubmit={submitted(save)} noValidate aria-busy={action.busy}>
        <FormAlert error={action.error} fields={['name', 'timeZone']} />
        {saved && <Notice>Your profile is saved.</Notice>}
        <TextField label="Name" autoComplete="name" value={name} onChange={setName} error={action.fieldError('name')} />
        <SelectField
          label="Time zone"
          hint="Times everywhere in Lockstep are shown in this zone, with its name."
          value={timeZone}
          onChange={setTimeZone}
          options={zones}
          error={action.fieldError('timeZone')}
        />
        <SubmitButton busy={action.busy} busyText="Saving…">
          Save profile
        </SubmitButton>
      </form>
    </section>
  )
}
