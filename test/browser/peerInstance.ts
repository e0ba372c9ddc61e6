// CERT-B, a second Lockstep instance beside a browser suite's own (CERT-A), for the pages that
// federate: started before the suite's tests and closed after them.
import { afterAll, beforeAll } from 'vitest'
import { startInstance, trustPeer, type Instance } from '../support/federatedInstances.js'
import type { BrowserSuite } from './support.js'

/**
 * With `pinned`, both admins have confirmed each other's fingerprint already (peers.test.ts clicks
 * through that). Called in the suite's body; what it answers stands for the instance once the
 * suite's beforeAll has started it (as the suite itself is filled in then).
 */
export function peerInstance(suite: BrowserSuite, options: { pinned: boolean }): Instance {
  let started: Instance | undefined
  beforeAll(async () => {
    started = await startInstance('pglite', 'CERT-B')
    if (!options.pinned) return
    const here = { url: suite.baseUrl, name: 'CERT-A', db: suite.server.database.db }
    await trustPeer(here.db, { url: started.url, name: 'CERT-B', db: started.database.db })
    await trustPeer(started.database.db, here)
  })
  afterAll(async () => {
    await started?.close()
  })
  const current = () => {
    if (!started) throw new Error('the peer instance is started in beforeAll: use it inside a test')
    return started
  }
  // Every field read from the started instance, so `peer.admin` is its client even after comeBack().
  return new Proxy({} as Instance, { get: (_, field) => Reflect.get(current(), field) })
}
