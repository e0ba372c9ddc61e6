// `npm run bench:ledger-signing`: what signing a case's ledger head costs at every append, with the
// instance's OpenPGP key (a detached signature by openpgp.js) against the Ed25519 ledger key
// (node:crypto). Prints the mean per signature of each, measured in this run.
import { generateKeyPairSync, sign } from 'node:crypto'
import * as openpgp from 'openpgp'
import { generateInstanceKey } from '../src/mail/pgp.js'
import { canonicalJson } from '../src/domain/ledger.js'

const rounds = Number(process.env.ROUNDS ?? 500)
const statement = (i: number) =>
  canonicalJson({
    type: 'lockstep.ledger-head/1',
    caseId: '0190f6c2-6c1f-7c5e-8b1a-2f3c4d5e6f70',
    sequence: i,
    hash: 'ab'.repeat(32),
    signedAt: new Date().toISOString(),
  })

async function time(label: string, fn: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(i) // warm up
  const start = process.hrtime.bigint()
  for (let i = 0; i < rounds; i++) await fn(i)
  const perOp = Number(process.hrtime.bigint() - start) / 1e6 / rounds
  process.stdout.write(`${label}: ${perOp.toFixed(3)} ms per head (${rounds} rounds)\n`)
  return perOp
}

const pgpKey = await generateInstanceKey('Lockstep', 'lockstep@example.org')
const privateKey = await openpgp.readPrivateKey({ armoredKey: pgpKey.armoredPrivateKey })
const pgp = await time('OpenPGP detached signature (instance key)', async (i) =>
  openpgp.sign({
    message: await openpgp.createMessage({ text: statement(i) }),
    signingKeys: privateKey,
    detached: true,
  }),
)
const { privateKey: ed } = generateKeyPairSync('ed25519')
const ed25519 = await time('Ed25519 signature (ledger key)', (i) => sign(null, Buffer.from(statement(i)), ed))
process.stdout.write(`OpenPGP costs ${(pgp / ed25519).toFixed(0)}x the Ed25519 signature\n`)
