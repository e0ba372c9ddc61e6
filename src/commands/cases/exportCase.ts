// `lockstep export case <id> --as <user-email|organization>`: what one participant of a case may
// see of it, as a bundle to hand them (JSON and their files). It is read through the same commands
// the API answers with, as that participant: the policy decides every part, so a vendor's bundle
// has the case-wide thread and its own private one but not the staff's threads with others, only
// the statements it may see, and an anonymous finder unnamed. An organization is exported as any
// of its members sees the case (their personal participations aside). Nothing is written.
import type { Actor, UserActor } from '../../domain/actor.js'
import { NotFoundError } from '../../domain/errors.js'
import type { EmbargoPolicy } from '../../domain/embargo.js'
import type { Db } from '../../store/db.js'
import { attachmentContent } from '../../store/attachments.js'
import { findOrganization, findOrganizationBySlug, listMembershipsOf } from '../../store/organizations.js'
import { findUserByEmail } from '../../store/users.js'
import { threadAttachments } from '../attachments.js'
import { embargoView } from '../embargo/embargoView.js'
import { readAdvisory } from '../release/drafts.js'
import { listStatements } from '../vendors/statements.js'
import { listThreads, readThreadMessages } from './threads.js'
import { caseLedgerHeads, viewCase } from './viewCase.js'

export interface BundleEntry {
  name: string
  data: Buffer
}

/** No user has this id: an organization's export stands for "any member", not someone in particular. */
const ANY_MEMBER = '00000000-0000-0000-0000-000000000000'

/** The participant the bundle is for, as the policy sees them: read-only, like a read token. */
export async function exportActor(db: Db, who: string): Promise<{ actor: UserActor; label: string }> {
  if (who.includes('@')) {
    const user = await findUserByEmail(db, who)
    if (!user) throw new NotFoundError(`user ${who}`)
    const memberships = await listMembershipsOf(db, user.id)
    return {
      actor: {
        kind: 'user',
        userId: user.id,
        instanceRole: user.instance_role,
        memberships: new Map(memberships.map((m) => [m.id, m.role])),
        via: 'token',
        scope: 'read',
      },
      label: `${user.name} <${user.email}>`,
    }
  }
  const org = (await findOrganizationBySlug(db, who)) ?? (await findOrganization(db, who).catch(() => undefined))
  if (!org) throw new NotFoundError(`organization ${who}`)
  return {
    actor: {
      kind: 'user',
      userId: ANY_MEMBER,
      instanceRole: 'none',
      memberships: new Map([[org.id, 'member']]),
      via: 'token',
      scope: 'read',
    },
    label: org.name,
  }
}

const json = (name: string, value: unknown): BundleEntry => ({
  name,
  data: Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8'),
})

/** A part the participant may not see is left out, as the API would answer it "not found". */
async function ifVisible<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    const status = (error as { status?: number }).status
    if (error instanceof NotFoundError || status === 403 || status === 404) return null
    throw error
  }
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60)

export async function exportCase(
  db: Db,
  caseRef: string,
  who: { actor: Actor; label: string },
  o: { embargo: EmbargoPolicy; now?: Date },
): Promise<BundleEntry[]> {
  const { actor } = who
  const view = await viewCase(db, actor, caseRef, 10_000)
  const { row } = view
  const entries: BundleEntry[] = []
  const threadIndex: unknown[] = []
  const { threads } = await listThreads(db, actor, row.id)
  for (const [i, thread] of threads.entries()) {
    const folder = `threads/${String(i + 1).padStart(3, '0')}-${safeName(thread.title)}`
    const messages = await readThreadMessages(db, actor, row.id, thread.key)
    const files = await threadAttachments(db, actor, row.id, thread.key)
    for (const f of files)
      entries.push({ name: `${folder}/files/${f.id}-${safeName(f.filename)}`, data: await attachmentContent(db, f.id) })
    entries.push(
      json(`${folder}/messages.json`, {
        title: thread.title,
        messages,
        files: files.map((f) => ({ ...f, path: `files/${f.id}-${safeName(f.filename)}` })),
      }),
    )
    threadIndex.push({ title: thread.title, folder, messages: messages.length, files: files.length })
  }
  const statements = await listStatements(db, actor, row.id)
  const embargo = await ifVisible(() => embargoView(db, actor, row.id, o.embargo, o.now))
  const advisory = await ifVisible(() => readAdvisory(db, actor, row.id))
  const heads = await ifVisible(() => caseLedgerHeads(db, actor, row.id))
  entries.unshift(
    json('case.json', {
      exportedFor: who.label,
      exportedAt: (o.now ?? new Date()).toISOString(),
      case: {
        caseNumber: row.case_number,
        title: row.title,
        summary: row.summary,
        tlp: row.tlp,
        createdAt: row.created_at,
        publicAwareAt: row.public_aware_at,
        exploitPublicAt: row.exploit_public_at,
        attacksObservedAt: row.attacks_observed_at,
      },
      participants: view.participants.map((p) => ({
        name: p.organization_name ?? p.user_name ?? 'Unknown',
        kind: p.organization_id ? 'organization' : 'person',
        roles: p.roles,
        rmState: p.rm_state,
      })),
      vulnerabilities: view.vulnerabilities,
      threads: threadIndex,
    }),
    json('statements.json', statements),
    ...(embargo ? [json('embargo.json', embargo)] : []),
    ...(advisory
      ? [
          json('advisory.json', {
            advisory: advisory.advisory,
            versions: advisory.versions,
            comments: advisory.comments,
          }),
        ]
      : []),
    ...(heads ? [json('ledger-heads.json', heads.heads)] : []),
  )
  return entries
}
