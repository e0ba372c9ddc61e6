// `lockstep import certcc <dir>`: every note of a CERT/CC Vulnerability Notes archive becomes a
// case (released when it was published, closed otherwise) with its vulnerabilities and CVE IDs,
// its vendors matched to the directory by name (missing ones created, duplicates merged), their
// statuses as statements and their dates as the notification history. Each note is one
// transaction, keyed on the note ID: a second run skips notes whose revision did not change and
// updates the others. What was skipped, and every cleaning of dirty data, is counted for the
// summary; nothing is imported half.
import { randomUUID } from 'node:crypto'
import type { Actor } from '../../domain/actor.js'
import { authorize } from '../../domain/policy/index.js'
import type { CertNote } from '../../domain/certcc/records.js'
import { mergeVendors, vendorKey } from '../../domain/certcc/vendors.js'
import type { Db } from '../../store/db.js'
import { ledgerActorOf } from '../../store/ledger.js'
import { ensureLedgerKey } from '../../store/ledgerHeads.js'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import {
  insertImportedCase,
  updateImportedCase,
  type ImportedCase,
  type ImportedVendor,
} from '../transitions/importedCase.js'
import { archiveFolders, folderFiles, readBundle, type NoteBundle, type RefusedFile } from './certccArchive.js'

export const SOURCE = 'certcc'

export interface CertccProgress {
  done: number
  total: number
  notesPerSecond: number
}

export interface CertccSummary {
  folders: number
  imported: number
  updated: number
  unchanged: number
  /** Files or notes left out, each with why. */
  skipped: RefusedFile[]
  /** Count per kind of cleaning or oddity (bad_date, not_utf8, nul_removed, no_vendors, ...). */
  warnings: Record<string, number>
  /** The first few warnings, named, for the operator to look at. */
  warningExamples: { file: string; kind: string; detail: string }[]
  vendorsCreated: number
  seconds: number
}

export interface CertccOptions {
  actor: Actor
  /** Notes written at once, each in its own transaction (PostgreSQL; the embedded database runs one at a time anyway). */
  concurrency?: number
  onProgress?: (p: CertccProgress) => void
  now?: () => Date
}

/** "VU#398025" → "VU-398025": a case number that sits in a URL as it is. */
export const caseNumberOf = (key: string): string => key.replace('#', '-')

interface Existing {
  id: string
  version: string | null
}

/** The directory of vendors by match key, shared by the notes written at once. */
class VendorDirectory {
  private readonly byKey = new Map<string, string>()
  created = 0

  async load(db: Db): Promise<void> {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'name', 'slug'])
      .where('kind', '=', 'vendor')
      .execute()
    for (const r of rows) {
      const key = vendorKey(r.name)
      if (!this.byKey.has(key)) this.byKey.set(key, r.id)
      if (!this.byKey.has(r.slug)) this.byKey.set(r.slug, r.id)
    }
  }

  /**
   * Ids for the keys, creating the missing vendors in the note's transaction. In key order, so two
   * notes creating the same vendors at once wait on each other instead of deadlocking; a vendor
   * another note created first is found by its slug.
   */
  async resolve(
    trx: Db,
    wanted: { key: string; name: string }[],
  ): Promise<{ ids: Map<string, string>; made: Map<string, string> }> {
    const ids = new Map<string, string>()
    const made = new Map<string, string>()
    const missing = wanted.filter((w) => !this.byKey.has(w.key)).sort((a, b) => a.key.localeCompare(b.key))
    for (const w of wanted) if (this.byKey.has(w.key)) ids.set(w.key, this.byKey.get(w.key)!)
    if (missing.length) {
      const inserted = await trx
        .insertInto('organizations')
        .values(missing.map((w) => ({ name: w.name.slice(0, 200), slug: w.key, kind: 'vendor' as const })))
        .onConflict((oc) => oc.column('slug').doNothing())
        .returning(['id', 'slug'])
        .execute()
      for (const r of inserted) {
        ids.set(r.slug, r.id)
        made.set(r.slug, r.id)
      }
      const other = missing.filter((w) => !ids.has(w.key)).map((w) => w.key)
      if (other.length) {
        const found = await trx.selectFrom('organizations').select(['id', 'slug']).where('slug', 'in', other).execute()
        for (const r of found) ids.set(r.slug, r.id)
      }
    }
    return { ids, made }
  }

  /** Whether any of the keys is not in the directory yet (its vendor is to be created). */
  lacksAny(wanted: { key: string }[]): boolean {
    return wanted.some((w) => !this.byKey.has(w.key))
  }

  remember(made: Map<string, string>): void {
    for (const [key, id] of made) {
      if (!this.byKey.has(key)) this.created++
      this.byKey.set(key, id)
    }
  }
}

