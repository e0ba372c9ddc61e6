// The daily digest: one mail per person who chose it for some kinds, listing what of those kinds
// they have not read (and no digest has listed yet), as far as they may still see it. Encrypted
// to their key; without one, only how many things wait (the titles name cases under embargo).
import type { UserActor } from '../../domain/actor.js'
import type { Db } from '../../store/db.js'
import { inTransaction } from '../../store/db.js'
import { activeUser, digestChoices, markDigested, undigested } from '../../store/notifications.js'
import { enqueueMail } from '../../mail/outbox.js'
import { notificationScope } from './notifications.js'

/** Sends the digests due; returns how many mails were queued. */
export async function sendDigests(db: Db, now = new Date()): Promise<number> {
  let sent = 0
  for (const [userId, kinds] of await digestChoices(db)) {
    const found = await activeUser(db, userId)
    if (!found) continue
    const actor: UserActor = {
      kind: 'user',
      userId,
      instanceRole: found.user.instance_role,
      memberships: new Map(found.memberships.map((m) => [m.organization_id, m.role])),
      via: 'session',
    }
    sent += await inTransaction(db, async (trx) => {
      const items = await undigested(trx, notificationScope(actor), kinds)
      if (items.length === 0) return 0
      await markDigested(
        trx,
        items.map((i) => i.id),
        now,
      )
      return enqueueMail(trx, [{ email: found.user.email, name: found.user.name, userId, organizationId: null }], {
        caseId: null,
        thread: null,
        data: { template: 'needs.digest', items: items.map((i) => ({ title: i.title, link: i.link })) },
        confidential: true,
        tlp: 'AMBER',
      })
    })
  }
  return sent
}
