// A case's ledger for staff: whether its hash chain checks out, then its entries newest first, a page at a time,
// with who did what, in words, and when (mail sent, replies that came by mail and mail that could
// not be delivered included; vendors notified, reminded, and their statements).
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import { FormAlert } from '../../components/forms'
import type { Ledger, LedgerEntry, Participant } from '../../api/types'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { statusWords } from '../vendors/vendorLabels'
import { caseEventWords, vendorEventLabel } from './caseLabels'

const kindLabel: Record<string, string> = {
  'case.opened': 'Case opened',
  'rm.transition': 'Report state changed',
  'vulnerability.added': 'Vulnerability added',
  'participant.added': 'Participant added',
  'participant.readded': 'Participant added again',
  'participant.roles_changed': 'Participant roles changed',
  'participant.removed': 'Participant taken out',
  'vulnerability.updated': 'Vulnerability edited',
  'vulnerability.removed': 'Vulnerability removed',
  'cs.event': 'Case status recorded',
  'information.released': 'Message posted',
  'vendor.notified': 'Vendor notified',
  'vendor.reminded': 'Silent vendor reminded',
  'vendor.escalated': 'Silent vendor escalated',
  'statement.posted': 'Vendor statement given',
  'statement.approved': 'Vendor statement approved',
  'owners.pre_noticed': 'Critical owners pre-noticed',
  'owners.pre_notice_moved': 'Pre-noticed owners told of the new date',
  'owners.alerted': 'Owners alerted',
}

/** "2003-03-03T17:00:00.000Z" → "2003-03-03 17:00 UTC" */
const utc = (iso: unknown) => (typeof iso === 'string' ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '')
const counted = (n: unknown, one: string, many: string) => (typeof n === 'number' ? `${n} ${n === 1 ? one : many}` : '')

const csEventLabel: Record<string, string> = {
  ...vendorEventLabel,
  ...Object.fromEntries(Object.entries(caseEventWords).map(([event, words]) => [event, words.label])),
}

/** "participant.added" → "Participant added" for kinds without a label of their own. */
const kindWords = (kind: string) => kindLabel[kind] ?? kind.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase())

/**
 * What the entry says in its headline. Mail shares the kind of a post: information released to
 * someone. With a recipient it is a notification Lockstep mailed; without one, a reply that came in
 * by mail and was posted to a thread.
 */
function words(entry: LedgerEntry): string {
  const p = (entry.payload ?? {}) as Record<string, unknown>
  if (entry.kind === 'information.released' && p.via === 'mail') {
    return p.to
      ? `Mailed ${String(p.to)} (${[p.template, p.mode].filter(Boolean).map(String).join(', ')})`
      : 'Reply by e-mail'
  }
  if (entry.kind === 'mail.failed') return `Mail not delivered to ${String(p.to ?? 'a recipient')}`
  return kindWords(entry.kind)
}

