// `lockstep peers add <url>` / `confirm <url> <fingerprint>` / `list` / `remove <url>`: the
// instance's peers from the console (as the system actor, like the other operator chores). Adding
// prints the peer's fingerprint to compare with its admin; only `confirm` (or `add --fingerprint`)
// pins the key.
import type { Command } from 'commander'
import { system as systemActor } from '../../domain/actor.js'
import {
  addPeer,
  confirmPeer,
  findPeer,
  ourPeerDocument,
  peersFor,
  removePeer,
} from '../../commands/federation/peers.js'
import { loadConfig } from '../../config.js'
import { fingerprintOf } from '../../security/federationKey.js'
import type { PeerRow } from '../../store/federation/peers.js'
import { fetchPeerDocument } from '../federation/client.js'
import { withDatabase } from './withDatabase.js'

const line = (p: PeerRow) =>
  `${p.state.padEnd(8)} ${p.base_url}  ${p.name}\n         fingerprint ${fingerprintOf(p.key_id)}`

export function peerCommands(program: Command): void {
  const peers = program.command('peers').description('Peer instances this one federates with (issue 17)')

  peers
    .command('add')
    .argument('<url>', "the peer's address, e.g. https://cert.example.org")
    .option('--fingerprint <fingerprint>', "pin at once: the fingerprint the peer's admin told you")
    .description("Fetch a peer's key and keep it pending until its fingerprint is confirmed")
    .action(async (url: string, opts: { fingerprint?: string }) => {
      await withDatabase(async (db, publicUrl) => {
        let peer = await addPeer(db, systemActor, { url, fetchDocument: fetchPeerDocument, ourBaseUrl: publicUrl })
        if (opts.fingerprint)
          peer = await confirmPeer(db, systemActor, { peerId: peer.id, fingerprint: opts.fingerprint })
        console.log(line(peer))
        if (peer.state === 'pending')
          console.log(
            `Compare this fingerprint with the peer's admin, then: lockstep peers confirm ${peer.base_url} '<fingerprint>'`,
          )
      })
    })

  peers
    .command('confirm')
    .argument('<peer>', "the peer's address or id")
    .argument('<fingerprint>', "the fingerprint the peer's admin told you")
    .description("Pin a pending peer's key once its fingerprint is confirmed out of band")
    .action(async (which: string, fingerprint: string) => {
      await withDatabase(async (db) => {
        const peer = await findPeer(db, systemActor, which)
        console.log(line(await confirmPeer(db, systemActor, { peerId: peer.id, fingerprint })))
      })
    })

  peers
    .command('list')
    .description("The peers, their state and fingerprints, and this instance's own fingerprint")
    .action(async () => {
      await withDatabase(async (db) => {
        const ours = await ourPeerDocument(db, loadConfig())
        console.log(`this instance ${ours.baseUrl}\n         fingerprint ${ours.fingerprint}`)
        for (const p of await peersFor(db, systemActor)) console.log(line(p))
      })
    })

  peers
    .command('remove')
    .argument('<peer>', "the peer's address or id")
    .description('Remove a peer: its messages are refused from now on')
    .action(async (which: string) => {
      await withDatabase(async (db) => {
        const peer = await findPeer(db, systemActor, which)
        await removePeer(db, systemActor, peer.id)
        console.log(`removed ${peer.base_url}`)
      })
    })
}
