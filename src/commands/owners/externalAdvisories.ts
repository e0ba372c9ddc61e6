// Advisories published elsewhere (OSV files: the Go vulnerability database, RustSec, osv.dev
// exports), imported so that owners' inventories are matched against them as against Lockstep's
// own. Importing is idempotent (an advisory is rewritten only when its `modified` is newer) and
// batched, 200 advisories a transaction with one multi-row insert per table, so that a whole
// database of thousands of files imports in seconds; a broken file is reported, not fatal.
// Matching takes candidates by one index lookup on (purl type, purl name) for all the packages
// at once, then the domain decides each distinct package version once.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { sql } from 'kysely'
import { componentAffected, matchingName, packageKey, type ComponentRef } from '../../domain/matching/componentMatch.js'
import { readOsvAdvisory, vulnerabilityName, type OsvAdvisory } from '../../domain/osv/osvAdvisory.js'
import { convertOsvAffected, osvFixedVersions, type ConvertedAffected } from '../../domain/osv/osvRanges.js'
import { inTransaction, type Db } from '../../store/db.js'
import { affectedInstalls } from './affectedInstalls.js'
import { affectedAsset, type AffectedAsset } from './matching.js'

export interface OsvDocument {
  file: string
  text: string
}

export interface ImportOutcome {
  imported: number
  updated: number
  unchanged: number
  failed: { file: string; error: string }[]
  /** Advisories new or changed by this import: the ones to match against inventories. */
  changedIds: string[]
  /** What the conversion could not express exactly, per advisory (GIT ranges, unknown ecosystems…). */
  notes: { id: string; note: string }[]
}

export interface ImportProgress {
  /** Documents read so far (stored, unchanged or failed). */
  done: number
  failed: number
}

/** One advisory read from its file (OSV or CSAF), with its affected packages converted on demand. */
export interface ParsedExternal {
  file: string
  advisory: Omit<OsvAdvisory, 'affected'> & { revision?: string | null; url?: string | null }
  /** Called only once the advisory is known to have changed. */
  affected: (notes: ImportOutcome['notes']) => ConvertedAffected[]
}
type Parsed = ParsedExternal

const BATCH = 200

function parseOsv(doc: OsvDocument): Parsed {
  const advisory = readOsvAdvisory(doc.text, doc.file)
  return { file: doc.file, advisory, affected: (notes) => affectedOf(advisory, notes) }
}

/** The advisory's affected packages as stored; converted only once the advisory is known to have changed. */
function affectedOf(advisory: OsvAdvisory, notes: ImportOutcome['notes']): ConvertedAffected[] {
  const affected: ConvertedAffected[] = []
  for (const entry of advisory.affected) {
    const converted = convertOsvAffected(entry)
    if ('error' in converted) {
      notes.push({ id: advisory.id, note: converted.error })
      continue
    }
    for (const note of converted.notes) notes.push({ id: advisory.id, note: `${converted.purl}: ${note}` })
    if (converted.matchable) affected.push(converted)
  }
  return affected
}

type BatchOutcome = { imported: string[]; updated: string[]; unchanged: number; notes: ImportOutcome['notes'] }

