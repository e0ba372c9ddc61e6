// Product threads: in a case with hundreds of vendors, the talk about one product (the Red Hat
// packages, the Solaris patch) is kept apart from the case-wide thread. Everyone in the case may
// read and write in one, as in the case-wide thread; but only the coordinator, the vendors whose
// own products match the thread's product, and whoever wrote there are told of new posts, so a
// thousand vendors are not mailed about one vendor's packaging.
import { sql, type Selectable } from 'kysely'
import type { Actor } from '../../domain/actor.js'
import { ConflictError, ValidationError } from '../../domain/errors.js'
import {
  matchesAffected,
  parseProductPattern,
  type AffectedLike,
  type ProductPattern,
} from '../../domain/productPatterns.js'
import { partyOf, type Resources } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import { inTransaction, isUuid } from '../../store/db.js'
import { appendLedger, ledgerActorOf } from '../../store/ledger.js'
import type { CaseTopicsTable } from '../../store/schema.js'
import { productColumns } from '../vendors/directory.js'
import type { ThreadInfo } from './threads.js'
import { TOPIC_PREFIX } from '../../store/threadPlaces.js'
import { actorUserId } from '../../domain/actor.js'
import { loadCaseFor } from './caseAccess.js'

type TopicRow = Selectable<CaseTopicsTable>

/** The product as an affected product, to match vendors' patterns against. */
function asAffected(t: Pick<TopicRow, 'kind' | 'pattern'>): AffectedLike {
  return t.kind === 'purl' ? { purl: t.pattern } : { purl: null, cpe: t.pattern }
}

function patternsOf(rows: readonly { pattern: string }[]): ProductPattern[] {
  return rows.flatMap((r) => {
    const p = parseProductPattern(r.pattern)
    return p.ok ? [p.pattern] : []
  })
}

function toThread(t: TopicRow, caseResource: Resources['case'], yours: boolean): ThreadInfo {
  return {
    key: `${TOPIC_PREFIX}${t.id}`,
    title: t.title,
    participantId: null,
    topicId: t.id,
    product: { pattern: t.pattern, yours },
    resource: { type: 'thread', case: caseResource, privateTo: null },
  }
}

/** The product patterns of the organizations the actor belongs to. */
async function actorPatterns(db: Db, actor: Actor): Promise<ProductPattern[]> {
  const { organizationIds } = partyOf(actor)
  if (organizationIds.length === 0) return []
  return patternsOf(
    await db.selectFrom('vendor_products').select('pattern').where('organization_id', 'in', organizationIds).execute(),
  )
}

export async function productThreadsOf(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
): Promise<ThreadInfo[]> {
  const topics = await db
    .selectFrom('case_topics')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('title')
    .orderBy('id')
    .execute()
  if (topics.length === 0) return []
  const mine = await actorPatterns(db, actor)
  return topics.map((t) =>
    toThread(
      t,
      caseResource,
      mine.some((p) => matchesAffected(p, asAffected(t))),
    ),
  )
}

export async function findProductThread(
  db: Db,
  actor: Actor,
  caseId: string,
  caseResource: Resources['case'],
  id: string,
): Promise<ThreadInfo | undefined> {
  if (!isUuid(id)) return undefined
  const t = await db
    .selectFrom('case_topics')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst()
  if (!t) return undefined
  const mine = await actorPatterns(db, actor)
  return toThread(
    t,
    caseResource,
    mine.some((p) => matchesAffected(p, asAffected(t))),
  )
}

/**
 * Who is told of a post in a product thread: the coordinating participant, the vendor
 * participants with a product matching the thread's, and every participant who wrote there.
 */
export async function productThreadAudience(db: Db, caseId: string, topicId: string): Promise<string[]> {
  const t = await db
    .selectFrom('case_topics')
    .select(['kind', 'pattern'])
    .where('case_id', '=', caseId)
    .where('id', '=', topicId)
    .executeTakeFirst()
  if (!t) return []
  const { rows } = await sql<{ id: string; roles: string[]; patterns: string[] | null; wrote: boolean }>`
    SELECT p.id, p.roles,
           (SELECT array_agg(vp.pattern) FROM vendor_products vp WHERE vp.organization_id = p.organization_id) AS patterns,
           EXISTS (SELECT 1 FROM case_messages m
                   LEFT JOIN memberships ms ON ms.user_id = m.author_user_id AND ms.organization_id = p.organization_id
                   WHERE m.topic_id = ${topicId} AND (m.author_user_id = p.user_id OR ms.user_id IS NOT NULL)) AS wrote
    FROM participants p
    WHERE p.case_id = ${caseId} AND p.removed_at IS NULL`.execute(db)
  const product = asAffected(t)
  return rows
    .filter(
      (r) =>
        r.roles.includes('coordinator') ||
        r.wrote ||
        (r.roles.includes('vendor') &&
          patternsOf((r.patterns ?? []).map((pattern) => ({ pattern }))).some((p) => matchesAffected(p, product))),
    )
    .map((r) => r.id)
}

/**
 * Opens a product thread; the product must be a purl or CPE pattern, one thread per product.
 * The caller has been authorized to update the case.
 */
/** Who may update the case opens a product thread; answers it as the opener sees it. */
export async function openProductThread(
  db: Db,
  actor: Actor,
  caseIdOrNumber: string,
  input: { product: string; title?: string | undefined },
): Promise<ThreadInfo> {
  return inTransaction(db, async (trx) => {
    const { row: c, resource } = await loadCaseFor(trx, actor, caseIdOrNumber, 'update')
    const parsed = parseProductPattern(input.product)
    if (!parsed.ok) throw new ValidationError({ field: 'product', message: parsed.reason })
    const title = (input.title?.trim() || parsed.pattern.canonical).slice(0, 200)
    const caseId = c.id
    const existing = await trx
      .selectFrom('case_topics')
      .select('title')
      .where('case_id', '=', caseId)
      .where('pattern', '=', parsed.pattern.canonical)
      .executeTakeFirst()
    if (existing)
      throw new ConflictError(`This case already has a thread about ${parsed.pattern.canonical}: “${existing.title}”.`)
    const row = await trx
      .insertInto('case_topics')
      .values({
        case_id: caseId,
        title,
        ...productColumns(parsed.pattern),
        created_by: actorUserId(actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await appendLedger(
      trx,
      caseId,
      await ledgerActorOf(trx, actor),
      'thread.opened',
      { thread: row.title, threadKey: `${TOPIC_PREFIX}${row.id}`, product: row.pattern },
      row.created_at,
    )
    const mine = await actorPatterns(trx, actor)
    return toThread(
      row,
      resource,
      mine.some((p) => matchesAffected(p, asAffected(row))),
    )
  })
}
