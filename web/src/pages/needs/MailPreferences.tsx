// How each kind of notification also comes by mail: only here, at once, or in a daily digest.
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import type { MailPreference } from '../../api/needsTypes'
import { FormAlert, Notice, SelectField } from '../../components/forms'
import { LoadedList } from '../../components/Status'
import { useState } from 'react'

const deliveryOptions = [
  { value: 'app', label: 'Only here, no mail' },
  { value: 'now', label: 'By mail at once' },
  { value: 'digest', label: 'In a daily digest mail' },
]

export function MailPreferences() {
  const prefs = useLoad(() => api.get<MailPreference[]>('/me/mail-preferences'), 'mail preferences')
  const action = useAction()
  const [saved, setSaved] = useState<string | null>(null)
  const choose = (kind: MailPreference['kind'], delivery: string) =>
    action.run(async () => {
      await api.put('/me/mail-preferences', {
        preferences: [{ kind, delivery: delivery as MailPreference['delivery'] }],
      })
      await prefs.reload()
      setSaved(kind)
    })
  return (
    <section aria-labelledby="mail-prefs-heading">
      <h2 id="mail-prefs-heading">By mail</h2>
      <p>For each kind of notification, choose whether it also comes by e-mail, at once or once a day.</p>
      <FormAlert error={action.error} />
      {saved && <Notice>Saved.</Notice>}
      <LoadedList loaded={prefs} what="your mail choices">
        {(list) => (
          <div className="mail-preferences">
            {list.map((p) => (
              <SelectField
                key={p.kind}
                label={p.label}
                value={p.delivery}
                options={deliveryOptions}
                onChange={(value) => void choose(p.kind, value)}
              />
            ))}
          </div>
        )}
      </LoadedList>
    </section>
  )
}