function summaryText(note: CertNote): string {
  return (note.overview || note.description || note.impact).slice(0, 20_000)
}

function planCase(
  bundle: NoteBundle,
  key: string,
  ids: Map<string, string>,
  now: Date,
  warnings: string[],
): ImportedCase {
  const note = bundle.note
  const { vendors, merged } = mergeVendors(bundle.vendors)
  const cves = note?.cveIds ?? []
  const title = (note?.title ?? `${key} (vendor records without their note)`).slice(0, 300)
  const description = note
    ? [note.description, note.impact, note.resolution, note.workarounds].filter(Boolean).join('\n\n')
    : ''
  const vulnerabilities = (cves.length ? cves : [null]).map((cve) => ({
    id: randomUUID(),
    title: (cve && cves.length > 1 ? `${cve}: ${title}` : title).slice(0, 300),
    description,
    cveId: cve,
  }))
  const importedVendors: ImportedVendor[] = vendors.map((v) => ({
    id: randomUUID(),
    organizationId: ids.get(v.key)!,
    name: v.name,
    notifiedAt: v.notifiedAt,
    respondedAt: v.respondedAt,
    status: v.status === 'unknown' ? null : v.status,
    statement: v.statement,
    references: v.references,
    mergedRecords: v.recordIds.length > 1 ? v.recordIds.length - 1 : 0,
  }))
  const publishedAt = note ? (note.dateFirstPublished ?? note.datePublic) : null
  // A case the same organization joins twice is one participant: merged above by key, and a key
  // that slugs onto a vendor met under another key is merged here.
  const seen = new Set<string>()
  const unique = importedVendors.filter((v) => !seen.has(v.organizationId) && seen.add(v.organizationId))
  return {
    id: randomUUID(),
    caseNumber: caseNumberOf(key),
    title,
    summary: note ? summaryText(note) : '',
    tlp: publishedAt ? 'CLEAR' : 'AMBER',
    source: SOURCE,
    key,
    version: note?.version ?? '',
    createdAt: note?.dateCreated ?? publishedAt ?? earliestVendorDate(importedVendors) ?? now,
    publishedAt,
    vulnerabilities,
    vendors: unique,
    origin: {
      folder: bundle.folder,
      ...(note?.certAdvisory ? { certAdvisory: note.certAdvisory } : {}),
      ...(note?.references.length ? { references: note.references.slice(0, 50) } : {}),
      ...(merged ? { mergedVendorRecords: merged } : {}),
      ...(warnings.length ? { warnings } : {}),
    },
  }
}

function earliestVendorDate(vendors: ImportedVendor[]): Date | null {
  const times = vendors.flatMap((v) => (v.notifiedAt ? [v.notifiedAt.getTime()] : []))
  return times.length ? new Date(Math.min(...times)) : null
}

