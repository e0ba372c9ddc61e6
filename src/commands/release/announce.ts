// The announcement mail: at release, every confirmed subscriber gets the advisory's overview and
// link, in the release's transaction (so exactly once, and never before). Public content, so
// plain mail; each carries its own unsubscribe link, an HMAC of the subscriber under an instance
// secret, so nothing secret needs to be stored to write it.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { AdvisorySnapshot } from '../../domain/advisory/snapshot.js'
import { advisoryLinks } from '../../domain/advisory/links.js'
import type { Db } from '../../store/db.js'
import { instanceSecret } from '../../store/instanceSecrets.js'
import { enqueueMail } from '../../mail/outbox.js'

export async function unsubscribeToken(db: Db, subscriberId: string): Promise<string> {
  return createHmac('sha256', await instanceSecret(db, 'subscriptions'))
    .update(subscriberId)
    .digest('base64url')
    .slice(0, 32)
}

export async function checkUnsubscribeToken(db: Db, subscriberId: string, token: string): Promise<boolean> {
  const want = Buffer.from(await unsubscribeToken(db, subscriberId))
  const got = Buffer.from(token)
  return want.length === got.length && timingSafeEqual(want, got)
}

export async function announceRelease(trx: Db, s: AdvisorySnapshot, publicUrl: string): Promise<number> {
  const subscribers = await trx
    .selectFrom('advisory_subscribers')
    .select(['id', 'email'])
    .where('confirmed_at', 'is not', null)
    .orderBy('created_at')
    .execute()
  const url = advisoryLinks(s).page
  for (const sub of subscribers) {
    const unsubscribeUrl = `${publicUrl}/subscriptions/unsubscribe?id=${sub.id}&token=${await unsubscribeToken(trx, sub.id)}`
    await enqueueMail(trx, [{ email: sub.email, name: null, userId: null, organizationId: null }], {
      caseId: null,
      thread: null,
      data: {
        template: 'advisory.published',
        advisoryId: s.id,
        title: s.title,
        overview: s.overview,
        url,
        cves: s.vulnerabilities.flatMap((v) => (v.cve ? [v.cve] : [])),
        unsubscribeUrl,
      },
      confidential: false,
      tlp: 'CLEAR',
    })
  }
  return subscribers.length
}
