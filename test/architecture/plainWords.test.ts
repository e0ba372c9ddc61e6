// Plain words everywhere a person reads: every ledger kind, report-history kind and mail template
// the server can write has a sentence in the web UI, so a new kind added without words fails here
// instead of reaching a page as "attachment.added" or "case.message".
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ledgerKinds, reportEventKinds } from '../../src/domain/eventKinds.js'
import type { TemplateData } from '../../src/mail/templates.js'

// The web UI's modules, loaded by path: the server's typecheck (node16 resolution) does not follow
// into the web app, which has its own (web/tsconfig.json).
type Sentences = Record<string, unknown>
type Entry = { sequence: number; instant: string; actor: string; kind: string; payload: unknown; hash: string }
const web = (file: string) => import(/* @vite-ignore */ path.resolve(process.cwd(), 'web/src/pages', file))
const { templateLabel, templateWords } = (await web('admin/mailLabels.ts')) as {
  templateLabel: Sentences
  templateWords(template: string): string
}
const { ledgerSentence, ledgerSentences } = (await web('cases/ledgerWords.ts')) as {
  ledgerSentences: Sentences
  ledgerSentence(entry: Entry, names: Map<string, string>): string
}
const { historySentence, reportEventSentences } = (await web('triage/triageLabels.ts')) as {
  reportEventSentences: Sentences
  historySentence(kind: string, payload: unknown, actor: string | null): string
}

// Exhaustive by type: a template added to TemplateData fails the typecheck until it is listed here.
const templates = {
  'case.added': true,
  'case.message': true,
  'case.file': true,
  'report.received': true,
  'vendor.notified': true,
  'vendor.reminder': true,
  'contact.verify': true,
  'key.expiring': true,
  'subscription.confirm': true,
  'advisory.published': true,
  'owner.prenotice': true,
  'owner.alert': true,
  'embargo.changed': true,
  'release.readiness': true,
  'report.reply': true,
  'report.status': true,
  'report.published': true,
  'needs.item': true,
  'needs.digest': true,
} satisfies Record<TemplateData['template'], true>

const code = /\b[a-z]+\.[a-z_]+\b/

describe('plain words', () => {
  it('has a ledger sentence for every ledger kind, and none for a kind that does not exist', () => {
    expect(ledgerKinds.filter((k) => !(k in ledgerSentences))).toEqual([])
    expect(Object.keys(ledgerSentences).filter((k) => !(ledgerKinds as readonly string[]).includes(k))).toEqual([])
  })

  it('says each ledger entry as a sentence naming who did it, with no code in it, even with an empty payload', () => {
    for (const kind of ledgerKinds) {
      const entry = {
        sequence: 1,
        instant: '2026-01-01T00:00:00.000Z',
        actor: 'Casey Coordinator',
        kind,
        payload: {},
        hash: 'x',
      }
      const sentence = ledgerSentence(entry, new Map())
      expect(sentence, kind).not.toMatch(code)
      expect(sentence, kind).not.toContain('undefined')
      expect(sentence.length, kind).toBeGreaterThan(15)
    }
  })

  it('reads a file attached to a thread as who attached what where', () => {
    const entry = {
      sequence: 7,
      instant: '2026-01-01T00:00:00.000Z',
      actor: 'Alice Analyst',
      kind: 'information.released',
      payload: { thread: 'Coordination', filename: 'report.txt', tlp: 'AMBER' },
      hash: 'x',
    }
    expect(ledgerSentence(entry, new Map())).toBe('Alice Analyst attached report.txt to “Coordination” (TLP:AMBER)')
  })

  it('has a sentence for every report-history kind', () => {
    expect(reportEventKinds.filter((k) => !(k in reportEventSentences))).toEqual([])
    for (const kind of reportEventKinds) expect(historySentence(kind, {}, 'Casey'), kind).not.toMatch(code)
  })

  it('names every mail template in words', () => {
    expect(Object.keys(templates).filter((t) => !(t in templateLabel))).toEqual([])
    for (const t of Object.keys(templates)) expect(templateWords(t), t).not.toMatch(code)
  })
})
