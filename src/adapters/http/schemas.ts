// Shared zod schemas for the HTTP API: inputs are strict (unknown fields are refused by name),
// outputs are what the presenters produce. The OpenAPI document is generated from these.
import { PackageURL } from 'packageurl-js'
import { z } from 'zod'
import { resourceActions } from '../../domain/policy/index.js'

export const id = z.uuid({ error: 'must be a UUID' })
export const email = z.email({ error: 'must be an e-mail address' }).max(254)
export const name = z.string().trim().min(1, 'must not be empty').max(200)
export const password = z.string().min(1, 'must not be empty').max(256)
export const instanceRole = z.enum(['none', 'coordinator', 'admin'])
export const organizationKind = z.enum(['coordinator', 'vendor', 'finder', 'owner', 'other'])
export const organizationRole = z.enum(['admin', 'member'])
export const timestamp = z.iso.datetime()

function abilitiesOf<T extends keyof typeof resourceActions>(type: T) {
  const actions = resourceActions[type] as readonly string[]
  return z
    .object(Object.fromEntries(actions.map((a) => [a, z.boolean()])))
    .describe(`What the caller may do with this ${type}`)
}

export const instanceAbilities = abilitiesOf('instance')

export const user = z.object({
  id,
  email: z.string(),
  name: z.string(),
  instanceRole,
  timeZone: z.string().nullable().describe('The zone chosen; null: the browser’s'),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  createdAt: timestamp,
  abilities: abilitiesOf('user'),
})

export const organization = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  kind: organizationKind,
  website: z.string().nullable(),
  notes: z.string().describe("The vendor directory's notes"),
  embargo: z
    .object({ preferredDays: z.number().nullable(), minDays: z.number().nullable(), maxDays: z.number().nullable() })
    .describe("A vendor's embargo policy, in days"),
  criticalInfrastructure: z
    .boolean()
    .describe('Flagged by the coordinators: pre-notified (TLP:AMBER) of advisories that affect its inventory'),
  createdAt: timestamp,
  abilities: abilitiesOf('organization'),
})

export const membership = z.object({
  organization: organization,
  role: organizationRole,
})

export const member = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  role: organizationRole,
  since: timestamp,
  abilities: abilitiesOf('membership'),
})

export const apiToken = z.object({
  id,
  name: z.string(),
  prefix: z.string().describe('The first characters of the token, to recognise it'),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  scope: z.enum(['read', 'read_write']).describe('read: only reads; read_write: all its user may do'),
  abilities: abilitiesOf('api_token'),
})

export const invitation = z.object({
  id,
  email: z.string(),
  organizationId: id.nullable(),
  organizationName: z.string().nullable(),
  organizationRole: organizationRole.nullable(),
  instanceRole,
  state: z.enum(['pending', 'accepted', 'expired', 'revoked']),
  createdAt: timestamp,
  expiresAt: timestamp,
  abilities: abilitiesOf('invitation'),
})

export const signInStage = z.enum(['complete', 'second_factor', 'totp_enrolment'])

export const page = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export const idParams = z.strictObject({ id: z.string() })
export const noContent = z.null().describe('No content')

export const tlpLabel = z.enum(['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'])

export const attachment = z.object({
  id,
  filename: z.string(),
  size: z.number().describe('Bytes'),
  sha256: z.string().describe('Hex SHA-256 of the content, to check the downloaded file'),
  tlp: tlpLabel,
  author: z.enum(['reporter', 'coordinator', 'participant']),
  authorName: z.string(),
  at: timestamp,
})

export const reportMessage = z.object({
  id,
  author: z.enum(['reporter', 'coordinator']),
  authorName: z.string(),
  body: z.string(),
  tlp: tlpLabel,
  at: timestamp,
  unread: z.boolean().describe('Written by the other side since you last read the conversation'),
})

/** A package URL (purl), checked by packageurl-js. */
export const purl = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => {
      try {
        PackageURL.fromString(value)
        return true
      } catch {
        return false
      }
    },
    { message: 'is not a valid package URL (for example pkg:deb/debian/sendmail@8.12.3)' },
  )