export async function importCertccArchive(
  db: Kysely<Database>,
  root: string,
  o: CertccOptions,
): Promise<CertccSummary> {
  authorize(o.actor, 'import_archive', { type: 'instance' })
  const clock = o.now ?? (() => new Date())
  const started = Date.now()
  const who = await ledgerActorOf(db, o.actor)
  const signingKey = await ensureLedgerKey(db)
  const directory = new VendorDirectory()
  await directory.load(db)
  const existing = new Map<string, Existing>()
  for (const r of await db
    .selectFrom('cases')
    .select(['id', 'import_key', 'import_version'])
    .where('import_source', '=', SOURCE)
    .execute())
    existing.set(r.import_key!, { id: r.id, version: r.import_version })

  const folders = await archiveFolders(root)
  const summary: CertccSummary = {
    folders: folders.length,
    imported: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    warnings: {},
    warningExamples: [],
    vendorsCreated: 0,
    seconds: 0,
  }
  const warn = (file: string, kind: string, detail: string) => {
    summary.warnings[kind] = (summary.warnings[kind] ?? 0) + 1
    if (summary.warningExamples.length < 10) summary.warningExamples.push({ file, kind, detail })
  }
  const inFlight = new Set<string>()
  let done = 0

  async function one(conn: Kysely<Database>, folder: { folder: string; files: string[] }): Promise<void> {
    const files = folder.files.length ? folder.files : folderFiles(root, folder.folder)
    const bundle = readBundle(root, files, folder.folder)
    summary.skipped.push(...bundle.refused)
    const key = bundle.key
    if (!key) {
      if (!bundle.refused.length)
        summary.skipped.push({ file: folder.folder, reason: 'holds no note and no vendor record' })
      return
    }
    // The same note in two folders: the first one wins; the second is said, not merged.
    if (inFlight.has(key)) {
      summary.skipped.push({ file: folder.folder, reason: `${key} was already read from another folder` })
      return
    }
    inFlight.add(key)
    for (const w of bundle.warnings) warn(w.file, w.kind, w.detail)
    const noteWarnings = [...new Set(bundle.warnings.map((w) => w.kind))]
    if (!bundle.note)
      warn(folder.folder, 'no_note', `${bundle.vendors.length} vendor records of ${key} without their note`)
    else if (!bundle.vendors.length) warn(folder.folder, 'no_vendors', `${key} has no vendor records`)
    const seen = existing.get(key)
    const version = bundle.note?.version ?? ''
    if (seen && seen.version === version) {
      summary.unchanged++
      return
    }
    const { vendors, merged } = mergeVendors(bundle.vendors)
    if (merged) warn(folder.folder, 'vendor_merged', `${merged} duplicate vendor records merged in ${key}`)
    const now = clock()
    const wanted = vendors.map((v) => ({ key: v.key, name: v.name }))
    const write = async (trx: Db) => {
      const { ids, made } = await directory.resolve(trx, wanted)
      const plan = planCase(bundle, key, ids, now, noteWarnings)
      if (!seen) await insertImportedCase(trx, plan, who, now, signingKey)
      else {
        const row = await trx
          .selectFrom('cases')
          .select(['public_aware_at'])
          .where('id', '=', seen.id)
          .forNoKeyUpdate()
          .executeTakeFirstOrThrow()
        const orgs = await trx
          .selectFrom('participants')
          .select('organization_id')
          .where('case_id', '=', seen.id)
          .where('organization_id', 'is not', null)
          .execute()
        await updateImportedCase(
          trx,
          {
            id: seen.id,
            version: seen.version,
            publicAwareAt: row.public_aware_at,
            vendorOrganizations: new Set(orgs.map((r) => r.organization_id!)),
          },
          plan,
          who,
          now,
        )
      }
      return made
    }
    try {
      // A new note whose vendors are all known is one statement, so its own transaction
      // (insertImportedCase); creating vendors or updating a case takes several, in one transaction.
      const made = seen || directory.lacksAny(wanted) ? await conn.transaction().execute(write) : await write(conn)
      directory.remember(made)
      if (seen) summary.updated++
      else summary.imported++
    } catch (e) {
      summary.skipped.push({
        file: folder.folder,
        reason: `${key} was not imported: ${(e as Error).message.slice(0, 200)}`,
      })
    }
  }

  const concurrency = Math.max(1, o.concurrency ?? 1)
  let next = 0
  let lastReport = 0
  const report = (force = false) => {
    const t = Date.now()
    if (!force && t - lastReport < 500) return
    lastReport = t
    o.onProgress?.({ done, total: folders.length, notesPerSecond: done / Math.max(0.001, (t - started) / 1000) })
  }
  // Each worker holds one connection for the run. A bulk import's commits need not wait for the
  // disk (synchronous_commit off, on these connections only, until the run ends): a crash can lose
  // only the last notes' commits, each whole (one transaction per note), and the next run imports
  // them again, as it is idempotent. Nothing is ever half-written or corrupted by this.
  await Promise.all(
    Array.from({ length: concurrency }, () =>
      db.connection().execute(async (conn) => {
        await sql`SET synchronous_commit = off`.execute(conn)
        try {
          while (next < folders.length) {
            const folder = folders[next++]!
            await one(conn, folder)
            done++
            report()
          }
        } finally {
          await sql`RESET synchronous_commit`.execute(conn)
        }
      }),
    ),
  )
  report(true)
  // Thousands of rows at once: the planner learns the new sizes now, not at autovacuum's next round.
  if (summary.imported + summary.updated >= 1000) await sql`ANALYZE cases, participants, vendor_statements`.execute(db)
  summary.vendorsCreated = directory.created
  summary.seconds = (Date.now() - started) / 1000
  return summary
}
