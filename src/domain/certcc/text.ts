// Reading an archive file's bytes as text that can be stored. Old notes were written by many tools:
// some files are not UTF-8 (Windows-1252 or Latin-1 from mail pasted in), some carry NUL bytes or
// JSON escapes of them, some lone surrogates. The storable-text rule (../storableText.ts) refuses
// such text from people, who can fix it; an archive cannot be asked, so here it is cleaned and
// every cleaning is reported as a warning, never silently.
export type TextWarning = 'not_utf8' | 'nul_removed' | 'lone_surrogate_replaced'

const utf8 = new TextDecoder('utf-8', { fatal: true })
const latin1 = new TextDecoder('latin1')

/** The file's text: UTF-8 when it is valid, Latin-1 (every byte a character) when it is not. */
export function decodeBytes(bytes: Uint8Array): { text: string; warnings: TextWarning[] } {
  const warnings: TextWarning[] = []
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    text = latin1.decode(bytes)
    warnings.push('not_utf8')
  }
  // A raw NUL byte is not even JSON (a control character inside a string): it goes before parsing.
  if (text.includes('\u0000')) {
    text = text.replaceAll('\u0000', '')
    warnings.push('nul_removed')
  }
  return { text, warnings }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The string made storable, and what was done to it. */
export function storable(value: string, warnings: Set<TextWarning>): string {
  let out = value
  if (out.includes('\u0000')) {
    out = out.replaceAll('\u0000', '')
    warnings.add('nul_removed')
  }
  if (LONE_SURROGATE.test(out)) {
    LONE_SURROGATE.lastIndex = 0
    out = out.replace(LONE_SURROGATE, '\ufffd')
    warnings.add('lone_surrogate_replaced')
  }
  LONE_SURROGATE.lastIndex = 0
  return out
}
