// Refusals that happen before a route is found, rendered as problem+json like every other error:
// a URL that does not decode or a path parameter too long (fastify's router, `frameworkErrors`),
// and what Node's HTTP parser refuses before fastify sees a request (headers too large, a request
// that is not HTTP, a client too slow; `clientErrorHandler`, written straight to the socket).
import http from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { problemType, sendProblem } from './problems.js'

export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_BAD_URL'
      ? 'The URL is not valid: a %-escape in it does not decode to text.'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'A part of the URL path is longer than this server accepts.'
        : error.message
  void sendProblem(reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400, 'bad-request', detail)
}

function parserRefusal(err: NodeJS.ErrnoException): { status: number; slug: string; detail: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return { status: 408, slug: 'timeout', detail: 'The request took too long to arrive.' }
  if (err.code === 'HPE_HEADER_OVERFLOW')
    return {
      status: 431,
      slug: 'headers-too-large',
      detail: 'The request headers are larger than this server accepts.',
    }
  return { status: 400, slug: 'bad-request', detail: 'The request is not valid HTTP.' }
}

export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has no one left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const { status, slug, detail } = parserRefusal(err)
  const reason = http.STATUS_CODES[status] ?? 'Error'
  const body = JSON.stringify({ type: problemType(slug), title: reason, status, detail })
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`,
    )
  socket.destroy(err)
}
