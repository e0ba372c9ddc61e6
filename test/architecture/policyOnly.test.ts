// Every authorization decision lives in src/domain/policy. This reads the server's source and
// fails on the shapes a decision takes elsewhere: asking whether the actor is staff, an admin, a
// member or themself, or reading its role, memberships or way of signing in directly. Commands ask
// the policy (`authorize`, `can`, `abilities`, a visibility scope such as `caseScope`) instead, and
// read who the caller is through `actorUserId` or the policy's `partyOf`.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../../src')
const decisionShapes: [name: string, pattern: RegExp][] = [
  ['a role predicate', /\b(isStaff|isAdmin|isMemberOf|isOrganizationAdmin|isSelf)\(/],
  ["the actor's instance role", /\bactor\.instanceRole\b/],
  ["the actor's memberships", /\bactor\.memberships\b/],
  ['how the actor signed in', /\bactor\.via\b/],
]
// The policy itself, and the definitions it is built from.
const allowed = [path.join(root, 'domain/policy'), path.join(root, 'domain/actor.ts')]

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sources(full)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : []
  })
}

export function decisionsOutsidePolicy(files = sources(root)): string[] {
  const found: string[] = []
  for (const file of files) {
    if (allowed.some((a) => file === a || file.startsWith(a + path.sep))) continue
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return
        for (const [name, pattern] of decisionShapes)
          if (pattern.test(line)) found.push(`${path.relative(root, file)}:${i + 1}: ${name}: ${line.trim()}`)
      })
  }
  return found
}

describe('authorization lives in src/domain/policy', () => {
  it('no source file outside the policy decides who may do what', () => {
    expect(decisionsOutsidePolicy()).toEqual([])
  })

  it('would notice a decision written in a command', () => {
    const tmp = fs.mkdtempSync(path.join(root, '..', 'test-results-policy-'))
    try {
      const file = path.join(tmp, 'command.ts')
      fs.writeFileSync(file, "if (!isStaff(actor)) throw new ForbiddenError('no')\n")
      expect(decisionsOutsidePolicy([file])).toHaveLength(1)
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  })
})
