// The handle repository functions take: the database or a transaction inside it.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from './schema.js'

export type Db = Kysely<Database> | Transaction<Database>

/** Runs `fn` in a transaction, or inside the caller's one if `db` already is a transaction. */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>)
  return (db as Kysely<Database>).transaction().execute(fn)
}

/** PostgreSQL's unique_violation, raised by a concurrent insert that passed our own check. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string }
  return e?.code === '23505' && (!constraint || e.constraint === constraint)
}

export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)

/** An ILIKE pattern that finds `text` anywhere, with the user's own % and _ taken literally. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`

/** A LIKE pattern that finds text starting with `text`, % and _ taken literally. */
export const startsWithPattern = (text: string): string => `${escapeLike(text)}%`

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => '\\' + c)
