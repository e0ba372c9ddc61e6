// What the public reads: the documents written at release (pages, CSAF, OSV, CVE, feeds) by
// path, and the published advisories' snapshots, searched by ID or any text they contain.
import { sql } from 'kysely'
import type { Db } from './db.js'

export function findPublishedDocument(db: Db, path: string) {
  return db
    .selectFrom('published_documents')
    .select(['content_type', 'body', 'etag', 'updated_at'])
    .where('path', '=', path)
    .executeTakeFirst()
}

function publishedMatching(db: Db, text: string | undefined) {
  let q = db.selectFrom('advisories').where('state', '=', 'published')
  const t = text?.trim()
  if (t) {
    const like = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    q = q.where((eb) => eb.or([eb('public_id', 'ilike', like), eb(eb.cast(eb.ref('snapshot'), 'text'), 'ilike', like)]))
  }
  return q
}

/** Published advisories' snapshots, newest first; `text` searches the ID and the whole snapshot. */
export async function searchPublishedAdvisories(
  db: Db,
  text: string | undefined,
  page: { limit: number; offset: number },
): Promise<unknown[]> {
  const rows = await publishedMatching(db, text)
    .select('snapshot')
    .orderBy('released_at', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((r) => r.snapshot)
}

export async function countPublishedAdvisories(db: Db, text: string | undefined): Promise<number> {
  const row = await publishedMatching(db, text)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function findPublishedAdvisory(db: Db, publicId: string): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('advisories')
    .select('snapshot')
    .where('state', '=', 'published')
    .where('public_id', '=', publicId.toUpperCase())
    .executeTakeFirst()
  return row?.snapshot
}

/** The documents written under a folder (a path prefix ending in "/"), with when each was last written. */
export function listPublishedUnder(db: Db, folder: string) {
  return db
    .selectFrom('published_documents')
    .select(['path', 'updated_at'])
    .where('path', 'like', `${folder.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .orderBy('path')
    .execute()
}

/** The publisher named by the newest published advisory (without reading the rest of its snapshot). */
export async function newestPublisher(db: Db): Promise<unknown | undefined> {
  const row = await db
    .selectFrom('advisories')
    .select(sql<unknown>`snapshot -> 'publisher'`.as('publisher'))
    .where('state', '=', 'published')
    .orderBy('released_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.publisher
}
