// Vendors as the archive names them, matched to the directory: "Sendmail, Inc.", "Sendmail Inc"
// and "SENDMAIL INC." are one vendor. The same vendor can appear twice on one note; its records
// merge into one participant (the earliest notification and answer, the most definite status).
import type { CertVendorRecord, VendorStatus } from './records.js'

const SUFFIXES =
  /\b(inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|gmbh|ag|sa|s\.a|bv|b\.v|oy|ab|as|kk|pty|srl|spa|the)\b\.?/g

/** The key a vendor is matched by: lower case, no accents, punctuation or company-form words. */
export function vendorKey(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
  const stripped = base
    .replace(/[^a-z0-9.]+/g, ' ')
    .replace(SUFFIXES, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
  // "The Company" alone would become nothing: keep the words then.
  return (stripped || base.replace(/[^a-z0-9]+/g, ' ').trim()).replace(/ /g, '-').slice(0, 63)
}

export interface MergedVendor {
  key: string
  /** The name as first written. */
  name: string
  status: VendorStatus
  notifiedAt: Date | null
  respondedAt: Date | null
  statement: string
  references: string[]
  recordIds: string[]
}

const rank: Record<VendorStatus, number> = { unknown: 0, not_affected: 1, affected: 2 }

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b
  if (!b) return a
  return a.getTime() <= b.getTime() ? a : b
}

/** One entry per vendor, in the order they first appear; `merged` counts records folded into another. */
export function mergeVendors(records: readonly CertVendorRecord[]): { vendors: MergedVendor[]; merged: number } {
  const byKey = new Map<string, MergedVendor>()
  let merged = 0
  for (const r of records) {
    const key = vendorKey(r.vendor)
    if (!key) continue
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, {
        key,
        name: r.vendor,
        status: r.status,
        notifiedAt: r.dateNotified,
        respondedAt: r.dateResponded,
        statement: r.statement,
        references: [...r.references],
        recordIds: r.recordId ? [r.recordId] : [],
      })
      continue
    }
    merged++
    // Affected outranks not affected: a vendor that said both is affected somewhere.
    if (rank[r.status] > rank[seen.status]) seen.status = r.status
    seen.notifiedAt = earliest(seen.notifiedAt, r.dateNotified)
    seen.respondedAt = earliest(seen.respondedAt, r.dateResponded)
    if (r.statement && !seen.statement.includes(r.statement))
      seen.statement = [seen.statement, r.statement].filter(Boolean).join('\n\n')
    for (const ref of r.references) if (!seen.references.includes(ref)) seen.references.push(ref)
    if (r.recordId) seen.recordIds.push(r.recordId)
  }
  return { vendors: [...byKey.values()], merged }
}
