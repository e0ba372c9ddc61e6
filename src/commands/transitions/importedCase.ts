// The only writer of the state of a case brought in from an archive (`lockstep import certcc`):
// the case's public awareness when it was published, and each vendor's first RM state and
// awareness when the archive says it was notified. The same rules as a live case (the CS facts
// through domain/caseStatus.ts, a participant's first RM state from participantRm's list), but all
// of one case written together, with its ledger entries in one batch: an archive of 20,000 notes
// is imported in minutes, not hours.
import { recordCaseEvent, noCaseEvents } from '../../domain/caseStatus.js'
import type { JsonValue, LedgerActor } from '../../domain/ledger.js'
import type { RmState } from '../../domain/reportManagement.js'
import type { VexStatus } from '../../domain/vex.js'
import { CompiledQuery } from 'kysely'
import type { Db } from '../../store/db.js'
import { appendLedgerBatch, chainEntries, ledgerEntryRow, type LedgerItem } from '../../store/ledger.js'
import { signedHeadRowOf } from '../../store/ledgerHeads.js'
import type { LedgerKeyPair } from '../../security/ledgerKey.js'
import type { TlpLabelColumn } from '../../store/schema.js'

export interface ImportedVendor {
  id: string
  organizationId: string
  name: string
  notifiedAt: Date | null
  respondedAt: Date | null
  /** Null: the archive says nothing definite (Unknown), so no statement is recorded. */
  status: Extract<VexStatus, 'affected' | 'not_affected'> | null
  statement: string
  references: string[]
  mergedRecords: number
}

export interface ImportedVulnerability {
  id: string
  title: string
  description: string
  cveId: string | null
}

export interface ImportedCase {
  id: string
  caseNumber: string
  title: string
  summary: string
  tlp: TlpLabelColumn
  source: string
  key: string
  version: string
  createdAt: Date
  /** Released when published; closed (never public) otherwise. */
  publishedAt: Date | null
  vulnerabilities: ImportedVulnerability[]
  vendors: ImportedVendor[]
  /** What the ledger says about where the case came from (the file, warnings). */
  origin: { [key: string]: JsonValue }
}

/** Archives say "not affected" without a reason; VEX needs one, and this is the archive's meaning. */
const ARCHIVE_JUSTIFICATION = 'vulnerable_code_not_present'

/** A vendor the archive says was notified has received the report; one never notified has not. */
const firstRmState = (v: ImportedVendor): RmState => (v.notifiedAt ? 'received' : 'start')

function participantRows(caseId: string, vendors: ImportedVendor[], now: Date) {
  return vendors.map((v) => ({
    id: v.id,
    case_id: caseId,
    organization_id: v.organizationId,
    roles: ['vendor' as const],
    rm_state: firstRmState(v),
    vendor_aware_at: v.notifiedAt,
    notified_at: v.notifiedAt,
    responded_at: v.respondedAt,
    statement_at: v.status ? (v.respondedAt ?? now) : null,
    created_at: v.notifiedAt ?? now,
  }))
}

function statementRows(c: Pick<ImportedCase, 'id' | 'vulnerabilities'>, vendors: ImportedVendor[], now: Date) {
  return vendors.flatMap((v) =>
    v.status
      ? c.vulnerabilities.map((vu) => ({
          case_id: c.id,
          vulnerability_id: vu.id,
          participant_id: v.id,
          status: v.status!,
          justification: v.status === 'not_affected' ? ARCHIVE_JUSTIFICATION : null,
          remediation: v.statement || null,
          references: v.references,
          shareable: true,
          approved_at: now,
          created_at: v.respondedAt ?? now,
        }))
      : [],
  )
}

async function insertVendors(
  trx: Db,
  c: Pick<ImportedCase, 'id' | 'vulnerabilities'>,
  vendors: ImportedVendor[],
  now: Date,
) {
  if (!vendors.length) return
  await trx
    .insertInto('participants')
    .values(participantRows(c.id, vendors, now))
    .execute()
  const statements = statementRows(c, vendors, now)
  if (statements.length) await trx.insertInto('vendor_statements').values(statements).execute()
}

