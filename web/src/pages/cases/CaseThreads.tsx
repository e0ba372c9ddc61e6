// A case's threads: the case-wide one and the private ones between the coordinators and one
// participant, with how many messages the viewer has not read and when the last was written; the
// product threads in a list of their own (ProductThreads.tsx). The
// open thread (in the address, /cases/:n/threads?thread=<key>, so it can be linked to) shows its latest messages, which
// marks it read, and a form to post with a TLP label that starts at the case's; then the files
// posted to it, and a form to attach one, labelled the same way.
import { useEffect, useRef, useState } from 'react'
import { api, query, uploadFile } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { FormAlert } from '../../components/forms'
import { useThreadLiveUpdates } from '../../api/liveEvents'
import type { Attachment, CaseDetail, CaseMessage, CaseThread, TlpLabel } from '../../api/types'
import { AttachFileForm } from '../../components/AttachFileForm'
import { AttachmentList } from '../../components/Attachments'
import { MessageForm, MessageList } from '../../components/MessageThread'
import { LoadedList, LoadError, Loading } from '../../components/Status'
import { navigate } from '../../router'
import { ProductThreadAudience, ProductThreads } from './ProductThreads'
import { threadPath, ThreadListItem } from './ThreadListItem'

export { threadPath }

export const CASE_WIDE = 'case'

const THREADS_PAGE = 50
const MESSAGES_PAGE = 50

export function CaseThreads({
  detail,
  openKey,
  onPosted,
}: {
  detail: CaseDetail
  openKey: string | null
  onPosted(): void
}) {
  // A case may have a thousand private threads: the first ones come, more on request. One opened
  // from a link or a participant's Message but not among them is asked for by its key (a private
  // thread nothing was said in yet is listed by nobody, yet opens to write the first message).
  const [limit, setLimit] = useState(THREADS_PAGE)
  const threadsPath = `/cases/${encodeURIComponent(detail.id)}/threads`
  const loaded = useLoad(
    () => api.get<CaseThread[]>(`${threadsPath}${query({ limit: limit + 1 })}`),
    `${detail.id}|${limit}`,
  )
  const hasMore = (loaded.data?.length ?? 0) > limit
  const page = loaded.data?.slice(0, limit)
  const missing = Boolean(openKey && page && !page.some((t) => t.key === openKey))
  const single = useLoad(
    async () => (missing && openKey ? api.get<CaseThread>(`${threadsPath}/${encodeURIComponent(openKey)}`) : undefined),
    `${detail.id}|${missing}|${openKey}`,
  )
  useThreadLiveUpdates(detail.id, loaded.reload)
  const threads = page && missing && single.data ? [...page, single.data] : page
  const open = openKey ? threads?.find((t) => t.key === openKey) : undefined

  // Listed first, then opened, so the new thread is there when its heading takes the focus.
  async function openedProductThread(key: string) {
    await loaded.reload()
    navigate(threadPath(detail.caseNumber, key))
  }

  return (
    <section aria-labelledby="threads-heading">
      <h2 id="threads-heading">Threads</h2>
      <LoadedList loaded={loaded} what="threads">
        {() => (
          <>
            {/* The case-wide thread comes first (the server lists it first), then the private ones. */}
            <ul className="thread-list" aria-label="Threads">
              {threads
                ?.filter((t) => t.kind !== 'product')
                .map((t) => (
                  <ThreadListItem key={t.key} caseNumber={detail.caseNumber} thread={t} open={t.key === openKey} />
                ))}
            </ul>
            {hasMore && (
              <button type="button" className="button secondary" onClick={() => setLimit((n) => n + THREADS_PAGE)}>
                Show more threads
              </button>
            )}
            <ProductThreads
              detail={detail}
              threads={threads?.filter((t) => t.kind === 'product') ?? []}
              openKey={openKey}
              onOpened={openedProductThread}
            />
          </>
        )}
      </LoadedList>
      {openKey && threads && (!missing || single.data || single.error) && (
        <OpenThread
          key={openKey}
          caseId={detail.id}
          threadKey={openKey}
          thread={open}
          caseTlp={detail.tlp}
          onRead={() => void loaded.reload()}
          onPosted={onPosted}
        />
      )}
    </section>
  )
}

interface OpenThreadProps {
  caseId: string
  threadKey: string
  /** Undefined when the viewer has no such thread: the server answers 404. */
  thread: CaseThread | undefined
  caseTlp: TlpLabel
  /** Reading marks the thread read: the list's unread counts change. */
  onRead(): void
  onPosted(): void
}

