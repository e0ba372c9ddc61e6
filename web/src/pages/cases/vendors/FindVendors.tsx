// Finding a case's vendors and notifying them in one action (staff). Lockstep proposes the vendors
// whose products match the case's affected products, each with what matched and how it can be
// reached; one without a contact address is marked and left unchosen. Any other vendor found by the
// vendors' one search box (CaseVendors) joins the choice, and one missing from the directory is
// added here (NewVendorForm). Notifying asks first; it is all or nothing, so when the server
// refuses one vendor the page says which and why, and that nobody was notified.
import { useEffect, useRef, useState } from 'react'
import { api } from '../../../api/client'
import { useAction, useLoad } from '../../../api/hooks'
import type { NotifiedVendors, VendorProposal } from '../../../api/types'
import { FormAlert, localProblem } from '../../../components/forms'
import { EmptyState, LoadedList } from '../../../components/Status'
import { NewVendorForm } from './NewVendorForm'

type Candidate = VendorProposal & { byHand: boolean }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const namesInWords = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`

/** A vendor chosen by hand: found in the directory, or just added to it from this case. */
export interface AddedVendor {
  id: string
  name: string
  contacts: number
  keys: number
}

interface FindVendorsProps {
  caseId: string
  open: boolean
  onOpen(): void
  onClose(): void
  added: AddedVendor[]
  onAdded(vendor: AddedVendor): Promise<void>
  onNotified(words: string): Promise<void>
}

export function FindVendors({ open, onOpen, ...panel }: FindVendorsProps) {
  const opener = useRef<HTMLButtonElement>(null)
  // Closing the panel gives the focus back to the button that opened it.
  const wasOpen = useRef(false)
  useEffect(() => {
    if (!open && wasOpen.current) opener.current?.focus()
    wasOpen.current = open
  }, [open])
  if (!open) {
    return (
      <button ref={opener} type="button" className="button primary" onClick={onOpen}>
        Find vendors
      </button>
    )
  }
  return <FindVendorsPanel {...panel} />
}

function FindVendorsPanel({ caseId, onClose, added, onAdded, onNotified }: Omit<FindVendorsProps, 'open' | 'onOpen'>) {
  const proposals = useLoad(
    () => api.get<VendorProposal[]>(`/cases/${encodeURIComponent(caseId)}/vendor-proposals`),
    caseId,
  )
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <div className="panel find-vendors" role="region" aria-labelledby="find-vendors-heading">
      <h3 id="find-vendors-heading" ref={heading} tabIndex={-1}>
        Find vendors
      </h3>
      <LoadedList loaded={proposals} what="the proposed vendors">
        {(list) => (
          <VendorChoice
            caseId={caseId}
            proposals={list}
            added={added}
            onAdded={onAdded}
            onClose={onClose}
            onNotified={onNotified}
          />
        )}
      </LoadedList>
    </div>
  )
}

interface VendorChoiceProps {
  caseId: string
  proposals: VendorProposal[]
  added: AddedVendor[]
  onAdded(vendor: AddedVendor): Promise<void>
  onClose(): void
  onNotified(words: string): Promise<void>
}

function VendorChoice({ caseId, proposals, added, onAdded, onClose, onNotified }: VendorChoiceProps) {
  // By name (the server proposes them in no particular order); those added by hand follow.
  const proposed = proposals.map((p) => ({ ...p, byHand: false })).sort((a, b) => a.name.localeCompare(b.name))
  const candidates: Candidate[] = [
    ...proposed,
    ...added
      .filter((v) => !proposed.some((p) => p.organizationId === v.id))
      .map((v) => ({
        organizationId: v.id,
        name: v.name,
        matched: [],
        contacts: v.contacts,
        hasKey: v.keys > 0,
        byHand: true,
      })),
  ]
  const [chosen, setChosen] = useState<Set<string>>(
    () => new Set([...proposals.filter((p) => p.contacts > 0).map((p) => p.organizationId), ...added.map((v) => v.id)]),
  )
  // A vendor added by hand while the panel is open is chosen at once.
  const seen = useRef(new Set(added.map((v) => v.id)))
  useEffect(() => {
    const fresh = added.filter((v) => !seen.current.has(v.id))
    if (fresh.length === 0) return
    for (const v of fresh) seen.current.add(v.id)
    setChosen((all) => new Set([...all, ...fresh.map((v) => v.id)]))
  }, [added])
  const [asking, setAsking] = useState(false)
  // The ids in the order they were sent: the server names a refused one by its position.
  const [sent, setSent] = useState<string[]>([])
  const action = useAction()
  const question = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (asking) question.current?.focus()
  }, [asking])

  const picked = candidates.filter((c) => chosen.has(c.organizationId))
  const refusals = action.error?.status === 422 ? (action.error.problem.errors ?? []) : []
  const refusalOf = (id: string) => refusals.find((e) => e.field === `organizationIds.${sent.indexOf(id)}`)?.message

  function toggle(id: string, on: boolean) {
    setChosen((all) => {
      const next = new Set(all)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  }

  function ask() {
    if (picked.length === 0)
      return action.fail(
        localProblem('organizationIds', 'choose at least one vendor to notify', 'No vendor is chosen.'),
      )
    action.clear()
    setAsking(true)
  }

  async function notify() {
    const ids = picked.map((c) => c.organizationId)
    setSent(ids)
    const result = await action.run(() =>
      api.post<NotifiedVendors>(`/cases/${encodeURIComponent(caseId)}/vendors/notify`, { organizationIds: ids }),
    )
    setAsking(false)
    if (!result) return
    const who = result.notified.map(
      (n) => `${n.name} (${plural(n.recipients, 'recipient')}${n.again ? ', again' : ''})`,
    )
    await onNotified(`Notified ${plural(result.notified.length, 'vendor')}: ${namesInWords(who)}.`)
  }

  return (
    <>
      {candidates.length === 0 ? (
        <EmptyState title="No vendor in the directory lists a product this case affects.">
          <p>
            Give the affected products package URLs (such as pkg:generic/sendmail) or CPE names, or add a vendor by hand
            with the search above, or add one the directory lacks below.
          </p>
        </EmptyState>
      ) : (
        <fieldset className="vendor-choice">
          <legend>Vendors to notify</legend>
          <div className="button-row">
            <button
              type="button"
              className="button subtle"
              onClick={() => setChosen(new Set(candidates.filter((c) => c.contacts > 0).map((c) => c.organizationId)))}
            >
              Choose all with a contact
            </button>
            <button type="button" className="button subtle" onClick={() => setChosen(new Set())}>
              Choose none
            </button>
          </div>
          <ul className="plain-list">
            {candidates.map((c) => (
              <CandidateItem
                key={c.organizationId}
                candidate={c}
                checked={chosen.has(c.organizationId)}
                refusal={refusalOf(c.organizationId)}
                onToggle={(on) => toggle(c.organizationId, on)}
              />
            ))}
          </ul>
        </fieldset>
      )}
      <NewVendorForm caseId={caseId} onAdded={onAdded} />
      {refusals.length > 0 ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Nobody was notified.</strong> Lockstep notifies the chosen vendors together or not at all, and
            nothing was recorded. Fix this, or leave the vendor out, and notify again:
          </p>
          <ul>
            {refusals.map((e) => (
              <li key={e.field}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : (
        <FormAlert error={action.error} fields={[]} />
      )}
      {asking ? (
        <div className="confirm-panel" role="group" aria-label="Confirm the notification">
          <p className="confirm-question" ref={question} tabIndex={-1}>
            Notify {plural(picked.length, 'vendor')}: {namesInWords(picked.map((c) => c.name))}? Lockstep mails their
            contacts now (encrypted to their OpenPGP keys where they have one) and records it in the ledger. It cannot
            be taken back.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button primary"
              aria-disabled={action.busy || undefined}
              onClick={() => void notify()}
            >
              {action.busy ? 'Notifying…' : 'Yes, notify'}
            </button>
            <button type="button" className="button subtle" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <button type="button" className="button primary" onClick={ask} disabled={picked.length === 0}>
            Notify selected vendors ({picked.length})
          </button>
          <button type="button" className="button subtle" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </>
  )
}

function CandidateItem({
  candidate: c,
  checked,
  refusal,
  onToggle,
}: {
  candidate: Candidate
  checked: boolean
  refusal: string | undefined
  onToggle(on: boolean): void
}) {
  const id = `choose-${c.organizationId}`
  return (
    <li className={`vendor-candidate${refusal ? ' field-invalid' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onToggle(e.target.checked)}
        aria-describedby={`${id}-facts${refusal ? ` ${id}-error` : ''}`}
        aria-invalid={refusal ? true : undefined}
      />{' '}
      <label htmlFor={id}>{c.name}</label>
      <div id={`${id}-facts`} className="candidate-facts">
        <p>
          {c.byHand
            ? 'Added by hand.'
            : `Makes ${c.matched.map((m) => `${m.affected} (listed as ${m.pattern})`).join('; ')}.`}
        </p>
        <p>
          {c.contacts === 0 ? (
            <span className="badge badge-off">No contact address</span>
          ) : (
            <span>{plural(c.contacts, 'mail contact')}</span>
          )}
          {' · '}
          {c.hasKey ? 'has an OpenPGP key' : 'no OpenPGP key: mail says only to sign in'}
        </p>
      </div>
      {refusal && (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {refusal}
        </p>
      )}
    </li>
  )
}
