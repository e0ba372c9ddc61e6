// Advisories that name each other across the instances sharing a case. Each instance tells the
// others which advisory it publishes for the case (its id, its page, and the OSV id of each of its
// vulnerabilities with the CVE ID if any) in an AS2 `Announce` of the advisory (a Lockstep
// addition: Vultron has no message for it), sent when the offer is accepted. Its CSAF document
// then lists the peer's advisory in `document.references` and its OSV records list the peer's.
import { AS_CONTEXT } from './activities.js'
import { bad, objectIn, senderCase, senderUrl, str } from './activityFields.js'

/** A peer's advisory for a case shared with it, as it announced it. */
export interface PeerAdvisory {
  /** Its public id on the peer ("LSA-2026-0007"). */
  id: string
  /** Its page on the peer. */
  url: string
  /** Who publishes it (the peer's name). */
  publisher: string
  /** Its OSV records, in the order of its vulnerabilities, with each one's CVE ID if any. */
  osv: { id: string; cve: string | null }[]
}

/** Our advisory as it crosses: an AS2 Document (in an Announce, or in the Accept's result). */
export function advisoryDocument(advisory: Omit<PeerAdvisory, 'publisher'>) {
  return {
    type: 'Document',
    'lockstep:kind': 'Advisory',
    id: advisory.url,
    name: advisory.id,
    'lockstep:osv': advisory.osv,
  }
}

/** The Announce of our advisory for the case, to a peer sharing it. */
export function announceAdvisory(o: {
  id: string
  from: string
  to: string
  caseUrl: string
  targetCaseUrl: string
  at: Date
  advisory: Omit<PeerAdvisory, 'publisher'>
}) {
  return {
    '@context': AS_CONTEXT,
    id: o.id,
    type: 'Announce',
    actor: o.from,
    to: [o.to],
    object: advisoryDocument(o.advisory),
    context: o.caseUrl,
    target: o.targetCaseUrl,
    published: o.at.toISOString(),
  }
}

export interface AdvisoryAnnouncement {
  kind: 'advisory'
  senderCaseUrl: string
  advisory: Omit<PeerAdvisory, 'publisher'>
}

/** Reads an advisory Document from a peer: its page must be on the sender. */
export function readAdvisoryDocument(object: unknown, senderBaseUrl: string): Omit<PeerAdvisory, 'publisher'> {
  const o = objectIn(object)
  if (o.type !== 'Document' || o['lockstep:kind'] !== 'Advisory') bad('the advisory is not an Advisory document')
  const url = senderUrl(o.id, senderBaseUrl, "the advisory's page")
  if (!str(o.name, 100) || !o.name.trim()) bad("the advisory's id is missing")
  const osv = Array.isArray(o['lockstep:osv']) ? (o['lockstep:osv'] as Record<string, unknown>[]) : []
  if (osv.length > 100) bad('the advisory lists too many OSV records')
  return {
    id: o.name.trim(),
    url,
    osv: osv.flatMap((r) =>
      str(r?.id, 200) && r.id.trim() ? [{ id: r.id.trim(), cve: str(r.cve, 50) && r.cve ? r.cve : null }] : [],
    ),
  }
}

/** Reads an Announce of an advisory whose envelope was checked. */
export function readAdvisoryAnnouncement(a: Record<string, unknown>, senderBaseUrl: string): AdvisoryAnnouncement {
  const senderCaseUrl = senderCase(a, senderBaseUrl, "the advisory's case")
  return { kind: 'advisory', senderCaseUrl, advisory: readAdvisoryDocument(a.object, senderBaseUrl) }
}
