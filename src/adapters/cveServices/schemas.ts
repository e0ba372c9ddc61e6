// The shapes CVE Services answers with (its schemas/cve-id, schemas/cve, schemas/org and
// schemas/errors), checked with zod before anything is used, and the camelCase types Lockstep
// works with. Objects are loose: the API adds fields over time, and a record must come back whole.
import { z } from 'zod'

/** The pattern of the CVE Record Format's cveId. */
export const CVE_ID_PATTERN = /^CVE-[0-9]{4}-[0-9]{4,19}$/

export const cveIdStateSchema = z.enum(['RESERVED', 'PUBLISHED', 'REJECTED'])
export type CveIdState = z.infer<typeof cveIdStateSchema>

/** One CVE ID as /cve-id answers it; requested_by and reserved are left out for other orgs' IDs. */
export const apiCveIdSchema = z.looseObject({
  cve_id: z.string().regex(CVE_ID_PATTERN),
  cve_year: z.string().regex(/^[0-9]{4}$/),
  state: cveIdStateSchema,
  owning_cna: z.string(),
  requested_by: z.looseObject({ cna: z.string(), user: z.string() }).optional(),
  reserved: z.string().optional(),
  time: z.looseObject({ created: z.string().optional(), modified: z.string().optional() }).optional(),
})

/** POST /cve-id: 200 with every ID, 206 (RESERVED_PARTIAL_AMOUNT) with those it managed. */
export const reserveResponseSchema = z.looseObject({
  cve_ids: z.array(apiCveIdSchema),
  meta: z.looseObject({ remaining_quota: z.number().int() }).optional(),
})

export const quotaResponseSchema = z.looseObject({
  id_quota: z.number().int(),
  total_reserved: z.number().int(),
  available: z.number().int(),
})

/** A CVE record (CVE Record Format 5.x) as far as Lockstep reads it; the rest is kept as sent. */
export const cveRecordSchema = z.looseObject({
  dataType: z.literal('CVE_RECORD'),
  dataVersion: z.string(),
  cveMetadata: z.looseObject({
    cveId: z.string().regex(CVE_ID_PATTERN),
    state: z.enum(['PUBLISHED', 'REJECTED']),
    assignerOrgId: z.string().optional(),
    assignerShortName: z.string().optional(),
    datePublished: z.string().optional(),
    dateUpdated: z.string().optional(),
  }),
  containers: z.looseObject({ cna: z.record(z.string(), z.unknown()) }),
})
export type CveRecord = z.infer<typeof cveRecordSchema>

export const createdResponseSchema = z.looseObject({ message: z.string().optional(), created: cveRecordSchema })
export const updatedResponseSchema = z.looseObject({ message: z.string().optional(), updated: cveRecordSchema })

/** The API's error body (schemas/errors/generic.json and bad-request.json). */
export const apiErrorSchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  details: z.unknown().optional(),
})

export interface CveIdInfo {
  cveId: string
  year: number
  state: CveIdState
  /** Short name of the org that owns the ID. */
  owningCna: string
  /** Who reserved it; null for IDs of other orgs, which the API shows only in part. */
  requestedBy: { cna: string; user: string } | null
  /** ISO timestamp of the reservation, when shown. */
  reservedAt: string | null
}

export function toCveIdInfo(id: z.infer<typeof apiCveIdSchema>): CveIdInfo {
  return {
    cveId: id.cve_id,
    year: Number(id.cve_year),
    state: id.state,
    owningCna: id.owning_cna,
    requestedBy: id.requested_by ? { cna: id.requested_by.cna, user: id.requested_by.user } : null,
    reservedAt: id.reserved ?? null,
  }
}

/** The CNA container a CNA sends: the API sets providerMetadata itself, so it may be left out. */
export type CnaContainer = Record<string, unknown>
