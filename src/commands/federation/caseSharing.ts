// Sending what keeps crossing after a case is shared (domain/federation/caseSharing.ts): a message
// of the case-wide thread as it is posted, a vendor's status when its RM state or its own facts
// move, the case's facts when they move, a vendor's statement once approved. Each goes to every
// peer sharing the case through the outbox, with its entry on the case's ledger, in the caller's
// transaction; what came from a peer is passed on to the others, never back to it (nor to the
// instance a vendor's status or statement was given on). What may leave is the sending side's
// rule: a message labelled RED or AMBER+STRICT, and every message of a private or product thread,
// stays here; a vendor's status or statement from a peer is passed on only while the case's own
// label may cross.
import {
  addCaseStatus,
  addStatement,
  addVendorStatus,
  caseMayCross,
  createNote,
  noteMayCross,
  type Origin,
  type SharedNote,
  type SharedStatement,
  type VendorStatus,
} from '../../domain/federation/caseSharing.js'
import type { TlpLabel } from '../../domain/tlp.js'
import type { Db } from '../../store/db.js'
import { anonymousFinderUserIds } from '../../store/participants.js'
import { ANONYMOUS_FINDER } from '../cases/identities.js'
import { sendToSharers, sharedWithAnyPeer } from './sharedEmbargo.js'

/** Passes a note on to the peers sharing the case (but `exceptPeerId`, the one it came from). */
export async function sendNote(
  trx: Db,
  caseId: string,
  note: (caseUrl: string) => SharedNote,
  exceptPeerId?: string,
): Promise<void> {
  await sendToSharers(
    trx,
    caseId,
    { except: exceptPeerId },
    {
      activityType: 'Create/Note',
      ledgerKind: 'case.note_shared',
      payload: {},
      build: (e) => {
        const n = note(e.caseUrl)
        return createNote({ ...e, note: n })
      },
    },
  )
}

/**
 * A message just posted here: sent to the peers sharing the case when it may cross (the case-wide
 * thread, a label that may leave). An anonymous finder is not named to the peer either.
 */
export async function shareMessage(
  trx: Db,
  caseId: string,
  m: { id: string; body: string; tlp: TlpLabel; at: Date; caseWide: boolean; authorUserId: string | null },
  authorName: string,
): Promise<void> {
  if (!noteMayCross({ tlp: m.tlp, caseWide: m.caseWide })) return
  const unnamed = m.authorUserId !== null && (await anonymousFinderUserIds(trx, caseId)).has(m.authorUserId)
  await sendNote(trx, caseId, (caseUrl) => ({
    noteId: `${caseUrl}/messages/${m.id}`,
    content: m.body,
    tlp: m.tlp,
    published: m.at,
    authorName: unnamed ? ANONYMOUS_FINDER : authorName,
    authorInstance: null,
  }))
}

/** A vendor's RM state or facts moved here: its status goes to the peers sharing the case. */
export async function shareVendorStatus(trx: Db, caseId: string, participantId: string): Promise<void> {
  if (!(await sharedWithAnyPeer(trx, caseId))) return
  const p = await trx
    .selectFrom('participants')
    .leftJoin('organizations', 'organizations.id', 'participants.organization_id')
    .leftJoin('users', 'users.id', 'participants.user_id')
    .select([
      'participants.id',
      'participants.roles',
      'participants.rm_state',
      'participants.vendor_aware_at',
      'participants.fix_ready_at',
      'participants.fix_deployed_at',
      'organizations.name as organization_name',
      'users.name as user_name',
    ])
    .where('participants.id', '=', participantId)
    .executeTakeFirst()
  if (!p?.roles.includes('vendor')) return
  await sendToSharers(
    trx,
    caseId,
    {},
    {
      activityType: 'Add/ParticipantStatus',
      ledgerKind: 'case.vendor_status_shared',
      payload: { vendor: p.organization_name ?? p.user_name ?? 'A vendor', rmState: p.rm_state },
      build: (e) =>
        addVendorStatus({
          ...e,
          status: {
            participantUrl: `${e.caseUrl}/participants/${p.id}`,
            name: p.organization_name ?? p.user_name ?? 'A vendor',
            rmState: p.rm_state,
            vendorAware: p.vendor_aware_at,
            fixReady: p.fix_ready_at,
            fixDeployed: p.fix_deployed_at,
          },
        }),
    },
  )
}

