// The advisory exporters in one place: callers (the release command, the public routes) import
// from here, and `advisoryExporters` lets them produce every format of a snapshot in one loop.
// Validation (validate.ts) is kept apart: it pulls in ajv and csaf-validator-lib.
import { toPublicJson } from './advisoryJson.js'
import { toAtomFeed } from './atom.js'
import { toCsaf } from './csaf.js'
import { toCveRecord, toCveRecords } from './cve5.js'
import { toOsv } from './osv.js'
import { toProviderMetadata, toRolieFeed } from './rolie.js'

export * from './snapshot.js'
export { toPublicJson, publicJsonFormat, type PublicAdvisory } from './advisoryJson.js'
export { toAtomFeed, escapeXml, type AtomFeedOptions } from './atom.js'
export { toCsaf, csafGenerator } from './csaf.js'
export { toCveRecord, toCveRecords, type CveNumberingAuthority } from './cve5.js'
export { toOsv, osvSchemaVersion } from './osv.js'
export {
  toRolieFeed,
  toProviderMetadata,
  newestFirst,
  type RolieFeedOptions,
  type ProviderMetadataOptions,
} from './rolie.js'
export { advisoryLinks, csafFilename, csafPath, osvId, vulnerabilityId, type AdvisoryLinks } from './links.js'

export const advisoryExporters = {
  csaf: toCsaf,
  osv: toOsv,
  cve5: { record: toCveRecord, records: toCveRecords },
  atom: { feed: toAtomFeed, rolie: toRolieFeed, providerMetadata: toProviderMetadata },
  json: toPublicJson,
} as const
