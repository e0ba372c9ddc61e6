// Importing a CERT/CC Vulnerability Notes archive, on both databases: a generated clean archive
// and a hand-written dirty one finish with the summary a coordinator should read (imported,
// skipped with reasons, warnings by kind), the cases carry the note's vendors, statuses and dates,
// every ledger verifies, and a second run changes nothing (every ledger keeps its length); a
// changed revision updates the case.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/api.js'
import { noteRecord, writeDirtyArchive, writeGeneratedArchive } from '../support/certccArchive.js'
import { importCertccArchive } from '../../src/commands/imports/certcc.js'
import { system } from '../../src/domain/actor.js'
import { verifyCaseLedger } from '../../src/store/ledger.js'
import type { Db } from '../../src/store/db.js'

let dirty: string
let clean = ''
beforeAll(async () => {
  dirty = await mkdtemp(path.join(os.tmpdir(), 'certcc-dirty-'))
  await writeDirtyArchive(dirty)
})
afterAll(async () => {
  await rm(dirty, { recursive: true, force: true })
  if (clean) await rm(clean, { recursive: true, force: true })
})

async function ledgerLengths(db: Db): Promise<Record<string, number>> {
  const rows = await db.selectFrom('cases').select(['case_number', 'ledger_count']).orderBy('case_number').execute()
  return Object.fromEntries(rows.map((r) => [r.case_number, r.ledger_count]))
}

