// Sending a case or a report to peers: the page's own choice of peers (one for a case, several and
// a label for a report), whether the finder agreed to be named to them, and the button. What the
// finder's consent lets go is decided on the server; this form only asks.
import { useState, type ReactNode } from 'react'
import { CheckboxField, FormAlert, SubmitButton, submitted } from '../../components/forms'
import type { PeerActions } from './peerActions'

interface SendToPeersFormProps {
  actions: PeerActions
  /** Sends, with whether the finder agreed to be named. */
  onSend(shareFinderIdentity: boolean): Promise<void>
  /** The fields whose errors show beside them rather than in the alert. */
  fields: string[]
  /** Who is never named, after "Otherwise the finder is not named." */
  neverNamed: string
  submit: string
  busyText: string
  /** Between the alert and the fields: the page's notice, where it shows it in the form. */
  notice?: ReactNode
  /** The page's fields choosing the peers. */
  children: ReactNode
}

export function SendToPeersForm(props: SendToPeersFormProps) {
  const { action } = props.actions
  const [finderAgreed, setFinderAgreed] = useState(false)
  return (
    <form onSubmit={submitted(() => props.onSend(finderAgreed))} noValidate aria-busy={action.busy}>
      <FormAlert error={action.error} fields={props.fields} />
      {props.notice}
      {props.children}
      <CheckboxField
        label="The finder agreed to be named to them"
        checked={finderAgreed}
        onChange={setFinderAgreed}
        hint={`Otherwise the finder is not named. ${props.neverNamed}`}
      />
      <SubmitButton busy={action.busy} busyText={props.busyText}>
        {props.submit}
      </SubmitButton>
    </form>
  )
}
