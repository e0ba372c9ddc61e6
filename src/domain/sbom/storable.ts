// An inventory's components as they will be stored: one whose name, version, type or purl holds
// text the database cannot keep (a NUL, a lone surrogate, from a JSON escape such as "\u0000") is
// left out and said as a problem, like any other entry that cannot be read (see
// domain/storableText.ts), instead of failing the whole upload when it is written.
import { printable, unstorableText } from '../storableText.js'
import { entryLabel } from './component.js'
import type { InventoryResult } from './types.js'

export function storableInventory(read: InventoryResult): InventoryResult {
  if (!read.ok) return read
  const problems = read.problems.map((p) => ({ component: printable(p.component), message: printable(p.message) }))
  const components = read.components.filter((c) => {
    const reason = [c.name, c.version, c.type, c.purl, c.ecosystem].map((v) => (v === null ? null : unstorableText(v)))
    const first = reason.find((r) => r !== null)
    if (!first) return true
    problems.push({ component: printable(entryLabel(c)), message: `${first}: left out` })
    return false
  })
  return { ...read, components, problems }
}
