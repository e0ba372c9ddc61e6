// The one way the UI talks to the API: JSON in and out (files as raw bodies), the CSRF token on
// every write, and RFC 9457 problems turned into ApiError so forms can show the detail and each
// field's message.

export interface FieldProblem {
  field: string
  message: string
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors?: FieldProblem[]
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title)
    this.name = 'ApiError'
  }

  get status(): number {
    return this.problem.status
  }

  /** The message for one input field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message
  }
}

let csrfToken: string | null = null
type SessionEndedListener = (detail: string, path: string) => void
let sessionEnded: SessionEndedListener | null = null

/** Called with the server's reason when the API says the caller is not signed in (any more). */
export function whenSessionEnds(listener: SessionEndedListener | null): void {
  sessionEnded = listener
}

/** The session's CSRF token, set whenever the session state is (re)loaded. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** The CSRF header a write sent some other way than `request` needs (a streamed response). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {}
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? ''
  if (type.includes('json')) {
    const body: unknown = await response.json().catch(() => null)
    if (body && typeof body === 'object' && 'status' in body) return body as Problem
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail:
      response.status >= 500
        ? 'The server ran into a problem. Try again in a moment.'
        : `The request failed (HTTP ${response.status}).`,
  }
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const isWrite = method !== 'GET'
  if (isWrite && csrfToken) headers['x-csrf-token'] = csrfToken
  // The API wants a JSON body on every write but DELETE, even an empty one.
  const sendsBody = isWrite && method !== 'DELETE'
  if (sendsBody) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(sendsBody ? { body: JSON.stringify(body ?? {}) } : {}),
    })
  } catch {
    throw networkError()
  }
  await throwUnlessOk(response, method, path)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

const networkError = () =>
  new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: 'Could not reach the server. Check your connection and try again.',
  })

async function throwUnlessOk(response: Response, method: Method, path: string): Promise<void> {
  if (response.ok) return
  const problem = await problemOf(response)
  // A session that expired, was ended elsewhere or ran out of second-factor attempts: let the
  // app reload it and send the person to sign in. A wrong password is not that.
  if (response.status === 401 && !(method === 'POST' && path === '/session')) sessionEnded?.(problem.detail, path)
  throw new ApiError(problem)
}

/**
 * Sends a file as the raw request body (the API's way: no multipart), its name and the other
 * parameters in the query; `headers` adds, say, the follow-up link's secret. Too large a file is
 * refused with 413, whose detail names the limit.
 */
export async function uploadFile<T>(
  path: string,
  file: File,
  params: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const all: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
    ...headers,
  }
  if (file.type) all['x-file-type'] = file.type
  if (csrfToken) all['x-csrf-token'] = csrfToken
  const target = `${path}${query({ name: file.name, ...params })}`
  let response: Response
  try {
    response = await fetch(`/api/v1${target}`, { method: 'POST', headers: all, credentials: 'same-origin', body: file })
  } catch {
    throw networkError()
  }
  await throwUnlessOk(response, 'POST', path)
  return (await response.json()) as T
}

/**
 * Puts a document as the raw request body with its own content type (an SBOM as
 * application/vnd.cyclonedx+json, a purl list as text/plain); `params` go in the query.
 */
export async function putDocument<T>(
  path: string,
  body: Blob | string,
  contentType: string,
  params: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': contentType }
  if (csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(`/api/v1${path}${query(params)}`, {
      method: 'PUT',
      headers,
      credentials: 'same-origin',
      body,
    })
  } catch {
    throw networkError()
  }
  await throwUnlessOk(response, 'PUT', path)
  return (await response.json()) as T
}

/** A file's content, for downloads that need a header a plain link cannot send. */
export async function downloadBlob(path: string, headers: Record<string, string>): Promise<Blob> {
  let response: Response
  try {
    response = await fetch(`/api/v1${path}`, { headers, credentials: 'same-origin' })
  } catch {
    throw networkError()
  }
  await throwUnlessOk(response, 'GET', path)
  return response.blob()
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
}

/** Builds a query string from the parameters that have a value. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}