function vendorEntries(vendors: ImportedVendor[], now: Date): LedgerItem[] {
  return vendors.map((v) => ({
    kind: 'vendor.imported',
    at: now,
    payload: {
      participant: v.id,
      organization: v.organizationId,
      name: v.name,
      rmState: firstRmState(v),
      notifiedAt: v.notifiedAt?.toISOString() ?? null,
      respondedAt: v.respondedAt?.toISOString() ?? null,
      status: v.status ?? 'unknown',
      ...(v.mergedRecords ? { mergedRecords: v.mergedRecords } : {}),
    },
  }))
}

// A new case whole in one statement: data-modifying CTEs, each table's rows sent as one JSON
// parameter and read back through the table's own row type, as a backup is restored
// (store/backupTables.ts). One statement is one transaction, so the case is there whole or not at
// all, in one round trip instead of a dozen: what lets an archive of 20,000 notes import in a
// minute (`npm run bench:import`). Its text never changes, so each connection prepares it once.
const INSERT_WHOLE_CASE = /* sql */ `
WITH
  new_cases AS (
    INSERT INTO cases (id, case_number, title, summary, tlp, public_aware_at, published_at, import_source, import_key, import_version, created_at, updated_at, ledger_count, ledger_head)
    SELECT id, case_number, title, summary, tlp, public_aware_at, published_at, import_source, import_key, import_version, created_at, updated_at, ledger_count, ledger_head FROM json_populate_recordset(NULL::cases, $1::json)),
  new_vulnerabilities AS (
    INSERT INTO vulnerabilities (id, case_id, title, description, cve_id, created_at)
    SELECT id, case_id, title, description, cve_id, created_at FROM json_populate_recordset(NULL::vulnerabilities, $2::json)),
  new_participants AS (
    INSERT INTO participants (id, case_id, organization_id, roles, rm_state, vendor_aware_at, notified_at, responded_at, statement_at, created_at)
    SELECT id, case_id, organization_id, roles, rm_state, vendor_aware_at, notified_at, responded_at, statement_at, created_at FROM json_populate_recordset(NULL::participants, $3::json)),
  new_vendor_statements AS (
    INSERT INTO vendor_statements (case_id, vulnerability_id, participant_id, status, justification, remediation, "references", shareable, approved_at, created_at)
    SELECT case_id, vulnerability_id, participant_id, status, justification, remediation, "references", shareable, approved_at, created_at FROM json_populate_recordset(NULL::vendor_statements, $4::json)),
  new_ledger_entries AS (
    INSERT INTO ledger_entries (case_id, sequence, instant, actor_id, actor_name, kind, payload, prev_hash, hash)
    SELECT case_id, sequence, instant, actor_id, actor_name, kind, payload, prev_hash, hash FROM json_populate_recordset(NULL::ledger_entries, $5::json))
INSERT INTO ledger_heads (case_id, sequence, hash, signed_at, key_id, signature)
SELECT case_id, sequence, hash, signed_at, key_id, signature FROM json_populate_recordset(NULL::ledger_heads, $6::json)`

/** The rows of each table of INSERT_WHOLE_CASE, in the order of its parameters. */
type WholeCaseRows = [
  cases: object[],
  vulnerabilities: object[],
  participants: object[],
  vendorStatements: object[],
  ledgerEntries: object[],
  ledgerHeads: object[],
]

const insertWholeCase = (db: Db, rows: WholeCaseRows) =>
  db.executeQuery(
    CompiledQuery.raw(
      INSERT_WHOLE_CASE,
      rows.map((r) => JSON.stringify(r)),
    ),
  )

/**
 * Writes a new imported case whole, in one statement (INSERT_WHOLE_CASE): its own transaction,
 * or part of the caller's. Its ledger starts with the import, and its head is signed with `key`,
 * which the importer reads once for the whole archive.
 */
