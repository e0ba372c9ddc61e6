// Who is calling: an API token (Authorization: Bearer lsk_...) or a session cookie. Every API
// route declares its access in `config.access`; this plugin enforces sign-in, the second-factor
// step and CSRF for cookie-authenticated writes as soon as the headers are in (`onRequest`), before
// the body is read: a request without a session is refused without buffering its upload, and the
// connection is closed rather than the rest of the body read (see `closeUnreadBodies`).
import { createHmac } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { anonymous, type Actor } from '../../../domain/actor.js'
import { BadRequestError, ForbiddenError, UnauthenticatedError } from '../../../domain/errors.js'
import { mayWrite, type ActionOf, type ResourceType } from '../../../domain/policy/index.js'
import { resolveApiToken, resolvedCallers, resolveSession } from '../../../commands/auth/sessions.js'
import type { PrincipalChanges } from '../../../store/principalChanges.js'
import type { Db } from '../../../store/db.js'
import type { SessionRow, UserRow } from '../../../store/schema.js'
import { safeEqual } from '../../../security/tokens.js'

export type RouteAccess =
  /** Anyone, signed in or not (health, sign-in, accepting an invitation). */
  | { public: true; allowPending?: boolean }
  /** Any signed-in user, acting on their own account or listing what they may see; `allowPending`
   *  admits a sign-in that still needs its second factor. */
  | { signedIn: true; allowPending?: boolean }
  /** A signed-in user, then the handler's one `authorize(actor, action, resource)` call. */
  | { [T in ResourceType]: { policy: { resource: T; action: ActionOf<T> } } }[ResourceType]

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
  interface FastifyInstance {
    /** Every API route with its declared access, for the policy coverage test and the docs. */
    apiRoutes: { method: string; url: string; access: RouteAccess }[]
  }
  interface FastifyRequest {
    actor: Actor
    session: SessionRow | null
    user: UserRow | null
  }
}

export interface AuthOptions {
  db: Db
  sessionIdleHours: number
  secureCookies: boolean
  deviceSecret: string
  /** Word of changes to callers; given it, resolved callers are kept a few seconds. */
  principalChanges?: PrincipalChanges | undefined
}

export const SESSION_COOKIE = 'ls_session'
export const DEVICE_COOKIE = 'ls_device'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE
}

/** HttpOnly, SameSite=Lax, and behind TLS Secure with the __Host- prefix (no Domain, Path=/). */
export function setSessionCookie(reply: FastifyReply, secure: boolean, token: string, expires: Date): void {
  reply.setCookie(sessionCookieName(secure), token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires })
}

export function registerAuthentication(app: FastifyInstance, opts: AuthOptions): void {
  const cookieName = sessionCookieName(opts.secureCookies)
  const callers = opts.principalChanges ? resolvedCallers(opts.principalChanges) : undefined
  if (callers) app.addHook('onClose', async () => callers.close())
  app.decorateRequest('actor', null as never)
  app.decorateRequest('session', null)
  app.decorateRequest('user', null)

  app.decorate('apiRoutes', [])
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path
    if (!url.startsWith('/api/v1')) return
    if (!route.config?.access) throw new Error(`API route ${route.method} ${url} declares no config.access`)
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.apiRoutes.push({ method, url, access: route.config.access })
  })

  closeUnreadBodies(app)
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.actor = anonymous
    const access = request.routeOptions.config.access
    if (!access) return
    const bearer = request.headers.authorization
    if (bearer !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(bearer)?.[1]
      const resolved = token ? await resolveApiToken(opts.db, token, new Date(), callers) : undefined
      if (!resolved)
        throw new UnauthenticatedError('The API token is not valid: it may be mistyped, expired or revoked.')
      request.actor = resolved.actor
      request.user = resolved.user
      if (UNSAFE.has(request.method) && !mayWrite(resolved.actor))
        throw new ForbiddenError('This API token may only read: its scope is "read".')
    } else {
      const cookie = request.cookies[cookieName]
      const resolved = cookie
        ? await resolveSession(opts.db, cookie, opts.sessionIdleHours, new Date(), callers)
        : undefined
      if (cookie && !resolved) reply.clearCookie(cookieName, { path: '/' })
      if (resolved) {
        request.session = resolved.session
        request.user = resolved.user
        request.actor = resolved.actor
      }
      if (request.session && UNSAFE.has(request.method)) checkCsrf(request, request.session)
    }
    if ('public' in access) {
      if (request.session?.second_factor_pending && !access.allowPending) {
        request.actor = anonymous
        request.user = null
        request.session = null
      }
      return
    }
    if (request.actor.kind !== 'user') {
      throw new UnauthenticatedError(cookie(request, cookieName) ? 'Your session has ended; sign in again.' : undefined)
    }
    if (request.session?.second_factor_pending && !('signedIn' in access && access.allowPending)) {
      throw new UnauthenticatedError('Finish signing in: your second factor is still needed.')
    }
  })
}

/**
 * A response sent before the request's body has arrived in full (a refusal from a hook, before any
 * parser ran) closes the connection, so the client stops sending instead of the server reading the
 * rest of a large upload only to throw it away.
 */
function closeUnreadBodies(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.raw.complete === false) reply.header('connection', 'close')
    done(null, payload)
  })
}

/** The caller's browser session, for the steps that belong to one (an API token has none). */
export function sessionOf(request: FastifyRequest): SessionRow {
  if (!request.session)
    throw new BadRequestError(
      'This step belongs to a browser session (signing in, security keys); an API token has none.',
    )
  return request.session
}

const cookie = (request: FastifyRequest, name: string): boolean => request.cookies[name] !== undefined

/** Cookie-authenticated writes must echo the session's CSRF token, and come from our own origin. */
function checkCsrf(request: FastifyRequest, session: SessionRow): void {
  const sent = request.headers['x-csrf-token']
  if (typeof sent !== 'string' || !safeEqual(sent, session.csrf_token)) {
    throw new ForbiddenError('The CSRF token is missing or wrong: reload the page and try again.')
  }
  const origin = request.headers.origin
  if (origin && originHost(origin) !== request.host) throw new ForbiddenError('Cross-origin request refused.')
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}

// Device cookies: a signed note that this browser once signed in to this account. It exempts the
// browser from the account-wide lockout (see domain/loginThrottle.ts).
export function signDevice(secret: string, userId: string, deviceId: string): string {
  const mac = createHmac('sha256', secret).update(`${userId}.${deviceId}`).digest('base64url')
  return `${userId}.${deviceId}.${mac}`
}

export function readDevice(secret: string, value: string | undefined): { userId: string; deviceId: string } | null {
  const [userId, deviceId, mac] = value?.split('.') ?? []
  if (!userId || !deviceId || !mac) return null
  return safeEqual(signDevice(secret, userId, deviceId), value!) ? { userId, deviceId } : null
}
