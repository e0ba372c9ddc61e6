// Maven versions (vers scheme `maven`), ordered by Maven's ComparableVersion, because that is what
// Maven, Gradle's Maven repositories and the GitHub advisory database use for Java artifacts.
// Written by hand (a port) so that the rules are visible and tested against the vers suite.
//
// Source: org.apache.maven.artifact.versioning.ComparableVersion (maven-artifact 3.x) and
// https://maven.apache.org/pom.html#version-order-specification. The version is lower-cased and
// split into items: numbers, qualifiers, and nested lists started by '-' or by a switch between
// digits and letters. Known qualifiers order alpha < beta < milestone < rc (= cr) < snapshot <
// "" (= ga = final = release) < sp, then unknown qualifiers lexically; a number beats a qualifier;
// trailing "null" items (0, "", empty lists) are dropped so that 1.0 == 1 and 1-ga == 1.

import { compareDigits, compareStrings, type VersionScheme } from './scheme.js'

type Item = { kind: 'int'; value: string } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] }

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp']
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' }
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''))

function stringItem(value: string, followedByDigit: boolean): Item {
  if (followedByDigit && value.length === 1)
    value = ({ a: 'alpha', b: 'beta', m: 'milestone' } as Record<string, string>)[value] ?? value
  return { kind: 'string', value: ALIASES[value] ?? value }
}

/** Java compares these strings with String.compareTo, so "7-abc" sorts after every known index. */
function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q)
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i)
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? { kind: 'int', value: text.replace(/^0+/, '') || '0' } : stringItem(text, false)
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === '0'
  if (item.kind === 'string') return comparableQualifier(item.value) === RELEASE_INDEX
  return item.items.length === 0
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i]!
    if (isNull(last)) list.splice(i, 1)
    else if (last.kind !== 'list') break
  }
}

export function parseMaven(version: string): Item {
  const v = version.toLowerCase()
  const root: Item[] = []
  let list = root
  const stack: Item[][] = [root]
  const openList = () => {
    const next: Item[] = []
    list.push({ kind: 'list', items: next })
    list = next
    stack.push(next)
  }
  let isDigit = false
  let start = 0
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!
    if (c === '.') {
      list.push(i === start ? { kind: 'int', value: '0' } : parseItem(isDigit, v.slice(start, i)))
      start = i + 1
    } else if (c === '-') {
      list.push(i === start ? { kind: 'int', value: '0' } : parseItem(isDigit, v.slice(start, i)))
      start = i + 1
      openList()
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(stringItem(v.slice(start, i), true))
        start = i
        openList()
      }
      isDigit = true
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, v.slice(start, i)))
        start = i
        openList()
      }
      isDigit = false
    }
  }
  if (v.length > start) list.push(parseItem(isDigit, v.slice(start)))
  // Normalise innermost lists first, as Maven pops its stack.
  for (const l of stack.reverse()) normalize(l)
  return { kind: 'list', items: root }
}

/** Item.compareTo(other), where `undefined` stands for Java's null (the shorter list ran out). */
function compareItem(a: Item, b: Item | undefined): number {
  switch (a.kind) {
    case 'int':
      if (b === undefined) return a.value === '0' ? 0 : 1
      return b.kind === 'int' ? compareDigits(a.value, b.value) : 1
    case 'string':
      if (b === undefined) return compareStrings(comparableQualifier(a.value), RELEASE_INDEX)
      if (b.kind === 'int' || b.kind === 'list') return -1
      return compareStrings(comparableQualifier(a.value), comparableQualifier(b.value))
    case 'list': {
      if (b === undefined) return a.items.length === 0 ? 0 : compareItem(a.items[0]!, undefined)
      if (b.kind === 'int') return -1
      if (b.kind === 'string') return 1
      for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
        const l = a.items[i]
        const r = b.items[i]
        const c = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r)
        if (c !== 0) return c
      }
      return 0
    }
  }
}

export const maven: VersionScheme = {
  name: 'maven',
  valid: (v) => (v.trim() !== '' && !/\s/.test(v) ? true : 'is empty or contains white space'),
  compare: (a, b) => compareItem(parseMaven(a), parseMaven(b)),
}