export async function insertImportedCase(
  db: Db,
  c: ImportedCase,
  who: LedgerActor,
  now: Date,
  key: LedgerKeyPair,
): Promise<void> {
  const publicAware = c.publishedAt ? recordCaseEvent(noCaseEvents, 'publicAware', c.publishedAt) : null
  const items: LedgerItem[] = [
    {
      kind: 'case.imported',
      at: now,
      payload: {
        source: c.source,
        key: c.key,
        version: c.version,
        caseNumber: c.caseNumber,
        title: c.title,
        outcome: c.publishedAt ? 'released' : 'closed',
        createdAt: c.createdAt.toISOString(),
        ...c.origin,
      },
    },
    ...c.vulnerabilities.map((v) => ({
      kind: 'vulnerability.added',
      at: now,
      payload: { id: v.id, title: v.title, cveId: v.cveId },
    })),
    ...vendorEntries(c.vendors, now),
  ]
  if (c.publishedAt)
    items.push({
      kind: 'cs.event',
      at: now,
      payload: { event: 'publicAware', at: c.publishedAt.toISOString(), reference: `${c.source} ${c.key}` },
    })
  const entries = chainEntries(null, c.id, who, items)
  const head = entries.at(-1)!
  await insertWholeCase(db, [
    [
      {
        id: c.id,
        case_number: c.caseNumber,
        title: c.title,
        summary: c.summary,
        tlp: c.tlp,
        public_aware_at: publicAware?.ok ? publicAware.status.publicAware : null,
        published_at: c.publishedAt,
        import_source: c.source,
        import_key: c.key,
        import_version: c.version,
        created_at: c.createdAt,
        updated_at: now,
        ledger_count: head.sequence,
        ledger_head: head.hash,
      },
    ],
    c.vulnerabilities.map((v) => ({
      id: v.id,
      case_id: c.id,
      title: v.title,
      description: v.description,
      cve_id: v.cveId,
      created_at: c.createdAt,
    })),
    participantRows(c.id, c.vendors, now),
    statementRows(c, c.vendors, now),
    entries.map(ledgerEntryRow),
    [signedHeadRowOf(key, head)],
  ])
}

/**
 * A note imported before whose archive version changed: its text and version follow the
 * archive, vendors it did not have join, and a publication it did not have is recorded. Facts
 * already recorded are never rewritten (the ledger keeps what the earlier import said).
 */
export async function updateImportedCase(
  trx: Db,
  existing: { id: string; version: string | null; publicAwareAt: Date | null; vendorOrganizations: Set<string> },
  c: ImportedCase,
  who: LedgerActor,
  now: Date,
): Promise<void> {
  const newlyPublic =
    c.publishedAt && !existing.publicAwareAt ? recordCaseEvent(noCaseEvents, 'publicAware', c.publishedAt) : null
  await trx
    .updateTable('cases')
    .set({
      title: c.title,
      summary: c.summary,
      import_version: c.version,
      ...(newlyPublic?.ok ? { public_aware_at: newlyPublic.status.publicAware, published_at: c.publishedAt } : {}),
      updated_at: now,
    })
    .where('id', '=', existing.id)
    .execute()
  const joining = c.vendors.filter((v) => !existing.vendorOrganizations.has(v.organizationId))
  const vulnerabilities = await trx
    .selectFrom('vulnerabilities')
    .select(['id', 'title', 'description', 'cve_id'])
    .where('case_id', '=', existing.id)
    .execute()
  await insertVendors(
    trx,
    {
      id: existing.id,
      vulnerabilities: vulnerabilities.map((v) => ({
        id: v.id,
        title: v.title,
        description: v.description,
        cveId: v.cve_id,
      })),
    },
    joining,
    now,
  )
  const items: LedgerItem[] = [
    {
      kind: 'case.import_updated',
      at: now,
      payload: {
        source: c.source,
        key: c.key,
        from: existing.version,
        version: c.version,
        title: c.title,
        ...c.origin,
      },
    },
    ...vendorEntries(joining, now),
  ]
  if (newlyPublic?.ok)
    items.push({
      kind: 'cs.event',
      at: now,
      payload: { event: 'publicAware', at: c.publishedAt!.toISOString(), reference: `${c.source} ${c.key}` },
    })
  await appendLedgerBatch(trx, existing.id, who, items)
}
