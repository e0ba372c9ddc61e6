// The part of RFC 8941 (Structured Field Values for HTTP) that HTTP Message Signatures need:
// reading a dictionary (Signature-Input, Signature, Content-Digest) whose members are items or
// inner lists with parameters, and writing items and parameters back exactly as RFC 8941 says
// (the signature base repeats the parameters in their serialised form, so the writing must be
// canonical). Anything malformed throws StructuredFieldError; callers answer it as a refusal.

export type BareItem = string | number | boolean | Token | Uint8Array
export class Token {
  constructor(readonly value: string) {}
}
export type Parameters = [string, BareItem][]
export interface Item {
  value: BareItem
  params: Parameters
}
export interface InnerList {
  items: Item[]
  params: Parameters
}
export type Member = Item | InnerList

export class StructuredFieldError extends Error {}

export const isInnerList = (m: Member): m is InnerList => 'items' in m

class Reader {
  i = 0
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.i] ?? ''
  }
  done(): boolean {
    return this.i >= this.s.length
  }
  skipSp(): void {
    while (this.peek() === ' ') this.i++
  }
  skipOws(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++
  }
  fail(what: string): never {
    throw new StructuredFieldError(`${what} at character ${this.i + 1}`)
  }
}

function readKey(r: Reader): string {
  if (!/[a-z*]/.test(r.peek())) r.fail('a key must start with a lower-case letter or *')
  const start = r.i
  while (/[a-z0-9_\-.*]/.test(r.peek())) r.i++
  return r.s.slice(start, r.i)
}

function readBareItem(r: Reader): BareItem {
  const c = r.peek()
  if (c === '"') {
    r.i++
    let out = ''
    for (;;) {
      if (r.done()) r.fail('a string is not closed')
      const ch = r.s[r.i++]!
      if (ch === '\\') {
        const next = r.s[r.i++]
        if (next !== '"' && next !== '\\') r.fail('a string escapes something other than " or \\')
        out += next
      } else if (ch === '"') return out
      else if (ch < ' ' || ch > '~') r.fail('a string holds a character outside printable ASCII')
      else out += ch
    }
  }
  if (c === ':') {
    r.i++
    const end = r.s.indexOf(':', r.i)
    if (end < 0) r.fail('a byte sequence is not closed')
    const b64 = r.s.slice(r.i, end)
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) r.fail('a byte sequence is not base64')
    r.i = end + 1
    return new Uint8Array(Buffer.from(b64, 'base64'))
  }
  if (c === '?') {
    r.i++
    const v = r.s[r.i++]
    if (v !== '0' && v !== '1') r.fail('a boolean is neither ?0 nor ?1')
    return v === '1'
  }
  if (c === '-' || /[0-9]/.test(c)) {
    const m = /^-?[0-9]{1,15}(\.[0-9]{1,3})?/.exec(r.s.slice(r.i))
    if (!m) r.fail('a number is malformed')
    r.i += m[0].length
    return Number(m[0])
  }
  if (/[A-Za-z*]/.test(c)) {
    const start = r.i
    while (/[A-Za-z0-9!#$%&'*+\-.^_`|~:/]/.test(r.peek())) r.i++
    return new Token(r.s.slice(start, r.i))
  }
  return r.fail('an item is expected')
}

function readParams(r: Reader): Parameters {
  const params: Parameters = []
  while (r.peek() === ';') {
    r.i++
    r.skipSp()
    const key = readKey(r)
    let value: BareItem = true
    if (r.peek() === '=') {
      r.i++
      value = readBareItem(r)
    }
    const at = params.findIndex(([k]) => k === key)
    if (at >= 0) params[at] = [key, value]
    else params.push([key, value])
  }
  return params
}

function readMember(r: Reader): Member {
  if (r.peek() !== '(') {
    const value = readBareItem(r)
    return { value, params: readParams(r) }
  }
  r.i++
  const items: Item[] = []
  for (;;) {
    r.skipSp()
    if (r.peek() === ')') {
      r.i++
      return { items, params: readParams(r) }
    }
    if (r.done()) r.fail('an inner list is not closed')
    const value = readBareItem(r)
    items.push({ value, params: readParams(r) })
    if (r.peek() !== ' ' && r.peek() !== ')') r.fail('inner list items must be separated by a space')
  }
}

/** An RFC 8941 dictionary, its members in order. */
export function parseDictionary(field: string): Map<string, Member> {
  const r = new Reader(field)
  const out = new Map<string, Member>()
  r.skipSp()
  while (!r.done()) {
    const key = readKey(r)
    let member: Member
    if (r.peek() === '=') {
      r.i++
      member = readMember(r)
    } else member = { value: true, params: readParams(r) }
    out.delete(key) // a repeated key keeps its last value, in its last place
    out.set(key, member)
    r.skipOws()
    if (r.done()) break
    if (r.peek() !== ',') r.fail('dictionary members must be separated by a comma')
    r.i++
    r.skipOws()
    if (r.done()) r.fail('a dictionary ends with a comma')
  }
  return out
}

export function serializeBareItem(v: BareItem): string {
  if (typeof v === 'string') {
    if (!/^[\x20-\x7e]*$/.test(v)) throw new StructuredFieldError('a string must be printable ASCII')
    return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new StructuredFieldError('only integers are written here')
    return String(v)
  }
  if (typeof v === 'boolean') return v ? '?1' : '?0'
  if (v instanceof Token) return v.value
  return `:${Buffer.from(v).toString('base64')}:`
}

export function serializeParams(params: Parameters): string {
  return params.map(([k, v]) => (v === true ? `;${k}` : `;${k}=${serializeBareItem(v)}`)).join('')
}

export function serializeItem(item: Item): string {
  return serializeBareItem(item.value) + serializeParams(item.params)
}

export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map(serializeItem).join(' ')})${serializeParams(list.params)}`
}
