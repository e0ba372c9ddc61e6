import { describe, expect, it } from 'vitest'
import { formatBytes, safeFilename } from './filenames.js'

describe('safeFilename', () => {
  it.each([
    ['crackaddr-poc.eml', 'crackaddr-poc.eml'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\exploit.c', 'exploit.c'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['  spaced   out .txt ', 'spaced out .txt'],
    ['résumé – notes.pdf', 'résumé – notes.pdf'],
  ])('%j becomes %j', (raw, name) => {
    expect(safeFilename(raw)).toEqual({ ok: true, name })
  })

  it.each(['', '..', '.', 'a/', '\u0000\u0001'])('refuses %j', (raw) => {
    expect(safeFilename(raw).ok).toBe(false)
  })

  it('shortens long names but keeps the extension', () => {
    const result = safeFilename(`${'a'.repeat(300)}.tar.gz`)
    expect(result.ok && result.name.length).toBe(200)
    expect(result.ok && result.name.endsWith('.gz')).toBe(true)
  })
})

describe('formatBytes', () => {
  it.each([
    [512, '512 bytes'],
    [64 * 1024, '64 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [1536 * 1024, '1.5 MB'],
  ])('%d is %s', (n, text) => expect(formatBytes(n)).toBe(text))
})
