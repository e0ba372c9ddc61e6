// Files: a reporter adds them through the follow-up link, the coordinator sends one back, case
// threads carry them with a TLP label and a ledger entry; downloads are always attachments, and
// only for those who may read where the file was posted. Too large: 413; empty or nameless: 422.
import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { Client, describeEachDatabase, signedIn } from '../support/api.js'
import { makeCase, makeMember, makeOrganization, makeReport, makeUser } from '../support/factories.js'

const LIMIT = 64 * 1024
const octets = { 'content-type': 'application/octet-stream' }

describeEachDatabase(
  'attachments',
  (t) => {
    async function reporterWorld() {
      const token = `follow-up-secret-${Math.random()}`
      const report = await makeReport(t.db, { followUpToken: token })
      const reporter = Client.anonymous(t.app)
      const upload = (name: string, content: Buffer, tok = token) =>
        reporter.request('POST', `/api/v1/reports/follow-up/attachments?name=${encodeURIComponent(name)}`, content, {
          ...octets,
          'x-follow-up-token': tok,
        })
      const staff = await signedIn(
        t.app,
        await makeUser(t.db, { instanceRole: 'coordinator', name: 'Casey Coordinator' }),
      )
      return { report, token, reporter, upload, staff }
    }

    it('keeps a reporter’s file with its hash and shows it on both sides', async () => {
      const w = await reporterWorld()
      const poc = Buffer.from('From: <><><><><><><><><>\r\n'.repeat(100))
      const res = await w.upload('../../etc/crackaddr-poc.eml', poc)
      expect(res.statusCode).toBe(201)
      const sha256 = createHash('sha256').update(poc).digest('hex')
      expect(res.json()).toMatchObject({ filename: 'crackaddr-poc.eml', size: poc.length, sha256, author: 'reporter' })

      const view = (await w.reporter.post('/api/v1/reports/follow-up', { token: w.token })).json()
      expect(view.attachments).toEqual([expect.objectContaining({ filename: 'crackaddr-poc.eml', sha256 })])
      const detail = (await w.staff.get(`/api/v1/reports/${w.report.id}`)).json()
      expect(detail.attachments).toEqual([
        expect.objectContaining({ filename: 'crackaddr-poc.eml', authorName: 'Reporter' }),
      ])
      expect(detail.history.map((h: { kind: string }) => h.kind)).toContain('attachment.added')

      // Downloads are attachments, never inline, and carry the same bytes.
      const download = await w.staff.get(`/api/v1/attachments/${res.json().id}`)
      expect(download.statusCode).toBe(200)
      expect(download.headers['content-type']).toBe('application/octet-stream')
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="crackaddr-poc.eml"; filename*=UTF-8''crackaddr-poc.eml`,
      )
      expect(download.headers['x-content-type-options']).toBe('nosniff')
      expect(download.headers['content-security-policy']).toContain('sandbox')
      expect(download.rawPayload.equals(poc)).toBe(true)
      const own = await w.reporter.request('GET', `/api/v1/reports/follow-up/attachments/${res.json().id}`, undefined, {
        'x-follow-up-token': w.token,
      })
      expect(own.rawPayload.equals(poc)).toBe(true)
    })

    it('lets the coordinator send the reporter a file, shown on the follow-up page', async () => {
      const w = await reporterWorld()
      const res = await w.staff.request(
        'POST',
        `/api/v1/reports/${w.report.id}/attachments?name=patch.diff&tlp=AMBER`,
        Buffer.from('--- a/headers.c\n+++ b/headers.c\n'),
        octets,
      )
      expect(res.statusCode).toBe(201)
      const view = (await w.reporter.post('/api/v1/reports/follow-up', { token: w.token })).json()
      expect(view.attachments).toEqual([
        expect.objectContaining({
          filename: 'patch.diff',
          author: 'coordinator',
          authorName: 'Casey Coordinator',
          tlp: 'AMBER',
        }),
      ])
    })

    it('refuses too large (413), empty or nameless files (422) and a wrong link (404), storing nothing', async () => {
      const w = await reporterWorld()
      const big = await w.upload('core.dump', Buffer.alloc(LIMIT + 1, 1))
      expect(big.statusCode).toBe(413)
      expect(big.json().detail).toContain('64 KB')
      const empty = await w.upload('empty.txt', Buffer.alloc(0))
      expect(empty.statusCode).toBe(422)
      expect(empty.json().errors).toEqual([{ field: 'file', message: 'is empty' }])
      const nameless = await w.upload('../..', Buffer.from('x'))
      expect(nameless.statusCode).toBe(422)
      expect(nameless.json().errors[0].field).toBe('name')
      const control = await w.upload('invoice\u202Efdp.exe', Buffer.from('x'))
      expect(control.json().filename).toBe('invoicefdp.exe')
      expect((await w.upload('poc.txt', Buffer.from('x'), 'not-the-secret')).statusCode).toBe(404)
      const missingHeader = await w.reporter.request(
        'POST',
        '/api/v1/reports/follow-up/attachments?name=a.txt',
        Buffer.from('x'),
        octets,
      )
      expect(missingHeader.statusCode).toBe(400)
      const view = (await w.reporter.post('/api/v1/reports/follow-up', { token: w.token })).json()
      expect(view.attachments.map((a: { filename: string }) => a.filename)).toEqual(['invoicefdp.exe'])
    })

    it('caps the number of files on one report with a message saying what to do', async () => {
      const w = await reporterWorld()
      for (let i = 0; i < 20; i++)
        expect((await w.upload(`part-${i}.txt`, Buffer.from(`part ${i}`))).statusCode).toBe(201)
      const over = await w.upload('part-20.txt', Buffer.from('one too many'))
      expect(over.statusCode).toBe(409)
      expect(over.json().detail).toContain('one archive')
    })

    it('posts files to case threads with their TLP label, in the ledger, readable only by the thread’s audience', async () => {
      const finder = await makeUser(t.db, { name: 'Fran Finder' })
      const c = await makeCase(t, { finder })
      const vendorOrg = await makeOrganization(t.db, { name: 'Red Hat' })
      const vendor = await signedIn(t.app, await makeMember(t.db, vendorOrg, 'admin'))
      const vendorParticipant = await t.db
        .insertInto('participants')
        .values({ case_id: c.id, organization_id: vendorOrg.id, roles: ['vendor'], rm_state: 'received' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const staff = await signedIn(t.app, await makeUser(t.db, { instanceRole: 'coordinator' }))
      const finderClient = await signedIn(t.app, finder)
      const outsider = await signedIn(t.app, await makeUser(t.db))

      const secret = await staff.request(
        'POST',
        `/api/v1/cases/${c.id}/threads/${vendorParticipant.id}/attachments?name=fix.patch&tlp=RED`,
        Buffer.from('the fix'),
        octets,
      )
      expect(secret.statusCode).toBe(201)
      expect(secret.json().tlp).toBe('RED')
      const shared = await vendor.request(
        'POST',
        `/api/v1/cases/${c.id}/threads/case/attachments?name=advisory-draft.txt&tlp=GREEN`,
        Buffer.from('draft'),
        octets,
      )
      expect(shared.statusCode).toBe(201)

      expect((await vendor.get(`/api/v1/cases/${c.id}/threads/${vendorParticipant.id}/attachments`)).json()).toEqual([
        expect.objectContaining({ filename: 'fix.patch', tlp: 'RED' }),
      ])
      expect((await vendor.get(`/api/v1/attachments/${secret.json().id}`)).statusCode).toBe(200)
      // The finder reads the case-wide thread's file, not the vendor's private one; an outsider neither.
      expect((await finderClient.get(`/api/v1/attachments/${shared.json().id}`)).statusCode).toBe(200)
      expect((await finderClient.get(`/api/v1/attachments/${secret.json().id}`)).statusCode).toBe(404)
      expect(
        (await finderClient.get(`/api/v1/cases/${c.id}/threads/${vendorParticipant.id}/attachments`)).statusCode,
      ).toBe(404)
      expect((await outsider.get(`/api/v1/attachments/${shared.json().id}`)).statusCode).toBe(404)
      expect((await Client.anonymous(t.app).get(`/api/v1/attachments/${shared.json().id}`)).statusCode).toBe(401)

      const ledger = (await staff.get(`/api/v1/cases/${c.id}/ledger`)).json()
      const released = ledger.entries.filter(
        (e: { kind: string; payload: { attachment?: string } }) =>
          e.kind === 'information.released' && e.payload.attachment,
      )
      expect(
        released.map((e: { payload: { filename: string; tlp: string; sha256: string } }) => [
          e.payload.filename,
          e.payload.tlp,
        ]),
      ).toEqual([
        ['fix.patch', 'RED'],
        ['advisory-draft.txt', 'GREEN'],
      ])
      expect(released[0].payload.sha256).toBe(createHash('sha256').update('the fix').digest('hex'))
    })
  },
  { config: { attachmentLimitBytes: LIMIT } },
)
