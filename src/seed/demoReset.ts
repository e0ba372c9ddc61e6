// `lockstep demo reset` and the demo admin's reset button: the instance emptied and the demo seeded
// again, its release minutes ahead, in one transaction (commands/demo/resetDemo.ts); the job that
// tells the vendors told after publication scheduled anew in the same transaction.
import type { Actor } from '../domain/actor.js'
import { resetDemoInstance } from '../commands/demo/resetDemo.js'
import type { Db } from '../store/db.js'
import { seedDemoIn } from './demo.js'
import { scheduleLateVendors } from './demoAfterRelease.js'
import { DEMO_CASE_TITLE } from './demoCase.js'

export interface DemoResetOutcome {
  /** The demo's release instant, and how many minutes ahead it was at the reset. */
  releaseAt: Date
  releaseInMinutes: number
}

export async function resetDemo(db: Db, actor: Actor, o: { releaseInMinutes: number }): Promise<DemoResetOutcome> {
  return resetDemoInstance(db, actor, async (trx) => {
    await seedDemoIn(trx, { releaseInMinutes: o.releaseInMinutes, how: 'reset' })
    await scheduleLateVendors(trx)
    const c = await trx
      .selectFrom('cases')
      .select('embargo_ends_at')
      .where('title', '=', DEMO_CASE_TITLE)
      .executeTakeFirstOrThrow()
    return { releaseAt: c.embargo_ends_at!, releaseInMinutes: o.releaseInMinutes }
  })
}
