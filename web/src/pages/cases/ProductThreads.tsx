// Product threads: in a case with hundreds of vendors, the talk about one product (a purl or CPE
// name) is kept apart from the case-wide thread. They get a list of their own, apart from the
// case-wide and private threads, each marked when the product is the viewer's own; staff open
// new ones here, the case's affected packages offered as suggestions.
import { useId, useState } from 'react'
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { CaseDetail, CaseThread } from '../../api/types'
import { FormAlert, localProblem, SubmitButton, TextField, submitted } from '../../components/forms'
import { ThreadListItem } from './ThreadListItem'

interface ProductThreadsProps {
  detail: CaseDetail
  /** The case's product threads, as the server lists them. */
  threads: CaseThread[]
  openKey: string | null
  /** A new thread was opened: list it, then open it. */
  onOpened(key: string): Promise<void>
}

export function ProductThreads({ detail, threads, openKey, onOpened }: ProductThreadsProps) {
  const staff = detail.abilities.update
  // Someone who cannot open one has nothing to see here until one exists.
  if (threads.length === 0 && !staff) return null
  const opened = new Set(threads.map((t) => t.product?.pattern))
  return (
    <div className="product-threads">
      <h3 id="product-threads-heading">Product threads</h3>
      {threads.length === 0 ? (
        <p className="muted">
          No product threads yet: open one to talk about one product with the vendors that make it.
        </p>
      ) : (
        <ul className="thread-list" aria-labelledby="product-threads-heading">
          {threads.map((t) => (
            <ThreadListItem key={t.key} caseNumber={detail.caseNumber} thread={t} open={t.key === openKey}>
              {/* A title chosen by hand says less than the product; the default title is the product. */}
              {t.product && t.product.pattern !== t.title && (
                <code className="thread-product">{t.product.pattern}</code>
              )}
              {t.product?.yours && <span className="badge badge-neutral">Your product</span>}
            </ThreadListItem>
          ))}
        </ul>
      )}
      {staff && (
        <OpenProductThreadForm
          caseId={detail.id}
          suggestions={affectedPackages(detail).filter((p) => !opened.has(p))}
          onOpened={onOpened}
        />
      )}
    </div>
  )
}

/** The case's affected packages without their versions: a thread is about a product, not a release. */
function affectedPackages(detail: CaseDetail): string[] {
  const purls = detail.vulnerabilities.flatMap((v) =>
    v.affected.flatMap((a) => (a.purl ? [withoutVersion(a.purl)] : [])),
  )
  return [...new Set(purls)]
}

/** pkg:generic/sendmail@8.12.7 → pkg:generic/sendmail; an @ in the namespace (npm scopes) stays. */
function withoutVersion(purl: string): string {
  const product = purl.split(/[?#]/)[0]!
  const at = product.lastIndexOf('@')
  return at > product.lastIndexOf('/') ? product.slice(0, at) : product
}

interface OpenProductThreadFormProps {
  caseId: string
  suggestions: string[]
  onOpened(key: string): Promise<void>
}

function OpenProductThreadForm({ caseId, suggestions, onOpened }: OpenProductThreadFormProps) {
  const [product, setProduct] = useState('')
  const [title, setTitle] = useState('')
  const action = useAction()
  const id = useId()

  async function open() {
    if (!product.trim()) return action.fail(localProblem('product', 'enter a package URL or a CPE name'))
    const thread = await action.run(() =>
      api.post<CaseThread>(`/cases/${encodeURIComponent(caseId)}/product-threads`, {
        product: product.trim(),
        ...(title.trim() ? { title: title.trim() } : {}),
      }),
    )
    if (!thread) return
    setProduct('')
    setTitle('')
    await onOpened(thread.key)
  }

  return (
    <form
      className="panel product-thread-form"
      aria-labelledby={`${id}-heading`}
      onSubmit={submitted(open)}
      noValidate
      aria-busy={action.busy}
    >
      <h4 id={`${id}-heading`}>Open a product thread</h4>
      {/* A second thread about the same product (409) has no field to blame: its detail says which thread to use. */}
      <FormAlert error={action.error} fields={['product', 'title']} />
      <TextField
        label="Product (purl or CPE name)"
        value={product}
        onChange={setProduct}
        list={`${id}-suggestions`}
        autoComplete="off"
        spellCheck={false}
        hint="For example pkg:rpm/redhat/sendmail. Everyone in the case reads the thread; the vendors whose products match are e-mailed about its messages."
        error={action.fieldError('product')}
      />
      <datalist id={`${id}-suggestions`}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextField
        label="Title"
        optional
        value={title}
        onChange={setTitle}
        maxLength={200}
        hint="The product, if left empty."
        error={action.fieldError('title')}
      />
      <SubmitButton busy={action.busy} busyText="Opening…">
        Open the thread
      </SubmitButton>
    </form>
  )
}

/** Who reads a product thread, and who is told of its messages: not the same people. */
export function ProductThreadAudience({ product }: { product: NonNullable<CaseThread['product']> }) {
  return (
    <p className="thread-audience">
      <strong>Who reads it:</strong> everyone who takes part in the case. <strong>Who is e-mailed:</strong> the
      coordinators, the vendors of <code>{product.pattern}</code>
      {product.yours && ' (yours among them)'} and whoever wrote here.
    </p>
  )
}
