// A case's vulnerabilities: added and edited by the coordinator staff (title, description, CWE,
// CVSS with its computed score, affected products as purl plus a vers range, the SSVC decision and
// since when it is known exploited), each change in the ledger with what it was before. A case keeps at least one vulnerability.
import type { Actor } from '../../domain/actor.js'
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.js'
import { scoreCvss } from '../../domain/cvss.js'
import { decideTriage } from '../../domain/ssvc.js'
import { formatVers, parseVers } from '../../domain/vers.js'
import { rangeAsVers } from '../../domain/versions/nativeRange.js'
import type { JsonValue } from '../../domain/ledger.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import type { AffectedProduct } from '../../store/schema.js'
import { loadCaseFor } from './caseAccess.js'
import { announceAdvisoryAgain } from '../federation/peerAdvisories.js'

export interface VulnerabilityInput {
  title?: string | undefined
  description?: string | undefined
  cwe?: string | null | undefined
  cvssVector?: string | null | undefined
  affected?: AffectedProduct[] | undefined
  /** The SSVC coordinator triage's inputs (decided here, as for reports), or null to clear it. */
  ssvc?: unknown
  /** "2026-11-30": the day exploitation is first known to have happened, or null. */
  exploitedSince?: string | null | undefined
}

type Columns = {
  title?: string
  description?: string
  cwe?: string | null
  cvss_vector?: string | null
  cvss_score?: number | null
  affected?: string
  ssvc?: string | null
  exploited_since?: string | null
}