describeEachDatabase('importing a CERT/CC archive', (t) => {
  it('imports the dirty archive with a summary that names what was skipped and cleaned', async () => {
    const s = await importCertccArchive(t.db, dirty, { actor: system })
    expect({ imported: s.imported, updated: s.updated, unchanged: s.unchanged }).toEqual({
      imported: 5,
      updated: 0,
      unchanged: 0,
    })
    expect(s.skipped.map((k) => `${k.file} ${k.reason}`).sort()).toEqual([
      'osv/GHSA-xxxx.json is not a CERT/CC note or vendor record: it looks like an OSV advisory (has schema_version, id, affected)',
      'random.json is not a CERT/CC note or vendor record: it looks like JSON without the fields of a CERT/CC note (its first keys: hello, list)',
      expect.stringMatching(/^vu_900004\/broken\.json is not JSON/),
    ])
    expect(s.warnings).toEqual({
      bad_date: 3,
      not_utf8: 1,
      nul_removed: 2,
      vendor_merged: 1,
      no_vendors: 1,
      no_note: 1,
    })

    const sendmail = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('import_key', '=', 'VU#900001')
      .executeTakeFirstOrThrow()
    expect(sendmail.case_number).toBe('VU-900001')
    // Published on 3 March 2003 at midnight in New York.
    expect(sendmail.published_at).toEqual(new Date('2003-03-03T05:00:00Z'))
    expect(sendmail.public_aware_at).toEqual(new Date('2003-03-03T05:00:00Z'))
    expect(sendmail.created_at).toEqual(new Date('2003-01-13T09:30:00Z'))
    const cves = await t.db
      .selectFrom('vulnerabilities')
      .select('cve_id')
      .where('case_id', '=', sendmail.id)
      .orderBy('cve_id')
      .execute()
    expect(cves.map((c) => c.cve_id)).toEqual(['CVE-2002-1337', 'CVE-2003-0161'])
    const vendors = await t.db
      .selectFrom('participants')
      .innerJoin('organizations', 'organizations.id', 'participants.organization_id')
      .select(['organizations.name', 'notified_at', 'responded_at', 'rm_state'])
      .where('case_id', '=', sendmail.id)
      .orderBy('organizations.name')
      .execute()
    // Sendmail twice is one vendor, told at the earlier date; "not yet" answered is no answer.
    expect(vendors).toEqual([
      { name: 'Cray Inc.', notified_at: new Date('2003-02-26T00:00:00Z'), responded_at: null, rm_state: 'received' },
      {
        name: 'Postfix',
        notified_at: new Date('2003-02-26T00:00:00Z'),
        responded_at: new Date('2003-02-27T00:00:00Z'),
        rm_state: 'received',
      },
      {
        name: 'Sendmail, Inc.',
        notified_at: new Date('2003-01-12T08:00:00Z'),
        responded_at: new Date('2003-01-14T00:00:00Z'),
        rm_state: 'received',
      },
    ])
    const statements = await t.db
      .selectFrom('vendor_statements')
      .innerJoin('participants', 'participants.id', 'vendor_statements.participant_id')
      .innerJoin('organizations', 'organizations.id', 'participants.organization_id')
      .select(['organizations.name', 'status'])
      .where('vendor_statements.case_id', '=', sendmail.id)
      .orderBy('organizations.name')
      .execute()
    // Unknown (Cray) is no statement; one statement per vulnerability for the others.
    expect(statements.map((r) => `${r.name}: ${r.status}`)).toEqual([
      'Postfix: not_affected',
      'Postfix: not_affected',
      'Sendmail, Inc.: affected',
      'Sendmail, Inc.: affected',
    ])

    const latin = await t.db
      .selectFrom('organizations')
      .select('name')
      .where('name', 'like', 'Soci%')
      .executeTakeFirstOrThrow()
    expect(latin.name).toBe('Société Générale')
    const nul = await t.db
      .selectFrom('cases')
      .select(['title', 'summary', 'published_at'])
      .where('import_key', '=', 'VU#900003')
      .executeTakeFirstOrThrow()
    expect(nul).toEqual({ title: 'Null bytes in a title', summary: 'raw  byte', published_at: null })
    // The same vendor on two notes is one organization of the directory.
    const example = await t.db.selectFrom('organizations').select('id').where('name', '=', 'Example Networks').execute()
    expect(example).toHaveLength(1)

    const imported = await t.db
      .selectFrom('ledger_entries')
      .select('payload')
      .where('case_id', '=', sendmail.id)
      .where('kind', '=', 'case.imported')
      .executeTakeFirstOrThrow()
    expect(imported.payload).toMatchObject({ source: 'certcc', key: 'VU#900001', outcome: 'released' })
    for (const c of await t.db.selectFrom('cases').select('id').execute())
      expect((await verifyCaseLedger(t.db, c.id)).ok).toBe(true)

    const before = await ledgerLengths(t.db)
    const again = await importCertccArchive(t.db, dirty, { actor: system })
    expect({ imported: again.imported, updated: again.updated, unchanged: again.unchanged }).toEqual({
      imported: 0,
      updated: 0,
      unchanged: 5,
    })
    expect(await ledgerLengths(t.db)).toEqual(before)
  })

  it('imports a generated archive, changes nothing on a second run, and updates a changed revision', async () => {
    // Each database gets its own copy: this test rewrites a note.
    clean = await mkdtemp(path.join(os.tmpdir(), 'certcc-clean-'))
    await writeGeneratedArchive(clean, { notes: 40, vendorPool: 25 })
    const progress: number[] = []
    const s = await importCertccArchive(t.db, clean, {
      actor: system,
      concurrency: 3,
      onProgress: (p) => progress.push(p.done),
    })
    expect(s).toMatchObject({ folders: 40, imported: 40, updated: 0, unchanged: 0, skipped: [] })
    expect(s.warnings).toEqual({ no_vendors: 10 })
    expect(progress.at(-1)).toBe(40)
    const counts = await t.db
      .selectFrom('participants')
      .innerJoin('cases', 'cases.id', 'participants.case_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('cases.import_key', 'like', 'VU#1%')
      .executeTakeFirstOrThrow()
    expect(Number(counts.n)).toBe(60)

    const before = await ledgerLengths(t.db)
    const again = await importCertccArchive(t.db, clean, { actor: system, concurrency: 3 })
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 40 })
    expect(await ledgerLengths(t.db)).toEqual(before)

    // Revision 2 of one note, now published: the case is updated, not duplicated.
    const n = 100_002
    await writeFile(
      path.join(clean, `vu_${n}`, `vu_${n}.json`),
      JSON.stringify({
        ...noteRecord(n, { published: true, created: Date.UTC(2003, 0, 3), revision: 2 }),
        Title: 'Revised title',
      }),
    )
    const third = await importCertccArchive(t.db, clean, { actor: system })
    expect(third).toMatchObject({ imported: 0, updated: 1, unchanged: 39 })
    const revised = await t.db
      .selectFrom('cases')
      .select(['id', 'title', 'public_aware_at', 'ledger_count'])
      .where('import_key', '=', `VU#${n}`)
      .executeTakeFirstOrThrow()
    expect(revised.title).toBe('Revised title')
    expect(revised.public_aware_at).not.toBeNull()
    expect(revised.ledger_count).toBeGreaterThan(before[`VU-${n}`]!)
    expect((await verifyCaseLedger(t.db, revised.id)).ok).toBe(true)
  })
})
