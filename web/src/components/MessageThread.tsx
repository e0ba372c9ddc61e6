// The messages between a report's finder and the coordinators, oldest first, and the form to
// write the next one (with a TLP label when staff write, since the finder may pass it on).
import { useState } from 'react'
import { useAction } from '../api/hooks'
import type { ReportMessage, TlpLabel } from '../api/types'
import { EmptyState } from './Status'
import { FormAlert, SelectField, SubmitButton, TextAreaField, submitted } from './forms'
import { TlpBadge } from './TlpBadge'
import { Time } from './Time'

interface MessageThreadProps {
  messages: ReportMessage[]
  /** Who reads this: the other side's messages are named from the reader's point of view. */
  reader: 'reporter' | 'coordinator'
  /** Sends one; rejects with the server's problem. Without it, no form. */
  send?(body: string, tlp: TlpLabel): Promise<unknown>
  /** Staff choose a label; the reporter's messages take the server's default. */
  withTlp?: boolean
}

const tlpOptions = (['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const).map((value) => ({ value, label: `TLP:${value}` }))

export function MessageThread({ messages, reader, send, withTlp = false }: MessageThreadProps) {
  const [body, setBody] = useState('')
  const [tlp, setTlp] = useState<string>('AMBER')
  const [sent, setSent] = useState('')
  const action = useAction()

  async function submit() {
    setSent('')
    if (!send) return
    const done = await action.run(async () => {
      await send(body.trim(), tlp as TlpLabel)
      return true
    })
    if (!done) return
    setBody('')
    setSent('Message sent.')
  }

  const authorOf = (m: ReportMessage) => (m.author === reader && reader === 'reporter' ? 'You' : m.author === 'coordinator' ? `${m.authorName} (coordinator)` : m.authorName)

  return (
    <>
      {messages.length === 0 ? (
        <EmptyState title="No messages yet">
          <p>{send ? 'Write the first one below.' : 'Messages appear here.'}</p>
        </EmptyState>
      ) : (
        <ol className="message-list" aria-label="Messages">
          {messages.map((m) => (
            <li key={m.id} className={`message-${m.author}`}>
              <p className="message-meta">
                <strong>{authorOf(m)}</strong> · <Time iso={m.at} /> · <TlpBadge tlp={m.tlp} />
              </p>
              <p className="prose-block">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {send && (
        <form onSubmit={submitted(submit)} noValidate aria-busy={action.busy}>
          <FormAlert error={action.error} fields={['body', 'tlp']} />
          <p className="copy-status" role="status">
            {sent}
          </p>
          <TextAreaField label={reader === 'reporter' ? 'Your reply' : 'Message to the reporter'} rows={4} value={body} onChange={setBody} error={action.fieldError('body')} />
          {withTlp && <SelectField label="Message TLP" value={tlp} onChange={setTlp} options={tlpOptions} error={action.fieldError('tlp')} />}
          <SubmitButton busy={action.busy} busyText="Sending…">
            Send message
          </SubmitButton>
        </form>
      )}
    </>
  )
}