/** Checks every field at once and answers with all the problems, or the columns to write. */
function columnsOf(input: VulnerabilityInput, now = new Date()): Columns {
  const problems: FieldProblem[] = []
  const set: Columns = {}
  if (input.title !== undefined) set.title = input.title.trim()
  if (input.description !== undefined) set.description = input.description.trim()
  if (input.cwe !== undefined) {
    if (input.cwe === null || input.cwe === '') set.cwe = null
    else if (/^CWE-\d{1,5}$/.test(input.cwe)) set.cwe = input.cwe
    else problems.push({ field: 'cwe', message: 'must look like CWE-120' })
  }
  if (input.cvssVector !== undefined) {
    if (input.cvssVector === null || input.cvssVector === '')
      Object.assign(set, { cvss_vector: null, cvss_score: null })
    else {
      const scored = scoreCvss(input.cvssVector)
      if (scored.ok) Object.assign(set, { cvss_vector: scored.vector, cvss_score: scored.baseScore })
      else problems.push({ field: 'cvssVector', message: scored.error.message })
    }
  }
  if (input.affected !== undefined) {
    const affected = input.affected.map((a, i) => {
      if (!a.range) return { ...a, range: null }
      // An ecosystem's own range syntax ("^1.2.3" for an npm package) is taken and stored as vers.
      const asVers = rangeAsVers(a.range, a.purl ?? null)
      if (!asVers.ok) {
        problems.push({ field: `affected.${i}.range`, message: asVers.reason })
        return a
      }
      const parsed = parseVers(asVers.vers)
      if (!parsed.ok) {
        problems.push({ field: `affected.${i}.range`, message: parsed.reason })
        return a
      }
      return { ...a, range: formatVers(parsed.range) }
    })
    set.affected = JSON.stringify(affected)
  }
  if (input.ssvc !== undefined) {
    const decided = input.ssvc === null ? null : decideTriage(input.ssvc)
    if (decided && !decided.ok) problems.push(...decided.errors)
    else set.ssvc = decided ? JSON.stringify({ ...decided.decision, at: now.toISOString() }) : null
  }
  if (input.exploitedSince !== undefined) {
    const day = input.exploitedSince?.trim() || null
    const at = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00.000Z`) : null
    if (day && (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day))
      problems.push({ field: 'exploitedSince', message: 'must be a day such as 2026-11-30' })
    else if (at && at.getTime() > now.getTime()) problems.push({ field: 'exploitedSince', message: 'is in the future' })
    else set.exploited_since = at ? at.toISOString() : null
  }
  if (problems.length) throw new ValidationError(problems)
  return set
}

/** A column as comparable text: JSON columns as JSON (an SSVC decision without when it was made), instants as ISO. */
function comparable(column: string, value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  const parsed: unknown =
    typeof value === 'string' && (column === 'affected' || column === 'ssvc') ? JSON.parse(value) : value
  if (column === 'ssvc' && parsed) {
    const { at: _at, ...decision } = parsed as Record<string, unknown>
    return JSON.stringify(decision)
  }
  return column === 'affected' ? JSON.stringify(parsed) : parsed
}

function changesBetween(before: Record<string, unknown>, set: Columns): Record<string, JsonValue> {
  const changed: Record<string, JsonValue> = {}
  for (const [column, value] of Object.entries(set)) {
    if (column === 'cvss_score') continue
    if (comparable(column, before[column]) !== comparable(column, value))
      changed[column] =
        column === 'affected' || (column === 'ssvc' && value !== null)
          ? (JSON.parse(value as string) as JsonValue)
          : (value as JsonValue)
  }
  return changed
}

/** Only what changed is written: an unchanged SSVC decision keeps when it was made; exploitation records when it was learnt. */
function columnsToWrite(set: Columns, changed: Record<string, JsonValue>, now: Date) {
  const { ssvc, exploited_since, ...rest } = set
  return {
    ...rest,
    ...('ssvc' in changed ? { ssvc } : {}),
    ...('exploited_since' in changed
      ? { exploited_since, exploited_recorded_at: exploited_since ? now.toISOString() : null }
      : {}),
  }
}

/** Who may update the case edits its vulnerabilities. */
export async function addVulnerability(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  input: VulnerabilityInput & { title: string },
) {
  const set = columnsOf(input)
  return inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const row = await trx
      .insertInto('vulnerabilities')
      .values({
        case_id: caseId,
        title: set.title!,
        description: set.description ?? '',
        cwe: set.cwe ?? null,
        cvss_vector: set.cvss_vector ?? null,
        cvss_score: set.cvss_score ?? null,
        affected: set.affected ?? '[]',
        ssvc: set.ssvc ?? null,
        exploited_since: set.exploited_since ?? null,
        exploited_recorded_at: set.exploited_since ? new Date() : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'vulnerability.added', {
      id: row.id,
      title: row.title,
    })
    await announceAdvisoryAgain(trx, caseId)
    return row
  })
}

async function lockVulnerability(trx: Db, caseId: string, id: string) {
  const row = isUuid(id)
    ? await trx
        .selectFrom('vulnerabilities')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst()
    : undefined
  if (!row) throw new NotFoundError('vulnerability')
  return row
}

export async function updateVulnerability(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  id: string,
  input: VulnerabilityInput,
  options: { allowEmptyAffected?: boolean } = {},
) {
  const now = new Date()
  const set = columnsOf(input, now)
  return inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const before = await lockVulnerability(trx, caseId, id)
    // `affected` replaces the list: an empty one from a script's bug would silently drop every
    // product vendors and owners are matched by, so emptying it must be said (as for inventories).
    const had = Array.isArray(before.affected) ? before.affected.length : 0
    if (input.affected?.length === 0 && had > 0 && !options.allowEmptyAffected) {
      const refused = new ConflictError(
        `This edit would remove all ${had} affected products of the vulnerability; nothing was changed. Send allowEmptyAffected: true if it has none.`,
      )
      refused.problems.push({
        field: 'affected',
        message: 'is empty: send allowEmptyAffected: true to remove every product',
      })
      throw refused
    }
    const changed = changesBetween(before, set)
    if (Object.keys(changed).length === 0) return before
    const row = await trx
      .updateTable('vulnerabilities')
      .set(columnsToWrite(set, changed, now))
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'vulnerability.updated', {
      id: row.id,
      title: row.title,
      changed,
    })
    return row
  })
}

export async function removeVulnerability(db: Db, actor: Actor, caseIdOrNumber: string, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const caseId = (await loadCaseFor(trx, actor, caseIdOrNumber, 'update')).row.id
    const row = await lockVulnerability(trx, caseId, id)
    const { n } = await trx
      .selectFrom('vulnerabilities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow()
    if (Number(n) <= 1)
      throw new ConflictError(
        'A case keeps at least one vulnerability: edit this one, or add another before removing it.',
      )
    await trx.deleteFrom('vulnerabilities').where('id', '=', row.id).execute()
    await appendLedger(trx, caseId, await ledgerActorOf(trx, actor), 'vulnerability.removed', {
      id: row.id,
      title: row.title,
    })
  })
}
