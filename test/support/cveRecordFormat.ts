// The CVE Record Format 5.2 schema and its two full-record examples, as bundled in
// src/domain/advisory/schemas/cve-5.2 (SOURCE.md there says where they came from), for the tests
// that check every CVE record Lockstep writes and the stand-in of CVE Services that checks what
// it is sent. The 5.1 schema in ../shared/conformance no longer fits: 5.1 refuses `packageURL`.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const folder = new URL('../../src/domain/advisory/schemas/cve-5.2/', import.meta.url)

const readJson = (file: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(file, folder)), 'utf8')) as Record<string, unknown>

/** CVE_Record_Format_bundled.json (draft-07, self-contained). */
export const cveRecordSchema: { $id: string } & Record<string, unknown> = readJson(
  'CVE_Record_Format_bundled.json',
) as { $id: string } & Record<string, unknown>

/** The schema repository's full-record examples, by file name. */
export const cveRecordExamples: [file: string, record: Record<string, unknown>][] = [
  'full-record-basic-example.json',
  'full-record-advanced-example.json',
].map((file) => [file, readJson(file)])
