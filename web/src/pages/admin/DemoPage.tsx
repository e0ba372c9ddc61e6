// /admin/demo, on a demo instance for its admin: reset the demo (every case, report, account and
// message wiped, the demo seeded again with its release minutes ahead). Every account is made anew,
// so the page then goes to the sign-in page, which says the demo was reset and when it releases.
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import { ConfirmAction } from '../../components/ConfirmAction'
import { FormAlert } from '../../components/forms'
import { AdminFrame } from './AdminFrame'

export function DemoPage() {
  const { session } = useSignedIn()
  const action = useAction()

  async function reset() {
    const done = await action.run(() => api.post<{ releaseInMinutes: number }>('/demo/reset', {}))
    // A full load: the old session went with the old accounts.
    if (done) window.location.assign(`/sign-in?demo-reset=${done.releaseInMinutes}`)
  }

  return (
    <AdminFrame title="Demo" allowed={session.demoReset}>
      <section className="panel" aria-labelledby="demo-reset-heading">
        <h2 id="demo-reset-heading">Start the demo again</h2>
        <p>
          Wipes every case, report, account, message and file of this demo instance and seeds the 2003 sendmail case
          again with a fresh timeline: its history in the past weeks, its release minutes ahead. Everyone is signed out.
        </p>
        <FormAlert error={action.error} />
        <ConfirmAction
          label="Reset the demo"
          question="Wipe everything in this demo and seed it again?"
          confirmLabel="Yes, reset the demo"
          onConfirm={reset}
        />
      </section>
    </AdminFrame>
  )
}
