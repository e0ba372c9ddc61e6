// A case's signed ledger heads, for everyone in the case to fetch and keep elsewhere, and the
// instance's ledger public key they are checked with (also at /.well-known/lockstep-ledger-key.pem).
// `lockstep ledger verify <case> --heads <file>` takes the JSON this route answers.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { HEAD_STATEMENT_TYPE } from '../../../domain/ledgerHead.js'
import { caseLedgerHeads } from '../../../commands/cases/viewCase.js'
import { peerLedgerHeadsOf } from '../../../commands/federation/peerLedgerHeads.js'
import { ensureLedgerKey } from '../../../store/ledgerHeads.js'
import type { HttpContext } from '../context.js'
import * as s from '../schemas.js'

export const signedHead = z.object({
  caseId: s.id,
  sequence: z.number().int().describe('The ledger entry this head ends at'),
  hash: z.string().describe("The ledger's hash at that entry (SHA-256 hex), covering every entry up to it"),
  signedAt: z.string().describe('UTC ISO instant of the signature'),
  keyId: z.string().describe("SHA-256 hex of the signing key's public half (SPKI DER)"),
  signature: z.string().describe('Base64 Ed25519 signature over the head statement'),
})

const ledgerKey = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  publicKeyPem: z.string(),
  statement: z.string().describe('How the signed bytes are formed from a head'),
})

const statementDoc = `canonical JSON (keys sorted, no spaces) of {"caseId","hash","sequence","signedAt","type":"${HEAD_STATEMENT_TYPE}"}`

export const ledgerHeadRoutes =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/cases/:id/ledger/heads',
      {
        config: { access: { policy: { resource: 'case', action: 'read_ledger_heads' } } },
        schema: {
          tags: ['cases'],
          summary:
            "The case's signed ledger heads, one per entry since signing began: keep them to check the ledger later",
          params: s.idParams,
          response: {
            200: z.object({
              caseId: s.id,
              caseNumber: z.string(),
              keyId: z.string().describe("The instance's ledger key now"),
              heads: z.array(signedHead).describe('Oldest first'),
              peerHeads: z
                .array(
                  z.object({
                    peer: z.string(),
                    peerUrl: z.string(),
                    peerCaseUrl: z.string().describe('The shared case on the peer'),
                    sequence: z.number().int(),
                    hash: z.string(),
                    signedAt: z.string(),
                    keyId: z.string(),
                    signature: z.string(),
                    verified: z.boolean().describe("Whether the signature checks out against the peer's ledger key"),
                    receivedAt: s.timestamp,
                    disagreement: z
                      .string()
                      .nullable()
                      .describe(
                        'The first disagreement found between the two ledgers (a second head for one entry, another key, or a head the peer holds of ours that our ledger no longer matches)',
                      ),
                    disagreementAt: s.timestamp.nullable(),
                    confirmedSequence: z
                      .number()
                      .int()
                      .nullable()
                      .describe("The latest of this case's heads the peer holds and sent back, found in this ledger"),
                    confirmedAt: s.timestamp.nullable(),
                  }),
                )
                .describe("The latest signed head of the shared case's ledger each peer sharing it sent"),
            }),
          },
        },
      },
      async (request) => {
        const { row, heads } = await caseLedgerHeads(ctx.db, request.actor, request.params.id)
        const key = await ensureLedgerKey(ctx.db)
        const peerHeads = await peerLedgerHeadsOf(ctx.db, row.id)
        return { caseId: row.id, caseNumber: row.case_number, keyId: key.keyId, heads, peerHeads }
      },
    )

    app.get(
      '/instance/ledger-key',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['cases'],
          summary: "The instance's ledger public key, which signs every case's ledger heads",
          response: { 200: ledgerKey },
        },
      },
      async () => {
        const key = await ensureLedgerKey(ctx.db)
        return {
          algorithm: 'Ed25519' as const,
          keyId: key.keyId,
          publicKeyPem: key.publicKeyPem,
          statement: statementDoc,
        }
      },
    )
  }

/** GET /.well-known/lockstep-ledger-key.pem: the ledger public key, for tools (`openssl pkeyutl -verify`). */
export const wellKnownLedgerKeyRoute =
  (ctx: HttpContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/.well-known/lockstep-ledger-key.pem', { schema: { hide: true } }, async (_request, reply) => {
      const key = await ensureLedgerKey(ctx.db)
      return reply
        .header('content-type', 'application/x-pem-file; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(key.publicKeyPem)
    })
  }
