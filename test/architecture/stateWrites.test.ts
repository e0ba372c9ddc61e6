// Every state change goes through its machine's helper (src/commands/transitions/), which applies
// the transition table and appends the ledger entry: no other file of src/ may write a state
// column. Writes are the keys of `.set(...)`, `.values(...)` and `doUpdateSet(...)` after an
// `updateTable` / `insertInto` of the table, and raw `UPDATE t SET` / `INSERT INTO t (...)`;
// reads (`where('state', ...)`, `select`) are not writes. A key spread from another object
// (`...changes`) cannot be seen here: the helpers' typed parameters keep those out.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const helpers = 'src/commands/transitions/'
/** table → column → the helper files that may write it. `[computed]` is a computed key (`[column]: at`). */
const guarded: Record<string, Record<string, string[]>> = {
  participants: {
    rm_state: ['participantRm.ts', 'importedCase.ts'],
    // A vendor notified as it joins is aware from its first row on.
    vendor_aware_at: ['caseStatus.ts', 'participantRm.ts', 'importedCase.ts'],
    fix_ready_at: ['caseStatus.ts'],
    fix_deployed_at: ['caseStatus.ts'],
    '[computed]': ['caseStatus.ts'],
  },
  cases: {
    em_state: ['embargoState.ts'],
    public_aware_at: ['caseStatus.ts', 'importedCase.ts'],
    exploit_public_at: ['caseStatus.ts'],
    attacks_observed_at: ['caseStatus.ts'],
    handed_over_at: ['caseHandoff.ts'],
    '[computed]': [],
  },
  reports: { state: ['reportRm.ts'], '[computed]': [] },
  embargo_consents: { state: ['consent.ts'], '[computed]': [] },
  advisories: { state: ['advisoryState.ts'], ended: ['advisoryState.ts'], '[computed]': [] },
  federation_peers: { state: ['peerState.ts'], '[computed]': [] },
  federation_case_offers: { state: ['peerOffer.ts'], '[computed]': [] },
  federation_report_offers: { state: ['reportPeerOffer.ts'], '[computed]': [] },
}

/** The text between the parenthesis at `open` and its match. */
function balanced(source: string, open: number): string {
  let depth = 0
  for (let i = open; i < source.length; i++) {
    if (source[i] === '(') depth++
    else if (source[i] === ')' && --depth === 0) return source.slice(open + 1, i)
  }
  return source.slice(open + 1)
}

