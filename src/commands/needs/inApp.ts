// Telling people in the app, in the event's own transaction, and deciding who of them also gets
// the event's mail at once: people with an account as they chose (mail_preferences, else the
// kind's default); contacts without an account (who have no app to look in) always by mail.
import { defaultDelivery, type MailDelivery, type NotificationKind } from '../../domain/notificationKinds.js'
import type { Db } from '../../store/db.js'
import { insertNotifications, readPreferences } from '../../store/notifications.js'

export interface Told {
  caseId?: string | null
  reportId?: string | null
  title: string
  link: string
}

/** One notification per person with an account among `people`. */
export async function tell(
  trx: Db,
  kind: NotificationKind,
  people: readonly { userId: string | null }[],
  what: Told,
): Promise<void> {
  const userIds = people.flatMap((p) => (p.userId ? [p.userId] : []))
  await insertNotifications(trx, userIds, { kind, ...what })
}

/** Each person's delivery of `kind`: their choice or the kind's default. */
export async function deliveries(
  trx: Db,
  kind: NotificationKind,
  userIds: readonly string[],
): Promise<Map<string, MailDelivery>> {
  const chosen = new Map(
    (await readPreferences(trx, userIds)).filter((p) => p.kind === kind).map((p) => [p.user_id, p.delivery]),
  )
  return new Map(userIds.map((id) => [id, deliveryOf(kind, chosen.get(id))]))
}

/** The delivery a person gets: their choice for the kind, else the kind's default. */
export function deliveryOf(kind: NotificationKind, chosen: MailDelivery | null | undefined): MailDelivery {
  return chosen ?? defaultDelivery[kind]
}

/** Those of `recipients` who get this kind by mail at once. */
export async function mailedAtOnce<R extends { userId: string | null }>(
  trx: Db,
  kind: NotificationKind,
  recipients: readonly R[],
): Promise<R[]> {
  const ways = await deliveries(
    trx,
    kind,
    recipients.flatMap((r) => (r.userId ? [r.userId] : [])),
  )
  return recipients.filter((r) => r.userId === null || ways.get(r.userId) === 'now')
}

/** Tell everyone in the app, and mail those who want it at once: the usual pair. */
export async function tellAndPick<R extends { userId: string | null }>(
  trx: Db,
  kind: NotificationKind,
  recipients: readonly R[],
  what: Told,
): Promise<R[]> {
  await tell(trx, kind, recipients, what)
  return mailedAtOnce(trx, kind, recipients)
}
