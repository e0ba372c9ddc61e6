// `lockstep export case --as`: the bundle a participant may receive holds what the API shows them
// and nothing more. On the demo case, Red Hat's bundle has the case-wide thread and its own with
// the coordinator, never the coordinator's threads with other vendors; only its own statements
// and those others chose to share; the finder who asked to stay anonymous unnamed in the
// participants and in the messages; its files byte for byte. The coordinator's bundle has more.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { seedDemo } from '../../src/seed/demo.js'
import { exportActor, exportCase, type BundleEntry } from '../../src/commands/cases/exportCase.js'
import { writeBundle } from '../../src/adapters/cli/exportCase.js'
import { insertAttachment } from '../../src/store/attachments.js'
import { defaultEmbargoPolicy } from '../../src/domain/embargo.js'
import { postToThread } from '../../src/commands/cases/threads.js'
import { system } from '../../src/domain/actor.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

const read = (entries: BundleEntry[], name: string) =>
  JSON.parse(entries.find((e) => e.name === name)!.data.toString('utf8')) as Record<string, unknown>
const threadTitles = (entries: BundleEntry[]) =>
  (read(entries, 'case.json').threads as { title: string }[]).map((t) => t.title).sort()

describeEachDatabase('exporting a case as a participant', (t) => {
  it('gives a vendor only what the vendor may see', async () => {
    await seedDemo(t.db)
    const c = await t.db.selectFrom('cases').select(['id', 'case_number']).executeTakeFirstOrThrow()
    // The finder asks to stay anonymous; a file is posted in the coordinator's thread with SGI.
    await sql`UPDATE reports SET credit = jsonb_set(coalesce(credit, '{}'), '{preference}', '"anonymous"') WHERE case_id = ${c.id}`.execute(
      t.db,
    )
    const finder = await t.db
      .selectFrom('users')
      .select(['name'])
      .where('email', '=', 'finder@lockstep.demo')
      .executeTakeFirstOrThrow()
    const sgi = await t.db
      .selectFrom('participants as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select('p.id')
      .where('p.case_id', '=', c.id)
      .where('o.name', 'like', 'SGI%')
      .executeTakeFirstOrThrow()
    await insertAttachment(t.db, {
      caseId: c.id,
      participantId: sgi.id,
      author: 'coordinator',
      authorUserId: null,
      filename: 'sgi-only.patch',
      declaredType: 'text/x-patch',
      content: Buffer.from('for SGI only'),
      tlp: 'AMBER',
    })
    await insertAttachment(t.db, {
      caseId: c.id,
      author: 'coordinator',
      authorUserId: null,
      filename: 'everyone.txt',
      declaredType: 'text/plain',
      content: Buffer.from([0, 1, 2, 255]),
      tlp: 'AMBER',
    })
    await postToThread(t.db, system, c.id, sgi.id, 'SGI: your patch is attached, for SGI only', 'AMBER')
    const embargo = defaultEmbargoPolicy
    const vendor = await exportCase(t.db, c.case_number, await exportActor(t.db, 'redhat@lockstep.demo'), { embargo })
    const staff = await exportCase(t.db, c.case_number, await exportActor(t.db, 'coordinator@lockstep.demo'), {
      embargo,
    })

    expect(read(vendor, 'case.json').exportedFor).toMatch(/redhat@lockstep\.demo/)
    expect(threadTitles(vendor).filter((x) => x.startsWith('Coordinator and'))).toEqual(['Coordinator and Red Hat'])
    expect(threadTitles(vendor)).toContain('Everyone in the case')
    expect(threadTitles(staff)).toContain('Coordinator and SGI')
    expect(threadTitles(staff).length).toBeGreaterThan(threadTitles(vendor).length)

    const vendorText = vendor.map((e) => e.data.toString('utf8')).join('\n')
    expect(vendorText).not.toContain('for SGI only')
    expect(vendorText).not.toContain(finder.name)
    expect(vendorText).toContain('Anonymous finder')
    const staffText = staff.map((e) => e.data.toString('utf8')).join('\n')
    expect(staffText).toContain(finder.name)
    expect(staffText).toContain('for SGI only')
    const shared = vendor.find((e) => e.name.endsWith('-everyone.txt'))
    expect(shared && [...shared.data]).toEqual([0, 1, 2, 255])

    const redHat = await t.db
      .selectFrom('organizations')
      .select('id')
      .where('name', '=', 'Red Hat')
      .executeTakeFirstOrThrow()
    const statements = read(vendor, 'statements.json') as unknown as {
      organization_id: string
      shareable: boolean
    }[]
    expect(statements.every((s) => s.organization_id === redHat.id || s.shareable)).toBe(true)
    expect((read(staff, 'statements.json') as unknown as unknown[]).length).toBeGreaterThan(statements.length)

    // As an organization: what any member of Red Hat sees; written as a folder and as a .tar.gz.
    const asOrg = await exportCase(t.db, c.case_number, await exportActor(t.db, 'red-hat'), { embargo })
    expect(threadTitles(asOrg)).toEqual(threadTitles(vendor))
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-export-'))
    dirs.push(dir)
    await writeBundle(asOrg, path.join(dir, 'bundle'))
    expect(fs.existsSync(path.join(dir, 'bundle', 'case.json'))).toBe(true)
    await writeBundle(asOrg, path.join(dir, 'bundle.tar.gz'))
    expect(fs.statSync(path.join(dir, 'bundle.tar.gz')).size).toBeGreaterThan(0)
  }, 120_000)
})