const builderEnd = /\.(updateTable|insertInto|selectFrom|deleteFrom)\(|\.execute(TakeFirst(OrThrow)?)?\(/g

/** Every guarded column written in `source`, as `table.column`. */
export function stateWrites(source: string): string[] {
  const found: string[] = []
  for (const m of source.matchAll(/\.(?:updateTable|insertInto)\(\s*'(\w+)'\s*\)/g)) {
    const table = m[1]!
    const columns = guarded[table]
    if (!columns) continue
    const start = m.index + m[0].length
    builderEnd.lastIndex = start
    const end = builderEnd.exec(source)?.index ?? source.length
    const chain = source.slice(start, end)
    for (const call of chain.matchAll(/\.(?:set|values|doUpdateSet)\(/g)) {
      const args = balanced(chain, call.index + call[0].length - 1)
      for (const column of Object.keys(columns)) {
        const key =
          column === '[computed]'
            ? /[{,]\s*\[[^:]*\]\s*:/
            : new RegExp(`(?:^|[{,\\s])${column}\\s*(?::|,|\\})|['"]${column}['"]\\s*:`)
        if (key.test(args)) found.push(`${table}.${column}`)
      }
    }
  }
  for (const m of source.matchAll(/UPDATE\s+(\w+)\s+SET\s+([\s\S]*?)(?:\bWHERE\b|\bRETURNING\b|`|;|$)/gi)) {
    for (const column of Object.keys(guarded[m[1]!.toLowerCase()] ?? {}))
      if (new RegExp(`\\b${column}\\s*=`, 'i').test(m[2]!)) found.push(`${m[1]!.toLowerCase()}.${column}`)
  }
  for (const m of source.matchAll(/INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)/gi)) {
    for (const column of Object.keys(guarded[m[1]!.toLowerCase()] ?? {}))
      if (new RegExp(`\\b${column}\\b`, 'i').test(m[2]!)) found.push(`${m[1]!.toLowerCase()}.${column}`)
  }
  return found
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : []
  })
}

function allowed(file: string, write: string): boolean {
  const [table, column] = write.split('.') as [string, string]
  const rel = file.split(path.sep).join('/')
  return rel.startsWith(helpers) && guarded[table]![column]!.includes(rel.slice(helpers.length))
}

describe('state writes', () => {
  it('only the transition helpers write a state column', () => {
    const offenders = sourceFiles('src').flatMap((file) =>
      stateWrites(fs.readFileSync(file, 'utf8'))
        .filter((w) => !allowed(path.relative(process.cwd(), file), w))
        .map((w) => `${path.relative(process.cwd(), file)}: ${w}`),
    )
    expect(offenders).toEqual([])
  })

  it('each helper writes what it guards (so a renamed column cannot pass unseen)', () => {
    const written = new Set(
      sourceFiles(helpers).flatMap((f) =>
        stateWrites(fs.readFileSync(f, 'utf8')).map((w) => `${path.basename(f)}:${w}`),
      ),
    )
    expect([...written].sort()).toEqual(
      [
        'advisoryState.ts:advisories.ended',
        'advisoryState.ts:advisories.state',
        'caseHandoff.ts:cases.handed_over_at',
        'caseStatus.ts:cases.attacks_observed_at',
        'caseStatus.ts:cases.exploit_public_at',
        'caseStatus.ts:cases.public_aware_at',
        'caseStatus.ts:participants.[computed]',
        'consent.ts:embargo_consents.state',
        'embargoState.ts:cases.em_state',
        'importedCase.ts:cases.public_aware_at',
        'importedCase.ts:participants.rm_state',
        'importedCase.ts:participants.vendor_aware_at',
        'participantRm.ts:participants.rm_state',
        'peerOffer.ts:federation_case_offers.state',
        'peerState.ts:federation_peers.state',
        'reportPeerOffer.ts:federation_report_offers.state',
        'reportRm.ts:reports.state',
      ].sort(),
    )
  })

  it.each([
    [
      "db.updateTable('participants').set({ rm_state: 'accepted' }).where('id', '=', id).execute()",
      'participants.rm_state',
    ],
    ["db.updateTable('cases').set({ em_state: next, updated_at: now }).execute()", 'cases.em_state'],
    ["trx.insertInto('participants').values({ case_id, rm_state: 'received' }).execute()", 'participants.rm_state'],
    [
      "trx.insertInto('embargo_consents').values({ state }).onConflict((oc) => oc.doUpdateSet({ state })).execute()",
      'embargo_consents.state',
    ],
    ["trx.updateTable('advisories').set((eb) => ({ state: 'published' })).execute()", 'advisories.state'],
    ["trx.updateTable('participants').set({ [column]: at }).execute()", 'participants.[computed]'],
    ['sql`UPDATE reports SET state = ${s} WHERE id = ${id}`', 'reports.state'],
    ['sql`INSERT INTO cases (case_number, em_state) VALUES (${n}, ${s})`', 'cases.em_state'],
  ])('sees a direct write: %s', (source, write) => {
    expect(stateWrites(source)).toContain(write)
  })

  it.each([
    "db.selectFrom('reports').select('state').where('state', '=', 'received').execute()",
    "trx.updateTable('embargo_consents').set({ answered_at: now }).where('state', '=', 'signatory').execute()",
    "trx.updateTable('cve_ids').set({ state: 'published' }).execute()",
    "trx.updateTable('cases').set({ embargo_ends_at: later }).where('em_state', 'in', ['active']).execute()",
    'sql`SELECT id FROM cases WHERE em_state = ${s}`',
  ])('does not take a read for a write: %s', (source) => {
    expect(stateWrites(source)).toEqual([])
  })
})
