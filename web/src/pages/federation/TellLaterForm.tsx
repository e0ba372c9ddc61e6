// Telling a peer later, with why, for a case or a report: the peer, the justification and the
// button. The page holds the chosen peer, because a case's form also hands the case over to it.
import { useState, type ReactNode } from 'react'
import { SelectField, SubmitButton, TextAreaField, submitted } from '../../components/forms'
import type { PeerActions } from './peerActions'

interface TellLaterFormProps {
  actions: PeerActions
  peerLabel: string
  peers: { value: string; label: string }[]
  peerId: string
  onPeerChange(peerId: string): void
  /** Above the fields, for a page that shows the action's error and outcome nowhere else. */
  top?: ReactNode
  /** After the button: another action on the same peer. */
  children?: ReactNode
}

export function TellLaterForm({ actions, peerLabel, peers, peerId, onPeerChange, top, children }: TellLaterFormProps) {
  const [justification, setJustification] = useState('')
  const { action, send } = actions
  return (
    <form
      onSubmit={submitted(() =>
        send('peer-offers/deferrals', { peerId, justification }, 'Recorded: they are told later.'),
      )}
      noValidate
      aria-busy={action.busy}
    >
      {top}
      <SelectField
        label={peerLabel}
        value={peerId}
        onChange={onPeerChange}
        options={peers}
        error={action.fieldError('peerId')}
      />
      <TextAreaField
        label="Why they are told later"
        value={justification}
        onChange={setJustification}
        rows={2}
        error={action.fieldError('justification')}
      />
      <SubmitButton busy={action.busy} busyText="Recording…">
        Tell them later
      </SubmitButton>
      {children}
    </form>
  )
}
