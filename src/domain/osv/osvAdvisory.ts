// Reads one OSV JSON document (ossf.github.io/osv-schema) into the fields Lockstep keeps and
// matches by. Only those fields are checked, so that a document with extra or newer fields still
// imports; a missing or mistyped one is refused with its file and JSON path named, because an
// operator importing thousands of files needs to find the one that failed.
import type { OsvAffected, OsvEvent, OsvRange } from './osvRanges.js'
import { jsonMayHoldUnstorableText, unstorableTextIn } from '../storableText.js'

export interface OsvAdvisory {
  id: string
  summary: string | null
  details: string | null
  aliases: string[]
  /** The first CVSS vector OSV gives (CVSS_V2, V3 or V4), if any. */
  severity: string | null
  published: string | null
  modified: string
  withdrawn: string | null
  affected: OsvAffected[]
  /** The parsed document, kept whole for the record. */
  document: Record<string, unknown>
}

export class OsvFormatError extends Error {}

type Json = Record<string, unknown>

function reader(file: string) {
  const fail = (path: string, what: string): never => {
    throw new OsvFormatError(`${file}: ${path} ${what}`)
  }
  const expected = (value: unknown, path: string, what: string): never =>
    fail(
      path,
      value === undefined ? `is missing (${what})` : `must be ${what} (got ${JSON.stringify(value).slice(0, 40)})`,
    )
  const object = (value: unknown, path: string): Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : expected(value, path, 'an object')
  const array = (value: unknown, path: string): unknown[] =>
    Array.isArray(value) ? value : expected(value, path, 'an array')
  const string = (value: unknown, path: string): string =>
    typeof value === 'string' ? value : expected(value, path, 'a string')
  const optional = <T>(value: unknown, read: (v: unknown) => T): T | null =>
    value === undefined || value === null ? null : read(value)
  const timestamp = (value: unknown, path: string): string => {
    const text = string(value, path)
    return Number.isNaN(Date.parse(text))
      ? fail(path, `must be an RFC 3339 timestamp (got ${JSON.stringify(text)})`)
      : text
  }
  const strings = (value: unknown, path: string): string[] =>
    array(value, path).map((v, i) => string(v, `${path}[${i}]`))
  return { object, array, string, optional, timestamp, strings }
}

function readAffected(r: ReturnType<typeof reader>, value: unknown, path: string): OsvAffected {
  const entry = r.object(value, path)
  const pkg = r.object(entry.package, `${path}.package`)
  const ranges = r.optional(entry.ranges, (v) =>
    r.array(v, `${path}.ranges`).map((x, i): OsvRange => {
      const range = r.object(x, `${path}.ranges[${i}]`)
      const events = r
        .array(range.events, `${path}.ranges[${i}].events`)
        .map((e, j) => r.object(e, `${path}.ranges[${i}].events[${j}]`) as OsvEvent)
      return { type: r.string(range.type, `${path}.ranges[${i}].type`), events }
    }),
  )
  return {
    package: {
      ecosystem: r.string(pkg.ecosystem, `${path}.package.ecosystem`),
      name: r.string(pkg.name, `${path}.package.name`),
      purl: r.optional(pkg.purl, (v) => r.string(v, `${path}.package.purl`)) ?? undefined,
    },
    ranges: ranges ?? undefined,
    versions: r.optional(entry.versions, (v) => r.strings(v, `${path}.versions`)) ?? undefined,
  }
}

export function readOsvAdvisory(text: string, file: string): OsvAdvisory {
  const r = reader(file)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new OsvFormatError(`${file}: not JSON (${(error as Error).message})`)
  }
  // The document is kept as it came: text the database cannot hold refuses it, wherever it is.
  const unstorable = jsonMayHoldUnstorableText(text) ? unstorableTextIn(parsed)[0] : undefined
  if (unstorable) throw new OsvFormatError(`${file}: ${unstorable.field} ${unstorable.message}`)
  const doc = r.object(parsed, 'the document')
  const severities =
    r.optional(doc.severity, (v) => r.array(v, 'severity').map((s, i) => r.object(s, `severity[${i}]`))) ?? []
  const cvss = severities.find((s) => typeof s.type === 'string' && s.type.startsWith('CVSS_'))
  return {
    id: r.string(doc.id, 'id'),
    summary: r.optional(doc.summary, (v) => r.string(v, 'summary')),
    details: r.optional(doc.details, (v) => r.string(v, 'details')),
    aliases: r.optional(doc.aliases, (v) => r.strings(v, 'aliases')) ?? [],
    severity: cvss ? r.string(cvss.score, `severity[${severities.indexOf(cvss)}].score`) : null,
    published: r.optional(doc.published, (v) => r.timestamp(v, 'published')),
    modified: r.timestamp(doc.modified, 'modified'),
    withdrawn: r.optional(doc.withdrawn, (v) => r.timestamp(v, 'withdrawn')),
    affected: (r.optional(doc.affected, (v) => r.array(v, 'affected')) ?? []).map((a, i) =>
      readAffected(r, a, `affected[${i}]`),
    ),
    document: doc,
  }
}

/** What an advisory is called to an owner: its first CVE alias, else its own id. */
export function vulnerabilityName(advisory: { id: string; aliases: readonly string[] }): string {
  return advisory.aliases.find((a) => a.startsWith('CVE-')) ?? advisory.id
}