/** Writes one batch in one transaction; returns which advisories were new, changed or current. */
async function writeBatch(db: Db, source: string, batch: readonly Parsed[]): Promise<BatchOutcome> {
  return inTransaction(db, async (trx) => {
    const keys = JSON.stringify(batch.map((p) => ({ id: p.advisory.id, modified: p.advisory.modified })))
    const { rows: stored } = await sql<{ id: string; existing: boolean; current: boolean }>`
      SELECT x.id, a.id IS NOT NULL AS existing, coalesce(a.modified >= x.modified, false) AS current
      FROM jsonb_to_recordset(${keys}::jsonb) AS x(id text, modified timestamptz)
      LEFT JOIN external_advisories a ON a.id = x.id`.execute(trx)
    const state = new Map(stored.map((r) => [r.id, r]))
    const changed = batch.filter((p) => !state.get(p.advisory.id)?.current)
    if (changed.length === 0) return { imported: [], updated: [], unchanged: batch.length, notes: [] }

    const advisories = changed.map(({ advisory: a }) => ({
      id: a.id,
      summary: a.summary,
      details: a.details,
      aliases: a.aliases,
      severity: a.severity,
      published: a.published,
      modified: a.modified,
      withdrawn: a.withdrawn,
      document: a.document,
      revision: a.revision ?? null,
      url: a.url ?? null,
    }))
    await sql`
      INSERT INTO external_advisories (id, source, summary, details, aliases, severity, published, modified, withdrawn, document, revision, url, imported_at)
      SELECT r.id, ${source}, r.summary, r.details, coalesce(r.aliases, '{}'), r.severity, r.published, r.modified, r.withdrawn, r.document, r.revision, r.url, now()
      FROM jsonb_to_recordset(${JSON.stringify(advisories)}::jsonb)
        AS r(id text, summary text, details text, aliases text[], severity text, published timestamptz, modified timestamptz, withdrawn timestamptz, document jsonb, revision text, url text)
      ON CONFLICT (id) DO UPDATE SET source = excluded.source, summary = excluded.summary, details = excluded.details, aliases = excluded.aliases,
        severity = excluded.severity, published = excluded.published, modified = excluded.modified, withdrawn = excluded.withdrawn,
        document = excluded.document, revision = excluded.revision, url = excluded.url, imported_at = excluded.imported_at`.execute(
      trx,
    )
    const ids = changed.map((p) => p.advisory.id)
    await sql`DELETE FROM external_affected WHERE advisory_id = ANY(${ids}::text[])`.execute(trx)
    const notes: ImportOutcome['notes'] = []
    const affected = changed.flatMap((p) =>
      p.affected(notes).map((a) => ({
        advisory_id: p.advisory.id,
        purl: a.purl,
        purl_type: a.purlType,
        purl_namespace: a.purlNamespace,
        purl_name: matchingName(a.purlType, a.purlName),
        range: a.range,
        versions: a.versions,
        fixed_versions: a.fixedVersions,
      })),
    )
    if (affected.length) {
      await sql`
        INSERT INTO external_affected (advisory_id, purl, purl_type, purl_namespace, purl_name, range, versions, fixed_versions)
        SELECT r.advisory_id, r.purl, r.purl_type, r.purl_namespace, r.purl_name, r.range, r.versions, r.fixed_versions
        FROM jsonb_to_recordset(${JSON.stringify(affected)}::jsonb)
          AS r(advisory_id text, purl text, purl_type text, purl_namespace text, purl_name text, range text, versions text[], fixed_versions text[])`.execute(
        trx,
      )
    }
    return {
      imported: ids.filter((id) => !state.get(id)?.existing),
      updated: ids.filter((id) => state.get(id)?.existing),
      unchanged: batch.length - changed.length,
      notes,
    }
  })
}

export async function importOsv(
  db: Db,
  documents: AsyncIterable<OsvDocument> | Iterable<OsvDocument>,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  return importExternal(db, 'osv', documents, parseOsv, onProgress)
}

/**
 * Stores advisories read by `parse` (which throws to refuse a file, its message said per file),
 * skipping those whose stored copy is as recent; OSV and CSAF imports share it.
 */
export async function importExternal<D extends { file: string }>(
  db: Db,
  source: string,
  documents: AsyncIterable<D> | Iterable<D>,
  parse: (doc: D) => Parsed | Promise<Parsed>,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: 0, updated: 0, unchanged: 0, failed: [], changedIds: [], notes: [] }
  let pending: Parsed[] = []
  let done = 0
  const record = (r: BatchOutcome) => {
    outcome.notes.push(...r.notes)
    outcome.imported += r.imported.length
    outcome.updated += r.updated.length
    outcome.unchanged += r.unchanged
    outcome.changedIds.push(...r.imported, ...r.updated)
  }
  const flush = async () => {
    const batch = pending
    pending = []
    if (batch.length === 0) return
    try {
      record(await writeBatch(db, source, batch))
    } catch {
      // One document the database refuses spoils its batch: write them one by one to find it.
      for (const p of batch) {
        try {
          record(await writeBatch(db, source, [p]))
        } catch (error) {
          outcome.failed.push({
            file: p.file,
            error: `${p.advisory.id} could not be stored: ${(error as Error).message}`,
          })
        }
      }
    }
    onProgress?.({ done, failed: outcome.failed.length })
  }
  for await (const doc of documents) {
    done++
    let parsed: Parsed
    try {
      parsed = await parse(doc)
    } catch (error) {
      outcome.failed.push({ file: doc.file, error: (error as Error).message })
      continue
    }
    // The same advisory twice in one batch would be upserted twice in one statement.
    if (pending.some((p) => p.advisory.id === parsed.advisory.id)) await flush()
    pending.push(parsed)
    if (pending.length >= BATCH) await flush()
  }
  await flush()
  onProgress?.({ done, failed: outcome.failed.length })
  return outcome
}

export interface ExternalMatch {
  componentKey: string
  advisoryId: string
  vulnerability: string
  certain: boolean
  reason: string
  fixedVersions: string[]
}

interface CandidateRow {
  advisory_id: string
  aliases: string[]
  purl: string
  purl_type: string
  purl_name: string
  range: string | null
  versions: string[]
  fixed_versions: string[]
}

