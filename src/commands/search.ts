// Searching everything the actor may see, grouped by kind. The policy gives the scopes; the store
// applies them inside each query, so an outsider's search answers exactly what a search for a word
// found nowhere answers.
import type { Actor } from '../domain/actor.js'
import { caseScope, organizationScope, reportScope } from '../domain/policy/index.js'
import { searchTerms } from '../domain/search.js'
import type { Db } from '../store/db.js'
import { searchAll } from '../store/search.js'

export async function searchEverything(db: Db, actor: Actor, typed: string, perKind: number) {
  const terms = searchTerms(typed)
  const empty = { items: [], total: 0, more: false }
  if (!terms) return { cases: empty, reports: empty, vendors: empty, advisories: empty }
  const scopes = { cases: caseScope(actor), reports: reportScope(actor), vendors: organizationScope(actor) }
  return searchAll(db, terms, scopes, perKind)
}