/** The case's facts moved here (or came from a peer, `exceptPeerId`): they go to the peers sharing it. */
export async function shareCaseStatus(trx: Db, caseId: string, exceptPeerId?: string): Promise<void> {
  if (!(await sharedWithAnyPeer(trx, caseId))) return
  const c = await trx
    .selectFrom('cases')
    .select(['public_aware_at', 'exploit_public_at', 'attacks_observed_at'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow()
  const facts = {
    publicAware: c.public_aware_at,
    exploitPublic: c.exploit_public_at,
    attacksObserved: c.attacks_observed_at,
  }
  await sendToSharers(
    trx,
    caseId,
    { except: exceptPeerId },
    {
      activityType: 'Add/CaseStatus',
      ledgerKind: 'case.status_shared',
      payload: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, v?.toISOString() ?? ''])),
      build: (e) => addCaseStatus({ ...e, facts }),
    },
  )
}

/** A vendor's statement approved here: it goes to the peers sharing the case. */
export async function shareStatement(trx: Db, caseId: string, statementId: string): Promise<void> {
  if (!(await sharedWithAnyPeer(trx, caseId))) return
  const s = await trx
    .selectFrom('vendor_statements as s')
    .innerJoin('participants as p', 'p.id', 's.participant_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('vulnerabilities as v', 'v.id', 's.vulnerability_id')
    .select([
      's.id',
      's.participant_id',
      's.status',
      's.justification',
      's.fixed_versions',
      's.remediation',
      's.approved_at',
      'o.name as organization_name',
      'u.name as user_name',
      'v.title',
      'v.cve_id',
    ])
    .where('s.id', '=', statementId)
    .executeTakeFirst()
  if (!s?.approved_at) return
  const vendor = s.organization_name ?? s.user_name ?? 'A vendor'
  await sendToSharers(
    trx,
    caseId,
    {},
    {
      activityType: 'Add/VendorStatement',
      ledgerKind: 'case.statement_shared',
      payload: { vendor, status: s.status, vulnerability: s.title },
      build: (e) =>
        addStatement({
          ...e,
          statement: {
            statementUrl: `${e.caseUrl}/statements/${s.id}`,
            participantUrl: `${e.caseUrl}/participants/${s.participant_id}`,
            vendor,
            vulnerability: { title: s.title, cve: s.cve_id },
            status: s.status,
            justification: s.justification,
            fixedVersions: s.fixed_versions,
            remediation: s.remediation,
            approvedAt: s.approved_at!,
            origin: null,
          },
        }),
    },
  )
}

/** A vendor's status or approved statement taken from a peer, with where it was given. */
export type PassedOn =
  | { kind: 'vendor-status'; status: VendorStatus & { origin: Origin } }
  | { kind: 'statement'; statement: SharedStatement & { origin: Origin } }

/**
 * A vendor's status or statement taken from a peer, passed on to the other peers sharing the case:
 * not back to the peer it came from (`fromPeerId`), nor to the instance it was given on, and only
 * while the case's own label may cross (the relaying side's rule). A status keeps the instant it
 * was stated there, so the one arriving again by another way is not news.
 */
export async function passOn(trx: Db, caseId: string, item: PassedOn, fromPeerId: string): Promise<void> {
  const c = await trx.selectFrom('cases').select('tlp').where('id', '=', caseId).executeTakeFirstOrThrow()
  if (!caseMayCross(c.tlp)) return
  const origin = item.kind === 'vendor-status' ? item.status.origin : item.statement.origin
  await sendToSharers(
    trx,
    caseId,
    { except: fromPeerId, exceptUrl: origin.url },
    item.kind === 'vendor-status'
      ? {
          activityType: 'Add/ParticipantStatus',
          ledgerKind: 'case.vendor_status_shared',
          payload: { vendor: item.status.name, rmState: item.status.rmState, origin: origin.name },
          build: (e) => addVendorStatus({ ...e, status: item.status }),
        }
      : {
          activityType: 'Add/VendorStatement',
          ledgerKind: 'case.statement_shared',
          payload: {
            vendor: item.statement.vendor,
            status: item.statement.status,
            vulnerability: item.statement.vulnerability.title,
            origin: origin.name,
          },
          build: (e) => addStatement({ ...e, statement: item.statement }),
        },
  )
}