/** The imported advisories (not withdrawn) that affect any of the components, decided by the domain. */
export async function externalMatchesFor(
  db: Db,
  components: readonly (ComponentRef & { key: string })[],
): Promise<ExternalMatch[]> {
  // One decision per distinct package version, however many components share it.
  const distinct = new Map<string, { ref: ComponentRef; keys: string[] }>()
  // A 200,000-component inventory takes seconds here: other requests are answered between chunks.
  let counted = 0
  for (const c of components) {
    if (++counted % 5_000 === 0) await yieldToEventLoop()
    if (!c.purlType || !c.purlName) continue
    const k = `${packageKey(c.purlType, c.purlName)}\u0000${(c.purlNamespace ?? '').toLowerCase()}\u0000${c.version ?? '\u0001'}`
    const entry = distinct.get(k) ?? { ref: c, keys: [] }
    entry.keys.push(c.key)
    distinct.set(k, entry)
  }
  const packages = new Map<string, { type: string; name: string }>()
  for (const { ref } of distinct.values())
    packages.set(packageKey(ref.purlType!, ref.purlName!), {
      type: ref.purlType!.toLowerCase(),
      name: matchingName(ref.purlType!, ref.purlName!),
    })
  if (packages.size === 0) return []
  const list = [...packages.values()]
  const { rows } = await sql<CandidateRow>`
    SELECT e.advisory_id, a.aliases, e.purl, e.purl_type, e.purl_name, e.range, e.versions, e.fixed_versions
    FROM unnest(${list.map((p) => p.type)}::text[], ${list.map((p) => p.name)}::text[]) AS p(purl_type, purl_name)
    JOIN external_affected e ON e.purl_type = p.purl_type AND e.purl_name = p.purl_name
    JOIN external_advisories a ON a.id = e.advisory_id
    WHERE a.withdrawn IS NULL
    ORDER BY e.advisory_id, e.id`.execute(db)
  const candidates = new Map<string, CandidateRow[]>()
  for (const r of rows) {
    // Rows stored before the rule still list fixed events that another range of the entry covers.
    r.fixed_versions = osvFixedVersions(r.range, r.versions, r.fixed_versions)
    const k = packageKey(r.purl_type, r.purl_name)
    const list = candidates.get(k)
    if (list) list.push(r)
    else candidates.set(k, [r])
  }

  const found: ExternalMatch[] = []
  counted = 0
  for (const { ref, keys } of distinct.values()) {
    if (++counted % 5_000 === 0) await yieldToEventLoop()
    const seen = new Set<string>()
    for (const row of candidates.get(packageKey(ref.purlType!, ref.purlName!)) ?? []) {
      // An advisory with several entries for one package (Go's module versions) matches once.
      if (seen.has(row.advisory_id)) continue
      const verdict = componentAffected(ref, {
        purl: row.purl,
        range: row.range,
        fixedVersions: row.fixed_versions,
        versions: row.versions,
      })
      if (!verdict.affected) continue
      seen.add(row.advisory_id)
      const vulnerability = vulnerabilityName({ id: row.advisory_id, aliases: row.aliases })
      for (const componentKey of keys)
        found.push({
          componentKey,
          advisoryId: row.advisory_id,
          vulnerability,
          certain: verdict.certain,
          reason: verdict.reason,
          fixedVersions: row.fixed_versions,
        })
    }
  }
  return found
}

/** Which inventory components the given imported advisories affect (withdrawn ones affect none). */
export async function externalAffectedAssets(
  db: Db,
  advisoryIds: readonly string[],
  o: { criticalOnly?: boolean } = {},
): Promise<(AffectedAsset & { advisoryId: string })[]> {
  if (advisoryIds.length === 0) return []
  const { rows } = await sql<CandidateRow>`
    SELECT e.advisory_id, a.aliases, e.purl, e.purl_type, e.purl_name, e.range, e.versions, e.fixed_versions
    FROM external_affected e JOIN external_advisories a ON a.id = e.advisory_id
    WHERE e.advisory_id = ANY(${advisoryIds}::text[]) AND a.withdrawn IS NULL
    ORDER BY e.advisory_id, e.id`.execute(db)
  for (const r of rows) r.fixed_versions = osvFixedVersions(r.range, r.versions, r.fixed_versions)
  const products = rows.map((r) => ({
    purl: r.purl,
    range: r.range,
    fixedVersions: r.fixed_versions,
    versions: r.versions,
  }))
  const seen = new Set<string>()
  return (await affectedInstalls(db, products, o)).flatMap((f) => {
    const row = rows[f.product]!
    // An advisory naming one package in two entries still affects an install once.
    const key = `${row.advisory_id}\u0000${f.install.assetId}\u0000${f.install.purl ?? ''}\u0000${f.install.version ?? ''}`
    if (seen.has(key)) return []
    seen.add(key)
    return [
      Object.assign(
        affectedAsset(f, vulnerabilityName({ id: row.advisory_id, aliases: row.aliases }), row.fixed_versions),
        { advisoryId: row.advisory_id },
      ),
    ]
  })
}
