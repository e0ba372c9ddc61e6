// The demo's peer instance (`lockstep serve --demo-peer`): a second coordinator, on its own
// database, with one account a newcomer signs in with to watch the shared case arrive. Its password
// is the main demo's (public); the account is the peer's admin, so it may answer the case offer.
import { hashPassword } from '../security/passwords.js'
import type { Db } from '../store/db.js'
import { findUserByEmail, insertUser } from '../store/users.js'
import { DEMO_PASSWORD, type DemoSignIn } from './demo.js'

export const DEMO_PEER_SIGN_IN: DemoSignIn = {
  email: 'coordinator@peer.lockstep.demo',
  name: 'Pia Peer',
  role: 'coordinator and admin of the peer instance',
  totpSecret: null,
}

/** Makes the peer's account unless a previous start made it. */
export async function seedDemoPeer(db: Db): Promise<DemoSignIn> {
  const u = DEMO_PEER_SIGN_IN
  if (!(await findUserByEmail(db, u.email)))
    await insertUser(db, {
      email: u.email,
      name: u.name,
      password_hash: await hashPassword(DEMO_PASSWORD),
      instance_role: 'admin',
      totp_secret: null,
      totp_enabled_at: null,
    })
  return u
}
