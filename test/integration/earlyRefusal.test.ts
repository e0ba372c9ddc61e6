// Refusals that need no body come before the body is read: an anonymous 45 MB inventory upload
// gets its 401 while most of it is still unsent, and the server closes the connection instead of
// reading the rest. What Node's HTTP parser refuses (headers too large) is problem+json too. Over a
// real socket on loopback, as a client on the network would see it.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase, signedIn } from '../support/api.js'
import { makeOrganization, makeUser } from '../support/factories.js'

const MB = 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, 'pkg:npm/left-pad@1.3.0\n')

interface Outcome {
  status: number
  contentType: string | undefined
  body: string
  connection: string | undefined
  /** Bytes of the body written by the time the response's headers arrived. */
  sentWhenAnswered: number
}

/** Sends `total` bytes of body, a chunk at a time as the socket takes them, until the answer comes. */
function upload(port: number, path: string, total: number, headers: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let sent = 0
    let answered = false
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path,
      headers: { 'content-type': 'text/plain', 'content-length': String(total), ...headers },
    })
    req.on('response', (res) => {
      answered = true
      const sentWhenAnswered = sent
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (body += d))
      res.on('end', () => {
        resolve({
          status: res.statusCode!,
          contentType: res.headers['content-type'],
          connection: res.headers.connection,
          body,
          sentWhenAnswered,
        })
        req.destroy()
      })
    })
    // Once the server has answered and closed, the writes still queued fail: that is expected.
    req.on('error', (error) => (answered ? undefined : reject(error)))
    const pump = () => {
      while (!answered && sent < total) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, total - sent))
        sent += piece.length
        if (!req.write(piece)) return void req.once('drain', pump)
      }
      if (sent >= total && !answered) req.end()
    }
    pump()
  })
}

describeEachDatabase('refusing before reading the body', (t) => {
  let port = 0
  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    port = (t.app.server.address() as AddressInfo).port
  })
  afterAll(async () => {
    await t.app.close()
  })

  it('an anonymous 45 MB upload: 401 while most of the body is still unsent, and the connection closed', async () => {
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const total = 45 * MB
    const res = await upload(port, `/api/v1/organizations/${org.id}/inventory?asset=mail`, total)
    expect(res.status).toBe(401)
    expect(res.contentType).toContain('application/problem+json')
    expect(res.connection).toBe('close')
    // Whatever the socket buffers held when the answer came; far from the whole upload.
    expect(res.sentWhenAnswered).toBeLessThan(total / 2)
  })

  it('a bad API token on a large upload: 401 before the body too', async () => {
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const total = 45 * MB
    const res = await upload(port, `/api/v1/organizations/${org.id}/inventory?asset=mail`, total, {
      authorization: 'Bearer lsk_not-a-token',
    })
    expect(res.status).toBe(401)
    expect(res.sentWhenAnswered).toBeLessThan(total / 2)
  })

  it('a signed-in user who may not manage the inventory: 404 before the body', async () => {
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const outsider = await signedIn(t.app, await makeUser(t.db))
    const { cookie } = { cookie: `ls_session=${outsider.cookie('ls_session')}` }
    const total = 45 * MB
    const res = await upload(port, `/api/v1/organizations/${org.id}/inventory?asset=mail`, total, {
      cookie,
      'x-csrf-token': outsider.csrf!,
    })
    expect(res.status).toBe(404)
    expect(res.sentWhenAnswered).toBeLessThan(total / 2)
  })

  it('a signed-in owner still uploads a purl list over the socket', async () => {
    const org = await makeOrganization(t.db, { kind: 'owner' })
    const admin = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'admin' }))
    const body = 'pkg:npm/left-pad@1.3.0\n'
    const res = await upload(port, `/api/v1/organizations/${org.id}/inventory?asset=mail`, body.length, {
      cookie: `ls_session=${admin.cookie('ls_session')}`,
      'x-csrf-token': admin.csrf!,
    })
    expect(res.status, res.body).toBe(200)
    expect(res.connection).not.toBe('close')
  })

  it('headers too large: 431 problem+json', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`)
      })
      let data = ''
      socket.setEncoding('utf8')
      socket.on('data', (d: string) => (data += d))
      socket.on('close', () => resolve(data))
      socket.on('error', (error) => (data ? resolve(data) : reject(error)))
    })
    expect(answer).toMatch(/^HTTP\/1\.1 431 /)
    expect(answer).toMatch(/content-type: application\/problem\+json/i)
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431 })
  })
})
