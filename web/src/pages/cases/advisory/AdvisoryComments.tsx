// The parties' review of the draft: their comments, each on the version it was written about,
// and a form to add one in the viewer's party's name (after the release too: the draft goes on,
// and a revision publishes it).
import { useState } from 'react'
import { api } from '../../../api/client'
import { useAction } from '../../../api/hooks'
import type { Advisory } from '../../../api/embargoTypes'
import { FormAlert, SubmitButton, TextAreaField, submitted } from '../../../components/forms'
import { Time } from '../../../components/Time'

interface AdvisoryCommentsProps {
  caseId: string
  advisory: Advisory
  onCommented(): Promise<void>
}

export function AdvisoryComments({ caseId, advisory, onCommented }: AdvisoryCommentsProps) {
  const [body, setBody] = useState('')
  const [done, setDone] = useState('')
  const action = useAction()

  async function comment() {
    setDone('')
    const posted = await action.run(() =>
      api.post<Advisory>(`/cases/${encodeURIComponent(caseId)}/advisory/comments`, { body }),
    )
    if (!posted) return
    setBody('')
    await onCommented()
    setDone(`Your comment on version ${advisory.version} is sent to the coordinators.`)
  }

  return (
    <>
      <h3 id="advisory-comments-heading">Comments</h3>
      {advisory.comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="message-list" aria-labelledby="advisory-comments-heading">
          {advisory.comments.map((c) => (
            <li key={c.id}>
              <p className="message-meta">
                <strong>{c.author}</strong> on version {c.version}, <Time iso={c.at} />
              </p>
              <p className="prose-block">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="advisory-comment-form"
        aria-label="Comment on the draft"
        onSubmit={submitted(comment)}
        noValidate
        aria-busy={action.busy}
      >
        <FormAlert error={action.error} fields={['body']} />
        <TextAreaField
          label="Your comment"
          hint={`On version ${advisory.version}: what is wrong or missing, what to add.`}
          rows={3}
          value={body}
          onChange={setBody}
          error={action.fieldError('body')}
        />
        <div className="button-row">
          <SubmitButton busy={action.busy} busyText="Sending…">
            Send the comment
          </SubmitButton>
        </div>
        <p className="copy-status" role="status">
          {done}
        </p>
      </form>
    </>
  )
}
