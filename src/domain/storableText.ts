// The one rule for text coming in from outside: it must be text PostgreSQL can store. A NUL
// character (U+0000) cannot be stored in a text or jsonb column at all, and a lone UTF-16 surrogate
// is not Unicode (PostgreSQL refuses its JSON escape; a driver would silently turn it into U+FFFD).
// Such text is refused, never cleaned: a person who sent it learns which field was wrong, and what
// is stored is exactly what was sent.
import type { FieldProblem } from './errors.js'

export const NUL_MESSAGE = 'must not contain a NUL character (U+0000)'
export const SURROGATE_MESSAGE = 'must not contain a lone UTF-16 surrogate (it is not valid Unicode text)'

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Why this text cannot be stored, or null when it can. */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return NUL_MESSAGE
  if (LONE_SURROGATE.test(value)) return SURROGATE_MESSAGE
  return null
}

/** At most this many problems are listed: enough to name the fields, not a second copy of the body. */
const MAX_PROBLEMS = 20

interface Step {
  value: unknown
  key: string | null
  parent: Step | null
}

/** "a.1.b" for a step, its leading levels elided past a depth no person reads. */
function pathOf(step: Step, prefix: string): string {
  const keys: string[] = []
  for (let s: Step | null = step; s?.key != null; s = s.parent) keys.push(s.key)
  keys.reverse()
  const shown = keys.length > 32 ? ['…', ...keys.slice(-16)] : keys
  return [prefix, ...shown].filter(Boolean).join('.')
}

/**
 * Every string (and object key) in a parsed value that cannot be stored, each named by its path
 * ("affected.0.product", with `prefix` before it). Walks without recursion, so a body nested
 * thousands of levels deep is checked like any other.
 */
export function unstorableTextIn(value: unknown, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = []
  const stack: Step[] = [{ value, key: null, parent: null }]
  const seen = new Set<object>()
  while (stack.length && problems.length < MAX_PROBLEMS) {
    const step = stack.pop()!
    const keyMessage = step.key === null ? null : unstorableText(step.key)
    if (keyMessage) {
      const parent = step.parent!.key === null && !prefix ? '' : `${pathOf(step.parent!, prefix)}.`
      problems.push({ field: parent + JSON.stringify(step.key), message: `has a field name that ${keyMessage}` })
    }
    const current = step.value
    if (typeof current === 'string') {
      const message = unstorableText(current)
      if (message && !keyMessage) problems.push({ field: pathOf(step, prefix) || 'body', message })
    } else if (current && typeof current === 'object' && !Buffer.isBuffer(current) && !seen.has(current)) {
      seen.add(current)
      const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current)
      // Pushed in reverse so that problems come out in document order.
      for (let i = entries.length - 1; i >= 0; i--)
        stack.push({ value: entries[i]![1], key: entries[i]![0], parent: step })
    }
  }
  return problems
}

/** The text with each NUL and lone surrogate written as its \u escape: safe to store and to show. */
export function printable(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex -- the NUL is what is being escaped
    /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Whether JSON text may parse into unstorable text (a raw NUL or surrogate, or its \u escape): a
 * cheap look that spares walking the parsed value of the documents that plainly cannot.
 */
export function jsonMayHoldUnstorableText(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the NUL is what is looked for
  return /\\u(?:0000|[dD][89a-fA-F])|[\u0000\ud800-\udfff]/.test(text)
}
