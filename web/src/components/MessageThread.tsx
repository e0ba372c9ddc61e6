// Messages, oldest first, each with its TLP label ("New" on those the reader had not read, "by
// e-mail" on replies that came in by mail), and the form to write the next one. The report pages
// use MessageThread (the finder and the coordinators); a case's threads use the two pieces it is
// made of, MessageList and MessageForm, since their authors are named differently.
import { useState } from 'react'
import { useAction } from '../api/hooks'
import type { ReportMessage, TlpLabel } from '../api/types'
import { EmptyState } from './Status'
import { FormAlert, SelectField, SubmitButton, TextAreaField, submitted } from './forms'
import { TlpBadge } from './TlpBadge'
import { Time } from './Time'

/** One message as shown: who wrote it in words, and a class for its side of the conversation. */
export interface ShownMessage {
  id: string
  author: string
  body: string
  tlp: TlpLabel
  at: string
  className?: string | undefined
  /** Not read before this page showed it. */
  unread?: boolean | undefined
  /** Posted in Lockstep, or a reply that came in by e-mail. */
  via?: 'web' | 'mail' | undefined
}

export function MessageList({ messages, empty }: { messages: ShownMessage[]; empty: string }) {
  if (messages.length === 0) {
    return (
      <EmptyState title="No messages yet">
        <p>{empty}</p>
      </EmptyState>
    )
  }
  return (
    <ol className="message-list" aria-label="Messages">
      {messages.map((m) => (
        <li key={m.id} className={[m.className, m.unread && 'message-unread'].filter(Boolean).join(' ') || undefined}>
          <p className="message-meta">
            {m.unread && (
              <>
                <span className="badge badge-new">
                  New<span className="visually-hidden"> message, not read before</span>
                </span>{' '}
              </>
            )}
            <strong>{m.author}</strong> · <Time iso={m.at} /> · <TlpBadge tlp={m.tlp} />
            {m.via === 'mail' && (
              <>
                {' '}
                <span className="badge badge-mail">by e-mail</span>
              </>
            )}
          </p>
          <p className="prose-block">{m.body}</p>
        </li>
      ))}
    </ol>
  )
}

export const tlpOptions = (['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const).map((value) => ({
  value,
  label: `TLP:${value}`,
}))

interface MessageFormProps {
  /** The message box's label. */
  label: string
  /** Sends one; rejects with the server's problem. */
  send(body: string, tlp: TlpLabel): Promise<unknown>
  /** Whether the writer chooses a TLP label; without it the server's default applies. */
  withTlp?: boolean
  defaultTlp?: TlpLabel
  tlpHint?: string
}

export function MessageForm({ label, send, withTlp = false, defaultTlp = 'AMBER', tlpHint }: MessageFormProps) {
  const [body, setBody] = useState('')
  const [tlp, setTlp] = useState<string>(defaultTlp)
  const [sent, setSent] = useState('')
  const action = useAction()

  async function submit() {
    setSent('')
    const done = await action.run(async () => {
      await send(body.trim(), tlp as TlpLabel)
      return true
    })
    if (!done) return
    setBody('')
    setSent('Message sent.')
  }

  return (
    <form onSubmit={submitted(submit)} noValidate aria-busy={action.busy}>
      <FormAlert error={action.error} fields={['body', 'tlp']} />
      <p className="copy-status" role="status">
        {sent}
      </p>
      <TextAreaField label={label} rows={4} value={body} onChange={setBody} error={action.fieldError('body')} />
      {withTlp && (
        <SelectField
          label="Message TLP"
          hint={tlpHint}
          value={tlp}
          onChange={setTlp}
          options={tlpOptions}
          error={action.fieldError('tlp')}
        />
      )}
      <SubmitButton busy={action.busy} busyText="Sending…">
        Send message
      </SubmitButton>
    </form>
  )
}

interface MessageThreadProps {
  messages: ReportMessage[]
  /** Who reads this: the other side's messages are named from the reader's point of view. */
  reader: 'reporter' | 'coordinator'
  /** Sends one; rejects with the server's problem. Without it, no form. */
  send?(body: string, tlp: TlpLabel): Promise<unknown>
  /** Staff choose a label; the reporter's messages take the server's default. */
  withTlp?: boolean
}

/**
 * The messages between a report's finder and the coordinators. Every answer from the server marks
 * the conversation read, so a message stays "New" for as long as the page that first showed it.
 */
export function MessageThread({ messages, reader, send, withTlp = false }: MessageThreadProps) {
  const [unread, setUnread] = useState<ReadonlySet<string>>(
    () => new Set(messages.filter((m) => m.unread).map((m) => m.id)),
  )
  const arrived = messages.filter((m) => m.unread && !unread.has(m.id))
  if (arrived.length > 0) setUnread(new Set([...unread, ...arrived.map((m) => m.id)]))
  const authorOf = (m: ReportMessage) =>
    m.author === reader && reader === 'reporter'
      ? 'You'
      : m.author === 'coordinator'
        ? `${m.authorName} (coordinator)`
        : m.authorName
  const shown = messages.map((m) => ({
    ...m,
    author: authorOf(m),
    className: `message-${m.author}`,
    unread: unread.has(m.id),
  }))
  return (
    <>
      <MessageList messages={shown} empty={send ? 'Write the first one below.' : 'Messages appear here.'} />
      {send && (
        <MessageForm
          label={reader === 'reporter' ? 'Your reply' : 'Message to the reporter'}
          send={send}
          withTlp={withTlp}
        />
      )}
    </>
  )
}
