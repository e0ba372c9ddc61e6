// `lockstep peers` as an operator meets it: adding a running instance by its address prints the
// fingerprint to compare and leaves it pending; a wrong fingerprint pins nothing; the right one
// (typed with colons and in lower case) pins it; list shows this instance's own fingerprint.
// Few commands: each starts node with tsx, which takes long on a loaded machine.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockstep } from '../support/cli.js'
import { pgliteTemplate } from '../support/databases.js'
import { startInstance, type Instance } from '../support/federatedInstances.js'

describe('lockstep peers', () => {
  let peer: Instance
  let env: Record<string, string>
  let dir: string

  beforeAll(async () => {
    peer = await startInstance('pglite', 'CERT-B')
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-peers-cli-'))
    fs.cpSync(pgliteTemplate(), dir, { recursive: true })
    env = { LOCKSTEP_DATA: dir, LOCKSTEP_PUBLIC_URL: 'http://127.0.0.1:1' }
  })
  afterAll(async () => {
    await peer?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('adds a peer pending, refuses a wrong fingerprint, pins on the right one, and lists it', async () => {
    const doc = (await (await fetch(`${peer.url}/.well-known/lockstep-peer`)).json()) as { fingerprint: string }
    const added = await lockstep(['peers', 'add', peer.url], env)
    expect(added.code).toBe(0)
    expect(added.stdout).toContain(`pending  ${peer.url}  CERT-B`)
    expect(added.stdout).toContain(doc.fingerprint)
    expect(added.stdout).toContain('lockstep peers confirm')

    const wrong = await lockstep(['peers', 'confirm', peer.url, 'AAAA BBBB'], env)
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/fingerprint: is not the fingerprint of the key this peer published/)

    const typed = doc.fingerprint.toLowerCase().replace(/ /g, ':')
    const pinned = await lockstep(['peers', 'confirm', `${peer.url}/`, typed], env)
    expect(pinned.code).toBe(0)
    expect(pinned.stdout).toContain(`pinned   ${peer.url}`)

    const list = await lockstep(['peers', 'list'], env)
    expect(list.stdout).toMatch(
      /^this instance http:\/\/127\.0\.0\.1:1\n\s+fingerprint ([0-9A-F]{4} ){15}[0-9A-F]{4}\n/,
    )
    expect(list.stdout).toContain(`pinned   ${peer.url}  CERT-B`)
  }, 600_000)

  it('says why an address is not a peer', async () => {
    const notUrl = await lockstep(['peers', 'add', 'cert.example'], env)
    expect(notUrl.code).toBe(1)
    expect(notUrl.stderr).toMatch(/url: is not a URL/)
  }, 300_000)
})