function OpenThread({ caseId, threadKey, thread, caseTlp, onRead, onPosted }: OpenThreadProps) {
  const path = `/cases/${encodeURIComponent(caseId)}/threads/${encodeURIComponent(threadKey)}/messages`
  // The latest messages come first (a case-wide thread may hold thousands); earlier ones on request.
  const messages = useLoad(async () => {
    const list = await api.get<CaseMessage[]>(`${path}${query({ limit: MESSAGES_PAGE + 1 })}`)
    // Reading is a GET; saying it has been read is its own request, once the messages are here.
    await api.post(`/cases/${encodeURIComponent(caseId)}/threads/${encodeURIComponent(threadKey)}/read`)
    onRead()
    return list
  }, path)
  useThreadLiveUpdates(caseId, messages.reload)
  const [earlier, setEarlier] = useState<CaseMessage[][]>([])
  const more = useAction()
  const heading = useRef<HTMLHeadingElement>(null)

  // Opening a thread (from the list, a participant's Message or a link) takes the reader to it,
  // and again once its messages are in, which moves what is below the heading.
  useEffect(() => heading.current?.focus(), [])
  const arrived = messages.data !== undefined
  useEffect(() => {
    if (arrived) heading.current?.scrollIntoView({ block: 'start' })
  }, [arrived])

  /** Each page asked one more than it shows: the extra one says there are earlier messages. */
  const pages = messages.data ? [messages.data, ...earlier] : []
  const oldestPage = pages.at(-1)
  const hasEarlier = (oldestPage?.length ?? 0) > MESSAGES_PAGE
  const shown = pages
    .map((p) => (p.length > MESSAGES_PAGE ? p.slice(1) : p))
    .reverse()
    .flat()

  async function showEarlier() {
    const before = shown[0]?.id
    const page = await more.run(() => api.get<CaseMessage[]>(`${path}${query({ limit: MESSAGES_PAGE + 1, before })}`))
    if (page) setEarlier((list) => [...list, page])
  }

  async function send(body: string, tlp: TlpLabel) {
    await api.post(path, { body, tlp })
    onPosted()
    setEarlier([])
    await messages.reload()
  }

  if (!thread || messages.error?.status === 404) {
    return (
      <div className="thread panel">
        <h3 ref={heading} tabIndex={-1}>
          Thread not found
        </h3>
        <p>This thread does not exist, or it is not one you take part in.</p>
      </div>
    )
  }
  const caseWide = thread.key === CASE_WIDE
  const product = thread.kind === 'product' ? thread.product : null
  return (
    <section className="thread panel" aria-labelledby="open-thread-heading">
      <h3 id="open-thread-heading" ref={heading} tabIndex={-1}>
        {thread.title}
      </h3>
      {product ? (
        <ProductThreadAudience product={product} />
      ) : (
        <p className="thread-audience">
          <strong>Who reads it:</strong>{' '}
          {caseWide
            ? 'everyone who takes part in the case.'
            : `only ${thread.title.replace(/^Coordinator/, 'the coordinators')}.`}
        </p>
      )}
      {messages.error ? (
        <LoadError error={messages.error} retry={() => void messages.reload()} />
      ) : !messages.data ? (
        <Loading what="the messages" />
      ) : (
        <>
          <FormAlert error={more.error} />
          {hasEarlier && (
            <button type="button" className="button secondary" disabled={more.busy} onClick={() => void showEarlier()}>
              Show earlier messages
            </button>
          )}
          <MessageList
            messages={shown}
            empty={thread.abilities.post ? 'Write the first one below.' : 'Messages appear here.'}
          />
        </>
      )}
      {thread.abilities.post && (
        <MessageForm
          label={
            caseWide
              ? 'Message to everyone in the case'
              : product
                ? 'Message in this product thread'
                : 'Message in this private thread'
          }
          send={send}
          withTlp
          defaultTlp={caseTlp}
          tlpHint={`How far readers may share it. The case is TLP:${caseTlp}.`}
        />
      )}
      <ThreadFiles
        caseId={caseId}
        threadKey={threadKey}
        caseTlp={caseTlp}
        mayPost={thread.abilities.post}
        onPosted={onPosted}
      />
    </section>
  )
}

interface ThreadFilesProps {
  caseId: string
  threadKey: string
  caseTlp: TlpLabel
  mayPost: boolean
  onPosted(): void
}

function ThreadFiles({ caseId, threadKey, caseTlp, mayPost, onPosted }: ThreadFilesProps) {
  const path = `/cases/${encodeURIComponent(caseId)}/threads/${encodeURIComponent(threadKey)}/attachments`
  const files = useLoad(() => api.get<Attachment[]>(path), path)
  return (
    <div className="thread-files">
      <h4>Files in this thread</h4>
      <LoadedList loaded={files} what="the files">
        {(list) => (
          <AttachmentList
            attachments={list}
            via={{ kind: 'session' }}
            label="Files in this thread"
            empty={mayPost ? 'Attach the first one below.' : 'Files appear here.'}
          />
        )}
      </LoadedList>
      {mayPost && (
        <AttachFileForm
          title="Attach a file to this thread"
          submitLabel="Attach the file"
          fileLabel="File to attach"
          withTlp
          defaultTlp={caseTlp}
          tlpHint={`How far readers may share it. The case is TLP:${caseTlp}.`}
          upload={(file, tlp) => uploadFile<Attachment>(path, file, { tlp })}
          onUploaded={() => {
            onPosted()
            void files.reload()
          }}
        />
      )}
    </div>
  )
}
