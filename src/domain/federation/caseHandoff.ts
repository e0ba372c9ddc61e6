// A case handed over to a peer whole (issue 17 item 5), in Vultron's vocabulary:
// RmOfferCaseOwnershipTransfer is an AS2 `Offer` whose object is the `VulnerabilityCase` and whose
// target is the peer's actor; the peer answers RmAcceptCaseOwnershipTransfer (`Accept`, object: the
// Offer) or RmRejectCaseOwnershipTransfer (`Reject`). The case crosses as an invitation's does
// (caseOffer.ts decides what of it may), plus what the new owner needs to carry on: the case's
// history as a summary (each ledger entry's kind, time, actor's display name and a sentence) and
// its vendors by name and contact address (never people's accounts).
import { AS_CONTEXT } from './activities.js'

export interface HistoryItem {
  kind: string
  at: string
  actor: string
  sentence: string
}

/** A vendor of the case as it crosses: enough for the new owner to find or add it and notify it. */
export interface HandedVendor {
  name: string
  email: string | null
}

/** What a hand-over adds to the VulnerabilityCase (Lockstep's fields, prefixed). */
export interface HandoffParts {
  'lockstep:history': HistoryItem[]
  'lockstep:participants': HandedVendor[]
}

/** A ledger kind in words for the summary ("embargo.revision_proposed" → "embargo revision proposed"). */
const kindWords = (kind: string) => kind.replace(/[._]/g, ' ')

const SENTENCES: Record<string, (p: Record<string, unknown>) => string> = {
  'case.opened': () => 'opened the case',
  'vulnerability.added': (p) => `added the vulnerability “${String(p.title ?? '')}”`,
  'participant.added': (p) => `added ${String(p.participant ?? 'a participant')} to the case`,
  'vendor.notified': () => 'notified a vendor',
  'embargo.proposed': (p) => `proposed an embargo${p.endsAt ? ` until ${String(p.endsAt)}` : ''}`,
  'embargo.active': (p) => `put the embargo in force${p.endsAt ? ` until ${String(p.endsAt)}` : ''}`,
  'advisory.released': () => 'released the advisory',
  'statement.posted': () => 'posted a vendor statement',
  'case.offered_to_peer': (p) => `offered the case to ${String(p.peer ?? 'a peer instance')}`,
}

/** One ledger entry as the new owner reads it: who did what, in a sentence. */
export function historySentence(kind: string, actor: string, payload: unknown): string {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>
  const said = SENTENCES[kind]?.(p) ?? `recorded: ${kindWords(kind)}`
  return `${actor} ${said}`.slice(0, 1000)
}

export function offerOwnership(o: { id: string; from: string; to: string; object: object; by: string; at: Date }) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Offer',
    actor: o.from,
    to: [o.to],
    object: o.object,
    target: o.to,
    attributedTo: o.by,
    published: o.at.toISOString(),
  }
}

const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max

/** The history and vendors of an offered case, read leniently: an item that is not one is left out. */
export function readHandoffParts(object: unknown): HandoffParts {
  const o = (typeof object === 'object' && object !== null ? object : {}) as Record<string, unknown>
  const history = Array.isArray(o['lockstep:history']) ? o['lockstep:history'].slice(0, 5000) : []
  const vendors = Array.isArray(o['lockstep:participants']) ? o['lockstep:participants'].slice(0, 2000) : []
  return {
    'lockstep:history': history.flatMap((h: Record<string, unknown>) =>
      str(h?.kind, 100) && str(h.at, 40) && !Number.isNaN(Date.parse(h.at)) && str(h.sentence, 1000)
        ? [{ kind: h.kind, at: h.at, actor: str(h.actor, 300) ? h.actor : '', sentence: h.sentence }]
        : [],
    ),
    'lockstep:participants': vendors.flatMap((v: Record<string, unknown>) =>
      str(v?.name, 200) && v.name.trim()
        ? [{ name: v.name.trim(), email: str(v.email, 320) && v.email.includes('@') ? v.email : null }]
        : [],
    ),
  }
}
