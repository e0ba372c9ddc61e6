// What every route module receives: the database and the instance's settings.
import type { Config } from '../../config.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import type { RelyingParty } from '../../commands/auth/webauthn.js'

export interface HttpContext {
  db: Kysely<Database>
  config: Config
  deviceSecret: string
  /** Signs the proof-of-work challenges of the public report form. */
  challengeSecret: string
  secureCookies: boolean
  relyingParty: RelyingParty
  /** Recorded as a demo in the database (store/demoInstance.ts): its accounts and passwords are public. */
  demoInstance: boolean
}
