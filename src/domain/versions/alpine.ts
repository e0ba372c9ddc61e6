// Alpine Linux package versions (vers scheme `apk`, also called `alpine`), ordered as current
// apk-tools (2.14 and 3.x) does, because Alpine's security database names fixed versions such as
// 1.36.1-r15 and hosts run today's apk. Written by hand from the algorithm's description below.
//
// Source: apk-tools src/version.c (token_first, token_next, token_cmp, apk_version_compare).
// A version is: digits {.digits} [one letter a-z] {_suffix[digits]} [~commit-hex] [-rN]. Suffixes
// order _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p. Tokens compare pairwise
// while both versions have the same kind of token: numbers numerically, except that a dotted
// number with a leading zero on either side compares as a string (1.02 < 1.1, as Gentoo does);
// suffixes by the order above; commit hashes as strings. When one version has a different kind of
// token next, a pre-release suffix makes it older; otherwise the one whose next token comes later
// in the grammar (the end counting last) is older: 1.0 < 1.0.1, 1.0 < 1.0a, 1.0-r1 < 1.0.1,
// 1.0_rc1 < 1.0 < 1.0_p1 < 1.0-r1.

import { compareDigits, compareStrings, type Validity, type VersionScheme } from './scheme.js'

// Token kinds in the grammar's order; the order decides the comparison when the kinds differ.
const INITIAL_DIGIT = 0
const DIGIT = 1
const LETTER = 2
const SUFFIX = 3
const SUFFIX_NO = 4
const COMMIT_HASH = 5
const REVISION_NO = 6
const END = 7
const INVALID = 8

const SUFFIXES = ['alpha', 'beta', 'pre', 'rc', '', 'cvs', 'svn', 'git', 'hg', 'p']
const NO_SUFFIX = SUFFIXES.indexOf('')

interface Token {
  kind: number
  /** The token's text (digits, letter, suffix name or hash). */
  text: string
  /** For suffixes, the position in SUFFIXES. */
  suffix: number
}

function tokenize(version: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  const take = (pattern: RegExp): string => {
    const m = pattern.exec(version.slice(pos))
    const text = m ? m[0] : ''
    pos += text.length
    return text
  }
  const push = (kind: number, text: string, suffix = NO_SUFFIX) => {
    tokens.push({ kind: text === '' && kind !== END ? INVALID : kind, text, suffix })
  }
  push(INITIAL_DIGIT, take(/^\d+/))
  while (tokens[tokens.length - 1]!.kind < END) {
    const previous = tokens[tokens.length - 1]!.kind
    const c = version[pos]
    if (c === undefined) push(END, '')
    else if (c >= 'a' && c <= 'z' && previous <= DIGIT) push(LETTER, take(/^./))
    else if (c === '.' && previous <= DIGIT) {
      pos++
      push(DIGIT, take(/^\d+/))
    } else if (c >= '0' && c <= '9' && previous === SUFFIX) push(SUFFIX_NO, take(/^\d+/))
    else if (c === '_' && previous <= SUFFIX_NO) {
      pos++
      const name = take(/^[a-z]+/)
      const suffix = SUFFIXES.indexOf(name)
      push(suffix < 0 || suffix === NO_SUFFIX ? INVALID : SUFFIX, name, suffix)
    } else if (c === '~' && previous < COMMIT_HASH) {
      pos++
      push(COMMIT_HASH, take(/^[0-9a-fA-F]+/))
    } else if (c === '-' && version[pos + 1] === 'r' && previous < REVISION_NO) {
      pos += 2
      push(REVISION_NO, take(/^\d+/))
    } else push(INVALID, c)
  }
  return tokens
}

/** apk_blob_sort: byte order, a prefix first. */
function compareTokens(a: Token, b: Token): number {
  switch (a.kind) {
    case DIGIT:
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareStrings(a.text, b.text)
      return compareDigits(a.text, b.text)
    case INITIAL_DIGIT:
    case SUFFIX_NO:
    case REVISION_NO:
      return compareDigits(a.text, b.text)
    case SUFFIX:
      return a.suffix - b.suffix
    default:
      return compareStrings(a.text, b.text)
  }
}

export function compareAlpine(a: string, b: string): number {
  const x = tokenize(a)
  const y = tokenize(b)
  let i = 0
  for (; x[i]!.kind === y[i]!.kind && x[i]!.kind < END; i++) {
    const c = compareTokens(x[i]!, y[i]!)
    if (c !== 0) return c
  }
  const s = x[i]!
  const t = y[i]!
  if (s.kind === t.kind) return 0
  if (s.kind === SUFFIX && s.suffix < NO_SUFFIX) return -1
  if (t.kind === SUFFIX && t.suffix < NO_SUFFIX) return 1
  return s.kind > t.kind ? -1 : 1
}

function validAlpine(version: string): Validity {
  return tokenize(version).at(-1)!.kind === END
    ? true
    : 'is not an Alpine package version (1.2.3[letter][_suffixN...][~hash][-rN])'
}

export const alpine: VersionScheme = { name: 'apk', valid: validAlpine, compare: compareAlpine }
