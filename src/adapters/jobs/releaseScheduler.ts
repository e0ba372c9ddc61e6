// Releasing on time: a timer armed for the next embargo end (re-read from the database every few
// seconds, so a change made by another server is seen), and a sweep at start and on every tick
// that releases whatever is due, late ones included after a restart. Any number of servers may
// run this: the release command locks the advisory and releases it once. The same sweep sends
// critical owners their pre-notice once a release is within the lead time (and catches up an
// owner flagged, or whose affected inventory arrived, after that); the release's own job alerts
// the owners it affects (adapters/jobs/afterRelease.ts), the sweep only catches what that job
// could not. It also mails the coordinators their release checklist before the end. The clock is injected,
// so tests can stand one millisecond before the instant and one after.
import type { Config } from '../../config.js'
import type { Db } from '../../store/db.js'
import { dueReleases, nextReleaseAt, releaseCase, upcomingReleases } from '../../commands/release/release.js'
import { prepareRelease, preparedAt } from '../../commands/release/preparedRelease.js'
import type { ReleaseOptions } from '../../commands/release/documents.js'
import { loadValidators, validateCsafLazily } from '../../commands/release/csafCheck.js'
import {
  advisoriesAwaitingOwnerAlerts,
  alertOwnersOfRelease,
  duePreNotices,
  movedPreNotices,
  ownersDuePreNotice,
  preNoticeCriticalOwners,
  preNoticeLateOwner,
  tellPreNoticedOfMove,
} from '../../commands/owners/releaseAlerts.js'
import { dueReadinessNotices, sendReadinessNotice } from '../../commands/release/readinessNotice.js'

export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

export interface ReleaseScheduler {
  /** Release what is due now; returns the advisories released. */
  sweep(): Promise<string[]>
  stop(): Promise<void>
}

/** How often the next instant is re-read, at most: a timer is also armed for the instant itself. */
const POLL_MS = 5_000
/** How far ahead of a release the CSAF validator is loaded. */
const WARM_AHEAD_MS = 60 * 60_000
/**
 * How far ahead of its instant a release is prepared (commands/release/preparedRelease.ts), and how
 * old a preparation may grow before it is made again (a statement approved in the last minute makes
 * it stale); none is made in the last seconds, when the instant's own work must not wait for it.
 */
const PREPARE_AHEAD_MS = 60_000
const PREPARED_STALE_MS = 15_000
const PREPARE_NOT_WITHIN_MS = 3_000

export function startReleaseScheduler(o: {
  db: Db
  config: Pick<Config, 'publicUrl' | 'release'>
  clock?: Clock
  log?: (message: string, error?: unknown) => void
  validate?: boolean
}): ReleaseScheduler {
  const clock = o.clock ?? systemClock
  const log = o.log ?? (() => undefined)
  const opts: ReleaseOptions = {
    config: o.config,
    ...(o.validate === false ? {} : { validateCsaf: validateCsafLazily }),
  }
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  let running: Promise<string[]> = Promise.resolve([])
  let preparing: Promise<void> = Promise.resolve()
  /** The cases the last sweep tried to release (a failed one waits for the next poll, not a hot loop). */
  let tried = new Set<string>()

  async function sweepOnce(): Promise<string[]> {
    const released: string[] = []
    const due = await dueReleases(o.db, clock.now())
    tried = new Set(due)
    for (const caseId of due) {
      try {
        const r = await releaseCase(o.db, caseId, clock.now(), { kind: 'embargo_end' }, opts)
        // The owners' alerts and the CVE records follow, from the job the release enqueued.
        if (r.released) released.push(r.advisoryId)
      } catch (error) {
        log(`release of case ${caseId} failed`, error)
      }
    }
    // Releases first, then what may wait a few seconds: critical owners' pre-notices (never
    // within the last minute before a release), and a safety net for owner alerts.
    for (const caseId of await duePreNotices(o.db, clock.now(), o.config.release)) {
      await preNoticeCriticalOwners(o.db, caseId, clock.now(), o.config).catch((error: unknown) =>
        log(`pre-notice of case ${caseId} failed`, error),
      )
    }
    // The coordinators' release checklist, once per end instant (commands/release/readinessNotice.ts).
    for (const caseId of await dueReadinessNotices(o.db, clock.now(), o.config.release)) {
      await sendReadinessNotice(o.db, caseId, clock.now(), o.config.release).catch((error: unknown) =>
        log(`mailing the release checklist of case ${caseId} failed`, error),
      )
    }
    for (const owner of await ownersDuePreNotice(o.db)) {
      await preNoticeLateOwner(o.db, owner, clock.now(), o.config).catch((error: unknown) =>
        log(`catching owner ${owner.id} up with pre-notices failed`, error),
      )
    }
    for (const caseId of await movedPreNotices(o.db, clock.now())) {
      await tellPreNoticedOfMove(o.db, caseId, clock.now()).catch((error: unknown) =>
        log(`telling the pre-noticed owners of case ${caseId} of the new date failed`, error),
      )
    }
    // Kept beside the after-release job for what the job cannot cover: an advisory released
    // before the job existed (an upgraded instance), and a job pg-boss gave up on after its
    // retries (the alerts run once either way: owners_alerted_at guards them).
    for (const advisoryId of await advisoriesAwaitingOwnerAlerts(o.db)) {
      await alertOwnersOfRelease(o.db, advisoryId, clock.now()).catch((error: unknown) =>
        log(`alerting the owners of advisory ${advisoryId} failed`, error),
      )
    }
    return released
  }

  /** Prepares the releases of the coming minute that are not prepared yet, or were long ago. */
  async function prepareUpcoming(): Promise<void> {
    const now = clock.now()
    for (const { id, endsAt } of await upcomingReleases(o.db, now, new Date(now.getTime() + PREPARE_AHEAD_MS))) {
      const left = endsAt.getTime() - clock.now().getTime()
      const made = preparedAt(id, endsAt)
      if (left < PREPARE_NOT_WITHIN_MS || (made !== undefined && Date.now() - made < PREPARED_STALE_MS)) continue
      await prepareRelease(o.db, id, endsAt, opts).catch((error: unknown) =>
        log(`preparing the release of case ${id} failed`, error),
      )
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return
    running = sweepOnce()
    await running.catch((error: unknown) => log('release sweep failed', error))
    if (stopped) return
    const next = await nextReleaseAt(o.db, clock.now()).catch(() => null)
    // A release within the hour: have the CSAF validator ready, so the release is not late.
    if (next && o.validate !== false && next.getTime() - clock.now().getTime() < WARM_AHEAD_MS)
      void loadValidators().catch((error: unknown) => log('loading the CSAF validator failed', error))
    // Preparing runs beside the timer, never delaying it; one preparation at a time.
    if (next && next.getTime() - clock.now().getTime() <= PREPARE_AHEAD_MS)
      preparing = preparing.then(prepareUpcoming).catch((error: unknown) => log('preparing releases failed', error))
    // An instant that passed while the sweep ran (the other work above can take seconds on a busy
    // machine) is released now, not at the next poll: found by the release spread bench.
    const passed = (await dueReleases(o.db, clock.now()).catch(() => [])).some((id) => !tried.has(id))
    const wait = passed ? 0 : next ? Math.max(0, Math.min(POLL_MS, next.getTime() - clock.now().getTime())) : POLL_MS
    timer = setTimeout(() => void tick(), wait)
    timer.unref?.()
  }
  void tick()

  return {
    sweep: async () => {
      await running.catch(() => undefined)
      running = sweepOnce()
      return running
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running.catch(() => undefined)
      await preparing
    },
  }
}
