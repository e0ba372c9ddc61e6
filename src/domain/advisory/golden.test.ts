// The exporters' output for the fixtures, byte for byte, against the files in test/support/golden: a change
// in any format shows up as a diff to review. When a change is intended, rewrite the files with
//   UPDATE_GOLDEN=1 npx vitest run --project unit src/domain/advisory/golden.test.ts
// and commit them with the change (read the diff first: it is what consumers will see).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { toPublicJson } from './advisoryJson.js'
import { toAtomFeed } from './atom.js'
import { csafFilename, toCsaf } from './csaf.js'
import { toCveRecord } from './cve5.js'
import { allSnapshots, sendmailSnapshot, widgetrySnapshot } from '../../../test/support/advisorySnapshots.js'
import { toOsv } from './osv.js'
import { newestFirst, toProviderMetadata, toRolieFeed } from './rolie.js'

const goldenDir = fileURLToPath(new URL('../../../test/support/golden/', import.meta.url))
const update = process.env.UPDATE_GOLDEN === '1'
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
const newest = newestFirst(allSnapshots)[0]!

const golden: [file: string, produce: () => string][] = [
  ['sendmail.csaf.json', () => json(toCsaf(sendmailSnapshot))],
  ['sendmail.osv.json', () => json(toOsv(sendmailSnapshot))],
  [
    'CVE-2002-1337.json',
    () =>
      json(
        toCveRecord(sendmailSnapshot, sendmailSnapshot.vulnerabilities[0]!, {
          orgId: 'b3476cb9-2e3d-41a6-98d0-0f47421a65b6',
          shortName: 'lockstep',
        }),
      ),
  ],
  ['sendmail.json', () => json(toPublicJson(sendmailSnapshot))],
  [csafFilename(widgetrySnapshot.id), () => json(toCsaf(widgetrySnapshot))],
  [
    'advisories.atom',
    () =>
      toAtomFeed([...allSnapshots], {
        url: 'https://lockstep.example/advisories.atom',
        title: 'Lockstep advisories',
        updated: newest.currentReleaseDate,
      }),
  ],
  ['rolie.json', () => json(toRolieFeed([...allSnapshots], { baseUrl: 'https://lockstep.example', tlp: 'WHITE' }))],
  [
    'provider-metadata.json',
    () =>
      json(
        toProviderMetadata({
          baseUrl: 'https://lockstep.example',
          publisher: sendmailSnapshot.publisher,
          lastUpdated: newest.currentReleaseDate,
        }),
      ),
  ],
]

describe('golden files', () => {
  it.each(golden)('%s', (file, produce) => {
    const path = `${goldenDir}${file}`
    const output = produce()
    if (update) {
      mkdirSync(goldenDir, { recursive: true })
      writeFileSync(path, output)
    }
    expect(existsSync(path), `${file} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true)
    expect(output).toBe(readFileSync(path, 'utf8'))
  })
})
