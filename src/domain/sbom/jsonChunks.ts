// JSON.parse of a 20 MB SBOM holds the thread for half a second, and the recursion of whatever
// walks the result (a schema validator, JSON.stringify) overflows the stack on a document nested
// thousands of levels deep. So an uploaded JSON text is first scanned, a chunk of characters at a
// time: the scan bounds the nesting (refused with the path where it goes too deep) and finds where
// the elements of the root object's arrays begin and end. The root is then parsed with those
// arrays left empty, and their elements parsed a chunk at a time, yielding between chunks. On any
// syntax error the whole text is parsed once more, so the owner reads JSON.parse's own message.
import { chunkSize, type Steps } from './steps.js'

/** Deeper than any real SBOM (CycloneDX components nested 40 levels are 80 JSON levels). */
export const maxJsonDepth = 100

const scanChunk = 1 << 20

interface Frame {
  array: boolean
  /** Arrays: how many commas so far (the index of the current element). */
  index: number
  /** Objects: the key now being read, or whose value is being read. */
  key: string
  expectKey: boolean
  keyStart: number
}

/** A root array's elements: the bracket positions and the commas between its elements. */
interface RootArray {
  key: string
  open: number
  close: number
  commas: number[]
}

export type JsonReading = { ok: true; doc: unknown } | { ok: false; error: string }

const fullParse = (text: string): JsonReading => {
  try {
    return { ok: true, doc: JSON.parse(text) }
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
}

const pathOf = (stack: Frame[]) =>
  '/' + stack.map((f) => (f.array ? String(f.index) : f.key.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')

/** A key as JSON.parse reads it ("comp\\u006fnents" is "components"). */
function keyOf(raw: string): string {
  if (!raw.includes('\\')) return raw
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return raw
  }
}

/** Scans the text; null when its brackets do not balance (a syntax error full parsing will name). */
function* scan(text: string): Steps<{ arrays: RootArray[] } | { tooDeep: string } | null> {
  const stack: Frame[] = []
  const arrays: RootArray[] = []
  let current: RootArray | null = null
  let inString = false
  let escaped = false
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && i % scanChunk === 0) yield
    const c = text.charCodeAt(i)
    if (inString) {
      if (escaped) escaped = false
      else if (c === 92) escaped = true
      else if (c === 34) {
        inString = false
        const top = stack[stack.length - 1]
        if (top && !top.array && top.expectKey) {
          top.key = keyOf(text.slice(top.keyStart + 1, i))
          top.expectKey = false
        }
      }
      continue
    }
    switch (c) {
      case 34: {
        inString = true
        const top = stack[stack.length - 1]
        if (top && !top.array && top.expectKey) top.keyStart = i
        break
      }
      case 123: // {
      case 91: {
        // [
        if (stack.length >= maxJsonDepth) return { tooDeep: pathOf(stack) }
        const array = c === 91
        if (array && stack.length === 1 && !stack[0]!.array) {
          current = { key: stack[0]!.key, open: i, close: -1, commas: [] }
          arrays.push(current)
        }
        stack.push({ array, index: 0, key: '', expectKey: !array, keyStart: -1 })
        break
      }
      case 125: // }
      case 93: {
        // ]
        const top = stack.pop()
        if (!top || top.array !== (c === 93)) return null
        if (top.array && stack.length === 1 && current) {
          current.close = i
          current = null
        }
        break
      }
      case 44: {
        // ,
        const top = stack[stack.length - 1]
        if (!top) return null
        if (top.array) {
          top.index += 1
          if (stack.length === 2 && current) current.commas.push(i)
        } else top.expectKey = true
        break
      }
    }
  }
  if (stack.length > 0 || inString) return null
  return { arrays }
}

/** The text parsed, its root object's arrays a chunk of elements at a time. */
export function* parseJsonInChunks(text: string): Steps<JsonReading> {
  const scanned = yield* scan(text)
  if (scanned === null) return fullParse(text)
  if ('tooDeep' in scanned)
    return { ok: false, error: `${scanned.tooDeep}: nested deeper than ${maxJsonDepth} levels, which no SBOM needs` }
  // The root with its arrays emptied: what is left is small.
  let skeleton = ''
  let from = 0
  for (const a of scanned.arrays) {
    skeleton += text.slice(from, a.open + 1)
    from = a.close
  }
  skeleton += text.slice(from)
  const root = fullParse(skeleton)
  if (!root.ok || typeof root.doc !== 'object' || root.doc === null || Array.isArray(root.doc))
    return scanned.arrays.length ? fullParse(text) : root
  const doc = root.doc as Record<string, unknown>
  // Of duplicate keys only the last counts, as with JSON.parse: the arrays are filled last first.
  const filled = new Set<string>()
  for (const a of [...scanned.arrays].reverse()) {
    const bounds = [a.open, ...a.commas, a.close]
    const expected = text.slice(a.open + 1, a.close).trim() === '' ? 0 : bounds.length - 1
    const elements: unknown[] = []
    for (let first = 0; first < expected; first += chunkSize) {
      const last = Math.min(first + chunkSize, expected)
      const piece = fullParse(`[${text.slice(bounds[first]! + 1, bounds[last])}]`)
      if (!piece.ok || !Array.isArray(piece.doc)) return fullParse(text)
      for (const element of piece.doc) elements.push(element)
      yield
    }
    // "[1,]" splits into "1" and "": the count then differs, and full parsing names the comma.
    if (elements.length !== expected) return fullParse(text)
    if (filled.has(a.key) || !Object.hasOwn(doc, a.key) || !Array.isArray(doc[a.key])) continue
    filled.add(a.key)
    // defineProperty, so that a key "__proto__" stays a plain property as JSON.parse makes it.
    Object.defineProperty(doc, a.key, { value: elements, writable: true, enumerable: true, configurable: true })
  }
  return { ok: true, doc }
}
