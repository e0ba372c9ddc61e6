// How an advisory that was withdrawn or superseded says so, the same way in every form: the day
// of its final revision (the snapshot's current release), why, and what replaces it. The page,
// the public JSON, the Atom entry, CSAF 2.0 (which has no profile for it: a note) and OSV (its
// `withdrawn` timestamp) all take their words from here; CSAF 2.1 has profiles of its own
// (csaf21.ts).
import type { AdvisorySnapshot } from './snapshot.js'

export interface AdvisoryEnded {
  kind: 'withdrawn' | 'superseded'
  /** The final revision's instant (ISO). */
  at: string
  reason: string
  /** The advisory that replaces it, for a superseded one. */
  by: { id: string; url: string } | null
}

export function endedOf(s: AdvisorySnapshot): AdvisoryEnded | null {
  if (s.supersededBy)
    return {
      kind: 'superseded',
      at: s.currentReleaseDate,
      reason: s.supersededBy.reason,
      by: { id: s.supersededBy.id, url: s.supersededBy.url },
    }
  if (s.withdrawn) return { kind: 'withdrawn', at: s.currentReleaseDate, reason: s.withdrawn.reason, by: null }
  return null
}

/** "Withdrawn on 2026-12-07: reason" or "Superseded by LSA-2026-0002 on 2026-12-07: reason". */
export function endedSentence(ended: AdvisoryEnded): string {
  const day = ended.at.slice(0, 10)
  const head = ended.kind === 'withdrawn' ? `Withdrawn on ${day}` : `Superseded by ${ended.by!.id} on ${day}`
  return ended.reason.trim() ? `${head}: ${ended.reason.trim()}` : head
}

/** The revision history's words for the final revision. */
export function endedRevisionSummary(kind: AdvisoryEnded['kind'], reason: string, byId: string | null): string {
  return kind === 'withdrawn' ? `Withdrawn: ${reason}` : `Superseded by ${byId ?? 'another advisory'}: ${reason}`
}
