// Evaluates every policy table cell against the rules, and checks that the tables are complete:
// every action of every resource type has a row for every state.
import { describe, expect, it } from 'vitest'
import { abilities, authorize, resourceActions, type ResourceType } from '../../src/domain/policy/index.js'
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/domain/errors.js'
import { matrices } from './matrices.js'
import { actorKinds, actors } from './world.js'

type Outcome = 'a' | 'd' | 'h' | 'r'

function outcome(actorKind: (typeof actorKinds)[number], action: string, resource: object): Outcome {
  try {
    authorize(actors[actorKind], action as never, resource as never)
    return 'a'
  } catch (error) {
    if (error instanceof NotFoundError) return 'h'
    if (error instanceof ForbiddenError) return 'd'
    if (error instanceof ConflictError) return 'r'
    throw error
  }
}

const cells = (row: string): Outcome[] => row.trim().split(/\s+/) as Outcome[]

describe('policy matrix', () => {
  it('has a table for every resource type and a row for every action and state', () => {
    expect(matrices.map((m) => m.resource).sort()).toEqual((Object.keys(resourceActions) as ResourceType[]).sort())
    for (const m of matrices) {
      expect(Object.keys(m.expect).sort(), m.resource).toEqual([...resourceActions[m.resource]].sort())
      for (const [action, rows] of Object.entries(m.expect)) {
        expect(Object.keys(rows).sort(), `${m.resource}.${action}`).toEqual(Object.keys(m.states).sort())
        for (const row of Object.values(rows as Record<string, string>))
          expect(cells(row)).toHaveLength(actorKinds.length)
      }
    }
  })

  for (const m of matrices) {
    for (const [action, rows] of Object.entries(m.expect)) {
      for (const [state, row] of Object.entries(rows as Record<string, string>)) {
        it(`${m.resource}.${action} when ${state}`, () => {
          const resource = (m.states as Record<string, object>)[state]!
          const actual = actorKinds.map((k) => outcome(k, action, resource))
          expect(actual.join(' ')).toBe(cells(row).join(' '))
        })
      }
    }
  }

  it('presents abilities that agree with authorize for every actor', () => {
    for (const m of matrices) {
      for (const resource of Object.values(m.states)) {
        for (const kind of actorKinds) {
          const map = abilities(actors[kind], resource as never) as Record<string, boolean>
          for (const [action, allowed] of Object.entries(map))
            expect(allowed, `${kind} ${m.resource}.${action}`).toBe(outcome(kind, action, resource) === 'a')
        }
      }
    }
  })
})
