// What the search answers: a group per kind of thing, each with its best matches and its count.
import type { ResponseOf } from './openapi'

export type SearchResults = ResponseOf<'/api/v1/search', 'get'>
export type SearchGroup = SearchResults['cases']
