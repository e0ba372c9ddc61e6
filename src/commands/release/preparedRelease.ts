// A release prepared before its instant. At the instant every public form of the advisory must be
// written at once, but rendering them (for a case of 1,000 vendors: the page, CSAF 2.0 and 2.1, OSV,
// CVE records) and checking the CSAF document take hundreds of milliseconds of CPU, on a server that
// readers are polling at that very moment. So the release scheduler prepares them in the last
// minute before the instant: the snapshot dated at the instant, the documents rendered and checked,
// and each signed, so the first reader of a `.asc` does not wait either. At the instant the release
// builds the snapshot again inside its transaction and writes the prepared documents only when the
// snapshot is the same to the byte; anything changed since (a statement approved, the draft edited)
// makes another snapshot, and the release renders it as before. The prepared set is a cache in this
// process, never a source of truth: another server releasing the case renders its own.
import { createHash } from 'node:crypto'
import { toCsaf, type AdvisorySnapshot } from '../../domain/advisory/index.js'
import type { Db } from '../../store/db.js'
import type { AdvisoryDraft } from '../../store/schemaRelease.js'
import { signatureOf } from '../../mail/documentSignatures.js'
import { storedInstanceKey } from '../../mail/instanceKey.js'
import { documentsOf, type PublishedDocument, type ReleaseOptions } from './documents.js'
import { buildSnapshot } from './snapshot.js'

export interface PreparedRelease {
  /** The instant it was dated at. */
  at: number
  /** The SHA-256 of the snapshot's JSON: the release compares its own with it. */
  snapshotHash: string
  docs: PublishedDocument[]
  /** The instance key's fingerprint the page names. */
  fingerprint: string | null
  /** What the CSAF check found (the release refuses the same way it would have). */
  csafProblems: string[]
  preparedAt: number
}

const prepared = new Map<string, PreparedRelease>()

const hashOf = (snapshot: AdvisorySnapshot) => createHash('sha256').update(JSON.stringify(snapshot)).digest('hex')

/**
 * The snapshot a release freezes, dated `at`, with the peers' statements received by `peersUntil`
 * (the instant, for a release at the embargo's end): the release and its preparation build it alike.
 */
export function releaseSnapshot(
  db: Db,
  caseId: string,
  advisory: { public_id: string; draft: AdvisoryDraft },
  opts: ReleaseOptions,
  at: Date,
  peersUntil: Date,
): Promise<AdvisorySnapshot> {
  return buildSnapshot(db, {
    caseId,
    publicId: advisory.public_id,
    draft: advisory.draft,
    release: opts.config.release,
    publicUrl: opts.config.publicUrl,
    initialReleaseDate: at,
    currentReleaseDate: at,
    revisions: [{ number: '1', date: at.toISOString(), summary: 'Initial release' }],
    peerStatementsUntil: peersUntil,
  })
}

/**
 * Prepares the release of a case whose embargo ends at `at`: renders, checks and signs its
 * documents, dated at that instant. Does nothing for a case without a draft advisory.
 */
export async function prepareRelease(db: Db, caseId: string, at: Date, opts: ReleaseOptions): Promise<void> {
  const advisory = await db
    .selectFrom('advisories')
    .select(['public_id', 'draft', 'state'])
    .where('case_id', '=', caseId)
    .executeTakeFirst()
  if (!advisory || advisory.state !== 'draft') return
  const [snapshot, key] = await Promise.all([
    releaseSnapshot(db, caseId, advisory, opts, at, at),
    storedInstanceKey(db),
  ])
  const csaf = toCsaf(snapshot)
  // The check runs in the validator's worker while the documents are rendered here.
  const checking = opts.validateCsaf ? opts.validateCsaf(csaf) : Promise.resolve([])
  const docs = documentsOf(snapshot, opts.config.release.cna, key?.fingerprint ?? null, csaf)
  const csafProblems = await checking
  if (key) await Promise.all(docs.map((d) => signatureOf(d.body, key.armoredPrivateKey)))
  prepared.set(caseId, {
    at: at.getTime(),
    snapshotHash: hashOf(snapshot),
    fingerprint: key?.fingerprint ?? null,
    docs,
    csafProblems,
    preparedAt: Date.now(),
  })
}

/** The prepared release of the case if it was dated `at` and made from this very snapshot and key; taken once. */
export function takePreparedRelease(
  caseId: string,
  at: Date,
  snapshot: AdvisorySnapshot,
  fingerprint: string | null,
): PreparedRelease | undefined {
  const p = prepared.get(caseId)
  prepared.delete(caseId)
  return p && p.at === at.getTime() && p.fingerprint === fingerprint && p.snapshotHash === hashOf(snapshot)
    ? p
    : undefined
}

/** When the case's release was last prepared for the instant `at`, if it was. */
export function preparedAt(caseId: string, at: Date): number | undefined {
  const p = prepared.get(caseId)
  return p && p.at === at.getTime() ? p.preparedAt : undefined
}
