// `lockstep serve --demo-peer`: beside a demo instance, a second instance in the same process on
// the next port, with its own embedded database in `<data dir>-peer`, so that a newcomer can watch
// one case shared by two coordinators. The two pin each other (as their admins would after
// comparing fingerprints), the main demo's case is offered to the peer, and the peer accepts it:
// the case, with its embargo instant, is then on both. A restart finds all this done and skips it.
import { loadConfig, type Config } from '../../config.js'
import { startServer, type RunningServer } from '../../server.js'
import type { UserActor } from '../../domain/actor.js'
import { addPeer, confirmPeer } from '../../commands/federation/peers.js'
import { offerCaseToPeer, receivedOffersFor } from '../../commands/federation/caseOffers.js'
import { answerOffer } from '../../commands/federation/caseOfferAnswers.js'
import { normalizeBaseUrl } from '../../domain/federation/peerDocument.js'
import { fingerprintOf } from '../../security/federationKey.js'
import { DEMO_CASE_TITLE, demoActor } from '../../seed/demoCase.js'
import { DEMO_PEER_SIGN_IN, seedDemoPeer } from '../../seed/demoPeer.js'
import type { DemoSignIn } from '../../seed/demo.js'
import type { Db } from '../../store/db.js'
import { peerByBaseUrl } from '../../store/federation/peers.js'
import { fetchPeerDocument } from '../federation/client.js'

const MAIN_ADMIN = 'admin@lockstep.demo'
const MAIN_COORDINATOR = 'coordinator@lockstep.demo'
const WAIT_SECONDS = 30

export interface DemoPeer {
  server: RunningServer
  signIn: DemoSignIn
  /** The shared case's number on the peer. */
  caseNumber: string
}

/** The peer's configuration: the main one's, on the next port, its own data directory and name. */
export function demoPeerConfig(main: Config, mainPort: number, env: NodeJS.ProcessEnv = process.env): Config {
  const port = mainPort + 1
  return loadConfig({
    ...env,
    PORT: String(port),
    LOCKSTEP_HOST: main.host,
    LOCKSTEP_PUBLIC_URL: `http://localhost:${port}`,
    LOCKSTEP_DATA: `${main.dataDir}-peer`,
    LOCKSTEP_SMTP_PORT: 'off',
    LOCKSTEP_PUBLISHER_NAME: 'Peer CERT (demo)',
    DATABASE_URL: '',
  })
}

export async function startDemoPeer(main: RunningServer, mainConfig: Config, mainPort: number): Promise<DemoPeer> {
  if (!main.demo)
    throw new Error('--demo-peer needs a demo instance: give --demo as well (or start a new one with npm start)')
  const config = demoPeerConfig(mainConfig, mainPort)
  const server = await startServer({ config, demo: false })
  try {
    const signIn = await seedDemoPeer(server.database.db)
    const mainDb = main.database.db
    const peerDb = server.database.db
    const mainAdmin = await actorOrFail(mainDb, MAIN_ADMIN)
    const peerAdmin = await actorOrFail(peerDb, DEMO_PEER_SIGN_IN.email)
    const peerAtMain = await pinned(mainDb, mainAdmin, config.publicUrl, mainConfig.publicUrl)
    await pinned(peerDb, peerAdmin, mainConfig.publicUrl, config.publicUrl)
    const caseNumber = await sharedCase({ mainDb, peerDb, mainConfig, peerConfig: config, peerAtMain, peerAdmin })
    return { server, signIn, caseNumber }
  } catch (error) {
    await server.stop()
    throw error
  }
}

async function actorOrFail(db: Db, email: string): Promise<UserActor> {
  const actor = await demoActor(db, email)
  if (!actor) throw new Error(`the demo account ${email} is missing`)
  return actor
}

/** `db`'s instance adds the instance at `url` and pins it, unless it did before; answers its peer id. */
async function pinned(db: Db, admin: UserActor, url: string, ourUrl: string): Promise<string> {
  const known = await peerByBaseUrl(db, normalizeBaseUrl(url))
  if (known?.state === 'pinned') return known.id
  const peer = await addPeer(db, admin, { url, fetchDocument: fetchPeerDocument, ourBaseUrl: ourUrl })
  // The fingerprint read from what was fetched stands for the one the peer's admin would say aloud.
  await confirmPeer(db, admin, { peerId: peer.id, fingerprint: fingerprintOf(peer.key_id) })
  return peer.id
}

async function sharedCase(o: {
  mainDb: Db
  peerDb: Db
  mainConfig: Config
  peerConfig: Config
  peerAtMain: string
  peerAdmin: UserActor
}): Promise<string> {
  const demoCase = await o.mainDb
    .selectFrom('cases')
    .select('id')
    .where('title', '=', DEMO_CASE_TITLE)
    .executeTakeFirst()
  if (!demoCase) throw new Error('the demo case is missing on the main instance')
  const offered = await o.mainDb
    .selectFrom('federation_case_offers')
    .select('id')
    .where('case_id', '=', demoCase.id)
    .where('peer_id', '=', o.peerAtMain)
    .executeTakeFirst()
  if (!offered) {
    const coordinator = await actorOrFail(o.mainDb, MAIN_COORDINATOR)
    await offerCaseToPeer(o.mainDb, coordinator, {
      caseId: demoCase.id,
      peerId: o.peerAtMain,
      finderConsent: false,
      ourBaseUrl: o.mainConfig.publicUrl,
    })
  }
  // The offer travels through the outbox; the peer answers it once it has arrived.
  const deadline = Date.now() + WAIT_SECONDS * 1000
  for (;;) {
    const offer = (await receivedOffersFor(o.peerDb, o.peerAdmin))[0]
    if (offer?.state === 'accepted' && offer.case_number) return untilInstantArrives(o, offer.case_number, deadline)
    if (offer?.state === 'offered') {
      const answered = await answerOffer(o.peerDb, o.peerAdmin, {
        offerId: offer.id,
        accept: true,
        ourBaseUrl: o.peerConfig.publicUrl,
      })
      if (answered.caseNumber) return untilInstantArrives(o, answered.caseNumber, deadline)
    }
    if (offer && offer.state !== 'offered' && offer.state !== 'accepted')
      throw new Error(`the demo case's offer to the peer was ${offer.state}`)
    if (Date.now() > deadline) throw new Error(`the demo case did not reach the peer within ${WAIT_SECONDS} s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * The agreed instant reaches the peer after its Accept, as its own message (ActivateEmbargo): the
 * newcomer is shown the shared case once it carries the instant, so both pages agree from the start.
 * Past the deadline the case is shown anyway; the instant follows through the outbox.
 */
async function untilInstantArrives(
  o: { mainDb: Db; peerDb: Db },
  caseNumber: string,
  deadline: number,
): Promise<string> {
  const instant = await o.mainDb
    .selectFrom('cases')
    .select('embargo_ends_at')
    .where('title', '=', DEMO_CASE_TITLE)
    .executeTakeFirst()
  if (!instant?.embargo_ends_at) return caseNumber
  while (Date.now() < deadline) {
    const shared = await o.peerDb
      .selectFrom('cases')
      .select('embargo_ends_at')
      .where('case_number', '=', caseNumber)
      .executeTakeFirst()
    if (shared?.embargo_ends_at) return caseNumber
    await new Promise((r) => setTimeout(r, 200))
  }
  return caseNumber
}
