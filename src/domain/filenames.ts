// File names as people send them are untrusted: they may carry paths, control characters, bidi
// overrides that disguise an extension ("invoice‮fdp.exe"), or be empty. This keeps the last path
// segment, printable and at most 200 characters, and says why when nothing usable is left.

// C0/C1 controls, and the Unicode format characters that reorder or hide text (matching control
// characters is the point here).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g

export type FilenameResult = { ok: true; name: string } | { ok: false; reason: string }

export function safeFilename(raw: string): FilenameResult {
  const lastSegment = raw.split(/[\\/]/).pop() ?? ''
  let name = lastSegment.replace(UNSAFE, '').replace(/\s+/g, ' ').trim()
  // A name made only of dots would mean "this folder" or "the parent" to a careless tool.
  if (/^\.+$/.test(name)) name = ''
  if (!name)
    return { ok: false, reason: 'must name the file (letters, digits or punctuation after removing any folder path)' }
  if (name.length > 200) {
    const dot = name.lastIndexOf('.')
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : ''
    name = name.slice(0, 200 - extension.length) + extension
  }
  return { ok: true, name }
}

/** "12.3 MB" for people; binary multiples, as the limits are set in bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}
