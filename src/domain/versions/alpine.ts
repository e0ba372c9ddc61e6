// Alpine Linux package versions (vers scheme `apk`, also called `alpine`), ordered as apk-tools
// does: numbers separated by dots, one optional lower-case letter, suffixes _alpha < _beta < _pre
// < _rc < (none) < _cvs < _svn < _git < _hg < _p each with an optional number, then -rN.
// Written by hand as a port of apk-tools' tokenizer so that the exact token rules (leading zeros,
// which token may follow which) match what `apk version -t` answers.
// Source: apk-tools src/version.c (get_token, next_token, apk_version_compare).

import type { Validity, VersionScheme } from './scheme.js'

// Token types in apk-tools' order: the order matters when one version ends before the other.
const INVALID = -1
const DIGIT_OR_ZERO = 0
const DIGIT = 1
const LETTER = 2
const SUFFIX = 3
const SUFFIX_NO = 4
const REVISION_NO = 5
const END = 6

const PRE_SUFFIXES = ['alpha', 'beta', 'pre', 'rc']
const POST_SUFFIXES = ['cvs', 'svn', 'git', 'hg', 'p']

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z'

class Tokenizer {
  type = DIGIT
  private pos = 0
  constructor(private readonly text: string) {}

  private get rest(): number {
    return this.text.length - this.pos
  }

  private nextType(): void {
    let n = INVALID
    const c = this.text[this.pos]
    if (this.rest <= 0) n = END
    else if ((this.type === DIGIT || this.type === DIGIT_OR_ZERO) && isLower(c)) n = LETTER
    else if (this.type === LETTER && isDigit(c)) n = DIGIT
    else if (this.type === SUFFIX && isDigit(c)) n = SUFFIX_NO
    else {
      if (c === '.') n = DIGIT_OR_ZERO
      else if (c === '_') n = SUFFIX
      else if (c === '-' && this.text[this.pos + 1] === 'r') {
        n = REVISION_NO
        this.pos++
      }
      this.pos++
    }
    if (n < this.type) {
      const allowed =
        (n === DIGIT_OR_ZERO && this.type === DIGIT) || (n === SUFFIX && this.type === SUFFIX_NO) || (n === DIGIT && this.type === LETTER)
      if (!allowed) n = INVALID
    }
    this.type = n
  }

  /** Reads the token of the current type and returns its value; moves `type` to the next one. */
  next(): number {
    if (this.rest <= 0) {
      this.type = END
      return 0
    }
    let i = this.pos
    let v = 0
    let after = INVALID
    const digits = () => {
      while (isDigit(this.text[i])) v = v * 10 + Number(this.text[i++])
    }
    switch (this.type) {
      case DIGIT_OR_ZERO:
        // Leading zeros: 1.02 sorts before 1.1, and more zeros sort lower.
        if (this.text[i] === '0') {
          while (this.text[i] === '0') i++
          after = DIGIT
          v = -(i - this.pos)
          break
        }
        digits()
        break
      case DIGIT:
      case SUFFIX_NO:
      case REVISION_NO:
        digits()
        break
      case LETTER:
        v = this.text.charCodeAt(i++)
        break
      case SUFFIX: {
        const rest = this.text.slice(i)
        const pre = PRE_SUFFIXES.findIndex((s) => rest.startsWith(s))
        if (pre >= 0) {
          v = pre - PRE_SUFFIXES.length
          i += PRE_SUFFIXES[pre]!.length
          break
        }
        const post = POST_SUFFIXES.findIndex((s) => rest.startsWith(s))
        if (post >= 0) {
          v = post
          i += POST_SUFFIXES[post]!.length
          break
        }
        this.type = INVALID
        return -1
      }
      default:
        this.type = INVALID
        return -1
    }
    this.pos = i
    if (this.rest <= 0) this.type = END
    else if (after !== INVALID) this.type = after
    else this.nextType()
    return v
  }

  /** The value the next token would have, without consuming it (for the pre-release check). */
  peek(): number {
    const copy = new Tokenizer(this.text)
    copy.pos = this.pos
    copy.type = this.type
    return copy.next()
  }
}

export function compareAlpine(a: string, b: string): number {
  const x = new Tokenizer(a)
  const y = new Tokenizer(b)
  let av = 0
  let bv = 0
  while (x.type === y.type && x.type !== END && x.type !== INVALID && av === bv) {
    av = x.next()
    bv = y.next()
  }
  if (av !== bv) return av < bv ? -1 : 1
  if (x.type === y.type) return 0
  // Equal so far and one goes on: the longer is newer, unless what follows is a pre-release suffix.
  if (x.type === SUFFIX && x.peek() < 0) return -1
  if (y.type === SUFFIX && y.peek() < 0) return 1
  if (x.type > y.type) return -1
  if (y.type > x.type) return 1
  return 0
}

const APK = /^\d+(?:\.\d+)*[a-z]?(?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(?:-r\d+)?$/

function validAlpine(version: string): Validity {
  return APK.test(version) ? true : 'is not an Alpine package version (1.2.3[letter][_suffixN...][-rN])'
}

export const alpine: VersionScheme = { name: 'apk', valid: validAlpine, compare: compareAlpine }
