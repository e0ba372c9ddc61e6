// A first pass over an XML text before any parser sees it: refuses a DOCTYPE (where entities that
// expand a few bytes into gigabytes are declared; no SBOM format needs one), bounds the nesting
// with the path where it goes too deep, and returns the root element's name and attributes (the
// CycloneDX version is in its namespace). Comments, CDATA and processing instructions are skipped.
import { maxJsonDepth } from './jsonChunks.js'
import type { Steps } from './steps.js'

export const maxXmlDepth = maxJsonDepth

export type XmlScan =
  { ok: true; root: { name: string; attributes: Record<string, string> } } | { ok: false; error: string }

const scanChunk = 1 << 20

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const m of tag.matchAll(/([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) attributes[m[1]!] = m[3] ?? m[4] ?? ''
  return attributes
}

export function* scanXml(text: string): Steps<XmlScan> {
  const path: string[] = []
  let root: { name: string; attributes: Record<string, string> } | null = null
  let next = scanChunk
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i)) {
    if (i >= next) {
      next = i + scanChunk
      yield
    }
    const skipTo = (end: string) => {
      const at = text.indexOf(end, i)
      return at < 0 ? -1 : at + end.length
    }
    if (text.startsWith('<!--', i)) i = skipTo('-->')
    else if (text.startsWith('<![CDATA[', i)) i = skipTo(']]>')
    else if (text.startsWith('<?', i)) i = skipTo('?>')
    else if (text.startsWith('<!', i))
      return { ok: false, error: 'a DOCTYPE or entity declaration is not accepted in an SBOM: remove it' }
    else if (text.startsWith('</', i)) {
      path.pop()
      i = skipTo('>')
    } else {
      // The tag ends at the first ">" outside quotes.
      let j = i + 1
      let quote = 0
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j)
        if (quote) {
          if (c === quote) quote = 0
        } else if (c === 34 || c === 39) quote = c
        else if (c === 62) break
      }
      if (j >= text.length) return { ok: false, error: `not XML: the tag at character ${i} is not closed` }
      const tag = text.slice(i + 1, j)
      const name = /^[^\s/>]+/.exec(tag)?.[0] ?? ''
      if (!root) root = { name, attributes: attributesOf(tag) }
      if (!tag.endsWith('/')) {
        path.push(name.replace(/^.*:/, ''))
        if (path.length > maxXmlDepth)
          return {
            ok: false,
            error: `/${path.slice(0, maxXmlDepth).join('/')}: nested deeper than ${maxXmlDepth} levels, which no SBOM needs`,
          }
      }
      i = j + 1
    }
    if (i < 0) return { ok: false, error: 'not XML: a comment, CDATA section or instruction is not closed' }
  }
  if (!root) return { ok: false, error: 'not XML: no element found' }
  return { ok: true, root }
}
