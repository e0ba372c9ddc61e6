// A vers range in the words of a person reading an advisory: "vers:generic/>=8.0|<8.12.8" reads
// "from 8.0 before 8.12.8". A lower bound followed by an upper bound make one stretch; stretches
// and single versions are listed in order. What cannot be read is shown as the versions it names.
const words: Record<string, string> = { '>=': 'from', '>': 'after', '<': 'before', '<=': 'up to', '!=': 'except' }

export function rangeInWords(range: string): string {
  const m = /^vers:[^/]+\/(.*)$/i.exec(range.trim())
  if (!m) return range
  const body = m[1]!.trim()
  if (body === '*' || body === '') return 'all versions'
  const parts = body.split('|').map((c) => {
    const p = /^(>=|<=|!=|>|<|=)?(.+)$/.exec(c.trim())!
    return { op: p[1] ?? '=', version: decodeURIComponent(p[2]!.trim()) }
  })
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const a = parts[i]!
    const b = parts[i + 1]
    if ((a.op === '>=' || a.op === '>') && b && (b.op === '<' || b.op === '<=')) {
      out.push(`${words[a.op]} ${a.version} ${words[b.op]} ${b.version}`)
      i++
    } else out.push(a.op === '=' ? a.version : `${words[a.op]} ${a.version}`)
  }
  return out.join(', ')
}
