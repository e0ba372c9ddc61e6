// A case handed over to a peer whole (issue 17 item 5), in Vultron's vocabulary:
// RmOfferCaseOwnershipTransfer is an AS2 `Offer` whose object is the `VulnerabilityCase` and whose
// target is the peer's actor; the peer answers RmAcceptCaseOwnershipTransfer (`Accept`, object: the
// Offer) or RmRejectCaseOwnershipTransfer (`Reject`). The case crosses as an invitation's does
// (caseOffer.ts decides what of it may), plus what the new owner needs to carry on: the case's
// history as a summary (each ledger entry's kind, time, actor's display name and a sentence) and
// its vendors by name and contact address (never people's accounts), and the advisory draft so
// the new owner's starts from it rather than from nothing.
import type { AdvisoryDraft } from '../advisory/draft.js'
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

/** The first owner's advisory draft as it crosses: its id and version there, and what it says. */
export interface HandedDraft {
  publicId: string
  version: number
  draft: AdvisoryDraft
}

/** What a hand-over adds to the VulnerabilityCase (Lockstep's fields, prefixed). */
export interface HandoffParts {
  'lockstep:history': HistoryItem[]
  'lockstep:participants': HandedVendor[]
  /** Null when the case had no advisory yet: the new owner's first draft is then made from the case. */
  'lockstep:advisoryDraft': HandedDraft | null
}

/** Text with the names that may not cross (a finder who did not consent) said as "the finder". */
export const withoutNames = (unnamed: string[]) => (text: string) =>
  unnamed.reduce((t, name) => (name ? t.split(name).join('the finder') : t), text)

/**
 * The draft as it may cross: names that may not (a finder who did not consent) become "the finder"
 * in its text, and its credits go only when a finder is named with consent (a credit is a person's
 * name; without that consent the new owner writes the credits).
 */
export function draftThatCrosses(d: HandedDraft, o: { unnamed: string[]; creditsMayCross: boolean }): HandedDraft {
  const hide = withoutNames(o.unnamed)
  const x = d.draft
  return {
    publicId: d.publicId,
    version: d.version,
    draft: {
      title: hide(x.title),
      overview: hide(x.overview),
      description: hide(x.description),
      impact: hide(x.impact),
      solution: hide(x.solution),
      references: x.references.map((r) => ({ url: r.url, summary: hide(r.summary) })),
      credits: o.creditsMayCross ? x.credits : [],
    },
  }
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
const text = (v: unknown, max: number) => (str(v, max) ? v : '')
const isHttpUrl = (v: unknown): v is string => str(v, 2000) && /^https?:\/\/\S+$/i.test(v)

/**
 * The advisory draft that crossed, read leniently: a field that is not text is empty, a reference
 * that is not an http(s) URL or a credit without a name is left out; a draft without a title is none.
 */
function readHandedDraft(v: unknown): HandedDraft | null {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>
  const d = (typeof o.draft === 'object' && o.draft !== null ? o.draft : {}) as Record<string, unknown>
  if (!str(d.title, 300) || !d.title.trim()) return null
  // The limits of the draft's own API (PUT /cases/:id/advisory), so the new owner can save it again.
  const refs = Array.isArray(d.references) ? d.references.slice(0, 100) : []
  const credits = Array.isArray(d.credits) ? d.credits.slice(0, 50) : []
  return {
    publicId: text(o.publicId, 100),
    version: Number.isSafeInteger(o.version) && (o.version as number) > 0 ? (o.version as number) : 1,
    draft: {
      title: d.title.trim(),
      overview: text(d.overview, 20000),
      description: text(d.description, 100000),
      impact: text(d.impact, 20000),
      solution: text(d.solution, 20000),
      references: refs.flatMap((r: Record<string, unknown>) =>
        isHttpUrl(r?.url) ? [{ url: r.url, summary: text(r.summary, 500) }] : [],
      ),
      credits: credits.flatMap((c: Record<string, unknown>) =>
        str(c?.name, 300) && c.name.trim()
          ? [{ name: c.name.trim(), contribution: str(c.contribution, 500) ? c.contribution : null }]
          : [],
      ),
    },
  }
}

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
    'lockstep:advisoryDraft': readHandedDraft(o['lockstep:advisoryDraft']),
  }
}
