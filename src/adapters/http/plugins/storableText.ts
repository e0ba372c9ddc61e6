// One rule for all text that comes in over HTTP, in one place: a NUL character or a lone UTF-16
// surrogate anywhere in a body, a query string or a path is refused before any route's schema
// runs, with problem+json naming each field (the same names and statuses as a schema's refusal:
// 422 for the body and the query string, 400 for the path). See domain/storableText.ts for why
// such text is refused rather than cleaned. Binary bodies (file uploads) are not text.
import type { FastifyInstance } from 'fastify'
import type { FieldProblem } from '../../../domain/errors.js'
import { unstorableTextIn } from '../../../domain/storableText.js'
import { sendProblem } from './problems.js'

export function registerStorableText(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const inPath = unstorableTextIn(request.params, 'params')
    const elsewhere: FieldProblem[] = [...unstorableTextIn(request.query, 'querystring')]
    if (request.body !== undefined && !Buffer.isBuffer(request.body)) elsewhere.push(...unstorableTextIn(request.body))
    const problems = [...inPath, ...elsewhere]
    if (!problems.length) return
    const detail = problems.map((p) => `${p.field} ${p.message}`).join('; ')
    return sendProblem(reply, inPath.length ? 400 : 422, 'validation', detail, problems)
  })
}
