// A reply by mail into a case thread. The reply address says to whom Lockstep wrote (a user, or an
// organization's contact), not who answers: anyone who saw the address could write to it. So a
// reply is posted in its owner's name only when it comes from one of the owner's addresses (the
// address written to, the account's address) and carries no signature that fails to verify to the
// owner's key, or when it is signed by the owner's key whatever its From. Anything else is posted
// marked with its real sender, "not verified as" the owner, and speaks for no one: the vendor is
// not counted as having answered, and the owner is told of the post like everyone else.
import { parseTlp } from '../../../domain/tlp.js'
import { stripQuotedReply } from '../../../domain/replyText.js'
import { safeFilename } from '../../../domain/filenames.js'
import type { Db } from '../../../store/db.js'
import type { ReplyAddressesTable } from '../../../store/schema.js'
import type { Selectable } from 'kysely'
import { CASE_WIDE, TOPIC_PREFIX } from '../../../store/threadPlaces.js'
import { insertAttachment } from '../../../store/attachments.js'
import { insertThreadPost } from '../../../commands/cases/threads.js'
import type { Cleaning, Content } from './content.js'
import type { Outcome } from './process.js'

export type ReplyTarget = Selectable<ReplyAddressesTable>

/** Who a reply address belongs to: their account (if any and enabled), addresses and keys. */
export async function ownerOf(db: Db, target: ReplyTarget) {
  const user = target.user_id
    ? await db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'disabled_at'])
        .where('id', '=', target.user_id)
        .executeTakeFirst()
    : undefined
  const keys = await db
    .selectFrom('pgp_keys')
    .select(['armored', 'fingerprint'])
    .where((eb) =>
      eb.or([
        eb('user_id', '=', target.user_id ?? '00000000-0000-0000-0000-000000000000'),
        eb('organization_id', '=', target.organization_id ?? '00000000-0000-0000-0000-000000000000'),
      ]),
    )
    .execute()
  return {
    user: user && !user.disabled_at ? user : undefined,
    addresses: new Set([target.email, user?.email].filter((a): a is string => !!a).map((a) => a.toLowerCase())),
    keys,
  }
}
export type ReplyOwner = Awaited<ReturnType<typeof ownerOf>>

/** Whether the reply may be posted in the owner's name, and if not, why. */
export function verifySender(
  owner: ReplyOwner,
  senderAddress: string,
  content: Content,
): { ok: true } | { ok: false; why: string } {
  const signature = content.signature
  const ownKey = signature?.state === 'valid' && owner.keys.some((k) => k.fingerprint === signature.fingerprint)
  if (ownKey) return { ok: true }
  if (signature?.state === 'invalid') return { ok: false, why: 'its signature is not valid' }
  if (signature && signature.state !== 'unsigned' && owner.keys.length > 0)
    return { ok: false, why: 'it is signed, but not with a key of the address’s owner' }
  if (!owner.addresses.has(senderAddress)) return { ok: false, why: 'it comes from another address' }
  return { ok: true }
}

export async function postReply(
  trx: Db,
  o: { target: ReplyTarget; owner: ReplyOwner; attachmentLimitBytes: number },
  from: { address: string; name: string | null },
  subject: string,
  content: Content,
  cleaning: Cleaning,
): Promise<Outcome> {
  const { target } = o
  const topic = target.thread.startsWith(TOPIC_PREFIX)
    ? await trx
        .selectFrom('case_topics')
        .select(['id', 'title'])
        .where('case_id', '=', target.case_id)
        .where('id', '=', target.thread.slice(TOPIC_PREFIX.length))
        .executeTakeFirst()
    : undefined
  if (target.thread.startsWith(TOPIC_PREFIX) && !topic)
    return { status: 'failed', note: 'the product thread of this reply address no longer exists' }
  const participant =
    target.thread === CASE_WIDE || topic
      ? null
      : await trx
          .selectFrom('participants')
          .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
          .leftJoin('users', 'users.id', 'participants.user_id')
          .select([
            'participants.id',
            'participants.removed_at',
            'organizations.name as organization_name',
            'users.name as user_name',
          ])
          .where('participants.id', '=', target.thread)
          .executeTakeFirst()
  if (participant?.removed_at) return { status: 'failed', note: 'the sender no longer takes part in the case' }
  const title = participant
    ? `Coordinator and ${participant.organization_name ?? participant.user_name ?? 'participant'}`
    : (topic?.title ?? 'Everyone in the case')

  const verdict = verifySender(o.owner, from.address, content)
  const owner = verdict.ok ? o.owner.user : undefined
  const ownerName = o.owner.user ? `${o.owner.user.name} <${target.email}>` : target.email
  const label = !verdict.ok
    ? `Sent from ${from.address}, not verified as ${ownerName}`
    : owner
      ? null
      : `${from.name ?? target.email} <${target.email}>`
  const c = await trx.selectFrom('cases').select('tlp').where('id', '=', target.case_id).executeTakeFirstOrThrow()
  // A label written in the subject or the text ("TLP:RED") is the message's; otherwise the case's.
  const written = parseTlp(
    /TLP:\s*(CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)/i.exec(`${subject}\n${content.text}`)?.[0] ?? '',
  )
  const tlp = written.ok ? written.label : c.tlp
  const notes = [...content.notes, cleaning.note()].filter((n): n is string => !!n)
  const text = (stripQuotedReply(content.text).slice(0, 100_000) || '(An empty reply.)').replace(/[\uD800-\uDBFF]$/, '')
  const body = notes.length ? `${text}\n\n[${notes.join(' ')}]` : text
  const message = await insertThreadPost(
    trx,
    target.case_id,
    { key: target.thread, title, participantId: participant?.id ?? null, topicId: topic?.id ?? null },
    {
      userId: owner?.id ?? null,
      name: owner?.name ?? label!,
      label,
      email: verdict.ok ? target.email : from.address,
      via: 'mail',
      organizationId: verdict.ok ? target.organization_id : null,
    },
    body,
    tlp,
  )
  for (const a of content.attachments) {
    const name = safeFilename(a.filename)
    if (!name.ok || a.content.length === 0 || a.content.length > o.attachmentLimitBytes) continue
    await insertAttachment(trx, {
      caseId: target.case_id,
      participantId: participant?.id ?? null,
      topicId: topic?.id ?? null,
      author: 'participant',
      authorUserId: owner?.id ?? null,
      filename: name.name,
      declaredType: a.contentType,
      content: a.content,
      tlp,
    })
  }
  const how = verdict.ok ? '' : ` marked as sent from ${from.address}, not verified as ${ownerName} (${verdict.why})`
  return {
    status: 'processed',
    note: `posted to “${title}”${how} (${content.security})`,
    caseMessageId: message.id,
  }
}
