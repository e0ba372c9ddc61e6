// The in-app notifications of one person: written by the commands in the event's transaction,
// listed newest first under the caller's scope (a case they no longer take part in, a report they
// may not read, is not listed), marked read. The store decides nothing about who may see what.
import { sql, type ExpressionBuilder } from 'kysely'
import type { CaseScope } from '../domain/policy/index.js'
import { compiledOnce } from './compiledOnce.js'
import type { Db } from './db.js'
import type { Database } from './schema.js'

export interface NewNotification {
  kind: string
  caseId?: string | null
  reportId?: string | null
  title: string
  link: string
}

export async function insertNotifications(trx: Db, userIds: readonly string[], n: NewNotification): Promise<void> {
  const unique = [...new Set(userIds)]
  if (unique.length === 0) return
  await trx
    .insertInto('notifications')
    .values(
      unique.map((userId) => ({
        user_id: userId,
        kind: n.kind,
        case_id: n.caseId ?? null,
        report_id: n.reportId ?? null,
        title: n.title,
        link: n.link,
      })),
    )
    .execute()
}

/** Which notifications the caller may still see: their case visible, their report readable. */
export interface NotificationScope {
  userId: string
  cases: CaseScope
  /** 'all' (the staff) or only reports the caller sent. */
  reports: 'all' | 'own'
}

function visible(scope: NotificationScope) {
  return (eb: ExpressionBuilder<Database, 'notifications'>) => {
    const caseOk =
      scope.cases === 'all'
        ? sql<boolean>`true`
        : eb.exists(
            eb
              .selectFrom('participants as p')
              .select('p.id')
              .whereRef('p.case_id', '=', 'notifications.case_id')
              .where('p.removed_at', 'is', null)
              .where((p) =>
                p.or([
                  p('p.user_id', '=', scope.userId),
                  ...(scope.cases !== 'all' && scope.cases.organizationIds.length
                    ? [p('p.organization_id', 'in', scope.cases.organizationIds)]
                    : []),
                ]),
              ),
          )
    const reportOk =
      scope.reports === 'all'
        ? sql<boolean>`true`
        : eb.exists(
            eb
              .selectFrom('reports as r')
              .select('r.id')
              .whereRef('r.id', '=', 'notifications.report_id')
              .where('r.reporter_user_id', '=', scope.userId),
          )
    return eb.and([
      eb('notifications.user_id', '=', scope.userId),
      eb.or([eb('notifications.case_id', 'is', null), caseOk]),
      eb.or([eb('notifications.report_id', 'is', null), reportOk]),
    ])
  }
}

export async function listNotifications(
  db: Db,
  scope: NotificationScope,
  page: { limit: number; offset: number; unreadOnly: boolean },
) {
  let q = db.selectFrom('notifications').where(visible(scope))
  if (page.unreadOnly) q = q.where('read_at', 'is', null)
  const [items, total, unread] = await Promise.all([
    q
      .select(['id', 'kind', 'title', 'link', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    countUnread(db, scope),
  ])
  return { items, total: Number(total.n), unread }
}

export async function countUnread(db: Db, scope: NotificationScope): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .where(visible(scope))
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Marks the caller's own notifications read: the ids given, or all of them. */
export async function markNotificationsRead(db: Db, userId: string, ids: readonly string[] | 'all', now: Date) {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
  if (ids !== 'all') {
    if (ids.length === 0) return 0
    q = q.where('id', 'in', ids)
  }
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function readPreferences(db: Db, userIds: readonly string[]) {
  if (userIds.length === 0) return []
  return db
    .selectFrom('mail_preferences')
    .selectAll()
    .where('user_id', 'in', [...new Set(userIds)])
    .execute()
}

export async function writePreference(db: Db, userId: string, kind: string, delivery: 'app' | 'now' | 'digest') {
  await db
    .insertInto('mail_preferences')
    .values({ user_id: userId, kind, delivery })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery }))
    .execute()
}

/** The people who chose a daily digest for at least one kind, with those kinds. */
export async function digestChoices(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('mail_preferences')
    .select(['user_id', 'kind'])
    .where('delivery', '=', 'digest')
    .execute()
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.kind])
  return out
}

/** Unread notifications of these kinds not yet in a digest, oldest first, locked for this digest. */
export function undigested(trx: Db, scope: NotificationScope, kinds: readonly string[]) {
  return trx
    .selectFrom('notifications')
    .select(['id', 'title', 'link'])
    .where(visible(scope))
    .where('read_at', 'is', null)
    .where('digested_at', 'is', null)
    .where('kind', 'in', [...kinds])
    .orderBy('created_at')
    .limit(200)
    .forUpdate()
    .execute()
}

export async function markDigested(trx: Db, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length) await trx.updateTable('notifications').set({ digested_at: now }).where('id', 'in', ids).execute()
}

/** A user as the policy sees them (their role and memberships), to scope their digest; undefined if disabled. */
export async function activeUser(db: Db, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'instance_role'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst()
  if (!user) return undefined
  const memberships = await db
    .selectFrom('memberships')
    .select(['organization_id', 'role'])
    .where('user_id', '=', userId)
    .execute()
  return { user, memberships }
}

const withDelivery = (db: Db, kind: string) =>
  db
    .selectFrom('users')
    .leftJoin('mail_preferences as p', (join) => join.onRef('p.user_id', '=', 'users.id').on('p.kind', '=', kind))
    .select(['users.id', 'users.email', 'users.name', 'users.instance_role', 'p.delivery'])
const oneUserWithDelivery = compiledOnce(
  (db: Db, kind: string, userId: string) => withDelivery(db, kind).where('users.id', '=', userId),
  ['', ''],
)
const enabledUsersWithDelivery = compiledOnce(
  (db: Db, kind: string) => withDelivery(db, kind).where('users.disabled_at', 'is', null),
  [''],
)

/**
 * Users to tell, with their address and the delivery they chose for `kind` (null: none chosen),
 * in one read compiled once (new reports tell the staff in bursts): the one given, or every user
 * not disabled (for the caller to pick from).
 */
export function usersWithDelivery(db: Db, kind: string, which: { userId: string } | 'enabled') {
  return which === 'enabled' ? enabledUsersWithDelivery(db, kind) : oneUserWithDelivery(db, kind, which.userId)
}