function detail(entry: LedgerEntry, names: Map<string, string>): string {
  const p = (entry.payload ?? {}) as Record<string, unknown>
  // Entries about one participant name it by id; the page knows the names of the first ones.
  const who = typeof p.participant === 'string' ? (names.get(p.participant) ?? 'A participant') : undefined
  switch (entry.kind) {
    case 'case.opened':
      return [p.caseNumber, p.title && `“${String(p.title)}”`, p.tlp && `TLP:${String(p.tlp)}`]
        .filter(Boolean)
        .join(' · ')
    case 'rm.transition':
      return `${who ? `${who}:` : String(p.report ?? '')} ${String(p.from ?? '')} → ${String(p.to ?? '')}`.trim()
    case 'cs.event':
      return [
        who && `${who}:`,
        csEventLabel[String(p.event)] ?? String(p.event),
        p.impliedBy ? `(follows from ${csEventLabel[String(p.impliedBy)] ?? String(p.impliedBy)})` : '',
        p.reference ? `· ${String(p.reference)}` : '',
      ]
        .filter(Boolean)
        .join(' ')
    case 'information.released':
      if (p.via === 'mail' && p.to) return p.tlp ? `Labelled TLP:${String(p.tlp)}` : ''
      return [p.thread, p.tlp && `TLP:${String(p.tlp)}`, p.filename && `file ${String(p.filename)}`]
        .filter(Boolean)
        .join(' · ')
    case 'mail.failed':
      return [
        p.template,
        p.permanent ? 'The address refuses mail: not tried again' : 'Gave up after several attempts',
        p.error,
      ]
        .filter(Boolean)
        .map(String)
        .join(' · ')
    case 'vulnerability.added':
    case 'vulnerability.removed':
      return String(p.title ?? '')
    case 'vulnerability.updated':
      return [
        p.title,
        p.changed && typeof p.changed === 'object' && Object.keys(p.changed).join(', ').replace(/_/g, ' '),
      ]
        .filter(Boolean)
        .join(' · ')
    case 'participant.added':
    case 'participant.readded':
      return [p.participant, Array.isArray(p.roles) && p.roles.join(', ')].filter(Boolean).join(' · ')
    case 'participant.roles_changed':
      return `${String(p.participant ?? '')}: ${Array.isArray(p.from) ? p.from.join(', ') : ''} → ${Array.isArray(p.to) ? p.to.join(', ') : ''}`
    case 'participant.removed':
      return [p.participant, p.reason].filter(Boolean).join(' · ')
    case 'vendor.notified':
      return [
        p.participant,
        typeof p.recipients === 'number' && `${p.recipients} ${p.recipients === 1 ? 'recipient' : 'recipients'}`,
        p.again && 'again',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'vendor.reminded':
    case 'vendor.escalated':
      return [p.participant, typeof p.silentDays === 'number' && `silent for ${p.silentDays} days`]
        .filter(Boolean)
        .join(' · ')
    case 'statement.posted':
      return [
        p.participant && `${String(p.participant)}:`,
        p.vulnerability && `“${String(p.vulnerability)}”`,
        p.status && `· ${statusWords(String(p.status))}`,
      ]
        .filter(Boolean)
        .join(' ')
    case 'statement.approved': {
      const vendor = typeof p.participantId === 'string' ? names.get(p.participantId) : undefined
      return [vendor, p.status && statusWords(String(p.status))].filter(Boolean).join(' · ')
    }
    case 'owners.pre_noticed':
      return [
        counted(p.owners, 'owner', 'owners'),
        counted(p.components, 'component', 'components'),
        Array.isArray(p.organizations) && p.organizations.length > 0 && p.organizations.join(', '),
        p.releaseAt && `release ${utc(p.releaseAt)}`,
        p.tlp && `TLP:${String(p.tlp)}`,
        p.late && 'caught up: flagged or inventory uploaded after the pre-notice',
      ]
        .filter(Boolean)
        .join(' · ')
    case 'owners.pre_notice_moved':
      return [counted(p.owners, 'owner', 'owners'), p.was && `${utc(p.was)} → ${utc(p.releaseAt)}`]
        .filter(Boolean)
        .join(' · ')
    case 'owners.alerted':
      return [p.advisory, counted(p.owners, 'owner', 'owners'), counted(p.components, 'component', 'components')]
        .filter(Boolean)
        .map(String)
        .join(' · ')
    default:
      return ''
  }
}

/** "entry 3: hash mismatch" → 3, for the notice. */
const brokenAt = (problem: string | null) => /entry (\d+)/.exec(problem ?? '')?.[1]

const PAGE_SIZE = 100

/**
 * `revision` moves on with every change made on the page, which reloads the newest page. A ledger
 * may have tens of thousands of entries: it comes a page at a time, each page checked by the server
 * against the head the instance signed, and older pages on request.
 */
export function LedgerTimeline({
  caseId,
  participants,
  revision,
}: {
  caseId: string
  participants: Participant[]
  revision: number
}) {
  const path = `/cases/${encodeURIComponent(caseId)}/ledger`
  const ledger = useLoad(() => api.get<Ledger>(`${path}${query({ limit: PAGE_SIZE })}`), `${caseId} ${revision}`)
  // Older pages, newest first, for the newest page loaded with the same revision.
  const [older, setOlder] = useState<{ revision: number; pages: Ledger[] }>({ revision, pages: [] })
  const olderPages = older.revision === revision ? older.pages : []
  const more = useAction()
  const names = new Map(participants.map((p) => [p.id, p.name]))

  async function showOlder(before: number) {
    const page = await more.run(() => api.get<Ledger>(`${path}${query({ limit: PAGE_SIZE, before })}`))
    if (page) setOlder({ revision, pages: [...olderPages, page] })
  }

  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">Ledger</h2>
      <LoadedList loaded={ledger} what="the ledger">
        {(data) => {
          const pages = [data, ...olderPages]
          const broken = pages.find((p) => !p.intact)
          const shown = pages.flatMap((p) => [...p.entries].reverse())
          const nextBefore = pages.at(-1)?.nextBefore ?? null
          return (
            <>
              {!broken ? (
                <div className="alert alert-success">
                  <p>
                    <strong>Ledger intact.</strong>{' '}
                    {shown.length === data.total
                      ? `All ${data.total} entries check out against their hash chain and the instance's signed head.`
                      : `The ${shown.length} entries shown (of ${data.total}) check out against their hash chain and the instance's signed head.`}
                  </p>
                </div>
              ) : (
                <div className="alert alert-error" role="alert">
                  <p>
                    <strong>Ledger broken at entry {brokenAt(broken.problem) ?? '?'}.</strong> {broken.problem} Entries
                    from there on cannot be trusted; tell the instance administrator.
                  </p>
                </div>
              )}
              <ol className="timeline" reversed start={data.total} aria-label="Ledger entries, newest first">
                {shown.map((e) => (
                  <li key={e.sequence}>
                    <strong>{words(e)}</strong> · <Time iso={e.instant} /> · {e.actor}
                    {detail(e, names) && <p>{detail(e, names)}</p>}
                    <p className="muted">
                      Entry {e.sequence} · <code title={e.hash}>{e.hash.slice(0, 12)}</code>
                    </p>
                  </li>
                ))}
              </ol>
              <FormAlert error={more.error} />
              {nextBefore !== null && (
                <button
                  type="button"
                  className="button secondary"
                  disabled={more.busy}
                  onClick={() => void showOlder(nextBefore)}
                >
                  Show older entries
                </button>
              )}
            </>
          )
        }}
      </LoadedList>
    </section>
  )
}
