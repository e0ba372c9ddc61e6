// What a backup says about itself (manifest.json, the last entry of the archive): the format and
// its version, the schema migrations applied where it was taken, and per table its columns, its
// rows and the parts holding them with each part's SHA-256. Restoring reads it first and decides
// here whether it can go ahead: a backup of a newer schema, a manifest of another format, or a
// part whose hash differs is refused before anything is written.
export const BACKUP_FORMAT = 'lockstep-backup'
export const BACKUP_FORMAT_VERSION = 1

export interface BackupPart {
  name: string
  rows: number
  sha256: string
}

export interface BackupTable {
  name: string
  columns: string[]
  rows: number
  parts: BackupPart[]
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  createdAt: string
  /** Where it was taken: 'embedded' or 'postgres'. */
  source: string
  schemaVersion: number
  migrations: number[]
  /** In the order they are restored: a table after those it refers to. */
  tables: BackupTable[]
}

export class BackupRefusal extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Reads manifest.json, refusing what this version cannot restore. */
export function readManifest(text: string, knownSchemaVersion: number): BackupManifest {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new BackupRefusal('its manifest.json is not JSON')
  }
  if (!isObject(parsed) || parsed.format !== BACKUP_FORMAT)
    throw new BackupRefusal('it is not a Lockstep backup (manifest.json names another format)')
  if (typeof parsed.formatVersion !== 'number' || parsed.formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupRefusal(
      `it is written in backup format ${String(parsed.formatVersion)}; this Lockstep reads up to ${BACKUP_FORMAT_VERSION}`,
    )
  const manifest = parsed as unknown as BackupManifest
  if (!Array.isArray(manifest.tables) || typeof manifest.schemaVersion !== 'number')
    throw new BackupRefusal('its manifest.json lists no tables or no schema version')
  if (manifest.schemaVersion > knownSchemaVersion)
    throw new BackupRefusal(
      `it was taken from a newer Lockstep (schema version ${manifest.schemaVersion}; this one knows up to ${knownSchemaVersion}): upgrade Lockstep first`,
    )
  return manifest
}

/** The parts whose content differs from the manifest's hash, or that are missing or unlisted. */
export function partProblems(manifest: BackupManifest, seen: ReadonlyMap<string, string>): string[] {
  const problems: string[] = []
  const listed = new Set<string>()
  for (const table of manifest.tables)
    for (const part of table.parts) {
      listed.add(part.name)
      const hash = seen.get(part.name)
      if (hash === undefined) problems.push(`${part.name} is missing`)
      else if (hash !== part.sha256) problems.push(`${part.name} does not match its SHA-256 in the manifest`)
    }
  for (const name of seen.keys()) if (!listed.has(name)) problems.push(`${name} is not listed in the manifest`)
  return problems
}

/** Tables ordered so that each comes after the tables it refers to (a reference to itself aside). */
export function dependencyOrder(
  tables: readonly string[],
  references: readonly { from: string; to: string }[],
): string[] {
  const needs = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const r of references) if (r.from !== r.to && needs.has(r.to)) needs.get(r.from)?.add(r.to)
  const ordered: string[] = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const visit = (t: string) => {
    if (placed.has(t)) return
    if (visiting.has(t)) throw new Error(`tables refer to each other in a cycle through ${t}`)
    visiting.add(t)
    for (const n of [...needs.get(t)!].sort()) visit(n)
    visiting.delete(t)
    placed.add(t)
    ordered.push(t)
  }
  for (const t of [...tables].sort()) visit(t)
  return ordered
}
