// A person's own notifications and mail choices: listed under their current scope (what they can
// no longer see is not shown), marked read, and each kind's delivery chosen.
import type { Actor } from '../../domain/actor.js'
import { UnauthenticatedError } from '../../domain/errors.js'
import {
  defaultDelivery,
  notificationKinds,
  notificationKindWords,
  type MailDelivery,
  type NotificationKind,
} from '../../domain/notificationKinds.js'
import { can, caseScope } from '../../domain/policy/index.js'
import type { Db } from '../../store/db.js'
import {
  listNotifications,
  markNotificationsRead,
  readPreferences,
  writePreference,
  type NotificationScope,
} from '../../store/notifications.js'

function userOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new UnauthenticatedError()
  return actor.userId
}

export function notificationScope(actor: Actor): NotificationScope {
  return {
    userId: userOf(actor),
    cases: caseScope(actor),
    reports: can(actor, 'list_reports', { type: 'instance' }) ? 'all' : 'own',
  }
}

export function myNotifications(db: Db, actor: Actor, page: { limit: number; offset: number; unreadOnly: boolean }) {
  return listNotifications(db, notificationScope(actor), page)
}

export function markRead(db: Db, actor: Actor, ids: readonly string[] | 'all', now = new Date()) {
  return markNotificationsRead(db, userOf(actor), ids, now)
}

export async function myMailPreferences(db: Db, actor: Actor) {
  const chosen = new Map((await readPreferences(db, [userOf(actor)])).map((p) => [p.kind, p.delivery]))
  return notificationKinds.map((kind) => ({
    kind,
    label: notificationKindWords[kind],
    delivery: (chosen.get(kind) ?? defaultDelivery[kind]) as MailDelivery,
  }))
}

export async function setMailPreferences(
  db: Db,
  actor: Actor,
  choices: readonly { kind: NotificationKind; delivery: MailDelivery }[],
) {
  const userId = userOf(actor)
  for (const c of choices) await writePreference(db, userId, c.kind, c.delivery)
  return myMailPreferences(db, actor)
}
