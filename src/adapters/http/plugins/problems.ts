// Every error leaves as RFC 9457 problem+json: a type, a title, the status, a detail a person can
// act on, and for input errors the list of fields and what is wrong with each. Never a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { formatBytes } from '../../../domain/filenames.js'
import { LockstepError, RateLimitedError, type FieldProblem } from '../../../domain/errors.js'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  errors?: FieldProblem[]
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
}

export const problemType = (slug: string): string => `tag:lockstep,2026:problem/${slug}`

export function sendProblem(
  reply: FastifyReply,
  status: number,
  slug: string,
  detail: string,
  errors?: FieldProblem[],
): FastifyReply {
  const body: Problem = {
    type: problemType(slug),
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: reply.request.url.split('?')[0]!,
  }
  if (errors?.length) body.errors = errors
  return reply.code(status).type('application/problem+json').send(body)
}

function fieldOf(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.')
  const keys = params.keys as string[] | undefined
  const name = keys?.length ? [path, keys.join(', ')].filter(Boolean).join('.') : path
  const prefix = context && context !== 'body' ? `${context}.` : ''
  return prefix + (name || '(body)')
}

function messageOf(keyword: string, message: string | undefined): string {
  if (keyword === 'unrecognized_keys') return 'is not a known field'
  if (keyword === 'invalid_type' && message?.includes('received undefined')) return 'is required'
  return message ?? 'is invalid'
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field: fieldOf(error.validationContext, v.instancePath, v.params as Record<string, unknown>),
        message: messageOf(v.keyword, v.message),
      }))
      const status = error.validationContext === 'body' || error.validationContext === 'querystring' ? 422 : 400
      return sendProblem(reply, status, 'validation', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors)
    }
    if (error instanceof LockstepError) {
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds))
      return sendProblem(reply, error.status, error.type, error.message, error.problems)
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error.cause }, 'response did not match its schema')
      return sendProblem(reply, 500, 'internal', `Something went wrong on our side (request ${request.id}).`)
    }
    const status = error.statusCode ?? 500
    if (status === 429) return sendProblem(reply, 429, 'rate-limited', error.message)
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, body too large, wrong content type) are safe to show.
      const detail =
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `The request body is larger than this endpoint accepts (at most ${formatBytes(request.routeOptions.bodyLimit ?? 0)}).`
          : error.message
      return sendProblem(
        reply,
        status,
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'media-type' : 'bad-request',
        detail,
      )
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(reply, 500, 'internal', `Something went wrong on our side (request ${request.id}).`)
  })
}
