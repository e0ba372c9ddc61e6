// Reading the generated API types (generated.ts, from the server's OpenAPI document): the JSON a
// route answers with, or takes. The names the pages use (Case, Participant, ...) are aliases of these.
import type { paths } from './generated'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>
type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never

/** The JSON body a route answers with: its 200 or 201 response. */
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? Json<R[(200 | 201) & keyof R]> : never

/** The JSON body a route takes. */
export type RequestOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never

/** One item of a list answer (a JSON array, or a page's `items`). */
export type ItemOf<T> = T extends readonly (infer I)[] ? I : T extends { items: readonly (infer I)[] } ? I : never
