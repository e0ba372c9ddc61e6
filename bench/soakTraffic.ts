// The soak's pieces: a weighted mix of actions, a window of outcomes with its figures, and the
// owners' SBOMs (CycloneDX 1.5, a few hundred components, versions moving between uploads).
export type Action = readonly [name: string, run: () => Promise<number>]

/** Picks an action at random, each as often as its weight says. */
export function mixOf(weighted: readonly (readonly [number, string, () => Promise<number>])[]): () => Action {
  const total = weighted.reduce((sum, [w]) => sum + w, 0)
  return () => {
    let pick = Math.random() * total
    for (const [w, name, run] of weighted) {
      pick -= w
      if (pick <= 0) return [name, run]
    }
    const [, name, run] = weighted.at(-1)!
    return [name, run]
  }
}

export interface Outcome {
  name: string
  ms: number
  /** The HTTP status (250 for an accepted mail), 0 when the connection failed. */
  status: number
  /** A 5xx or a failed connection, described; null otherwise. */
  error: string | null
}

export class Window {
  private readonly started = performance.now()
  private readonly latencies: number[] = []
  private readonly clientErrors = new Map<string, number>()
  private errors = 0

  add(o: Outcome): void {
    this.latencies.push(o.ms)
    if (o.error) this.errors++
    else if (o.status >= 400 && o.status < 500) {
      const key = `${o.name}: ${o.status}`
      this.clientErrors.set(key, (this.clientErrors.get(key) ?? 0) + 1)
    }
  }

  clientErrorKinds(): Map<string, number> {
    return this.clientErrors
  }

  figures() {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0)
    const seconds = (performance.now() - this.started) / 1000
    return {
      count: sorted.length,
      rps: sorted.length / seconds,
      p50: at(0.5),
      p99: at(0.99),
      errors: this.errors,
      clientErrors: [...this.clientErrors.values()].reduce((a, b) => a + b, 0),
    }
  }
}

const packages = [
  ['npm', 'express', '4.18'],
  ['npm', 'lodash', '4.17'],
  ['pypi', 'django', '4.2'],
  ['pypi', 'requests', '2.31'],
  ['maven', 'org.apache.logging.log4j/log4j-core', '2.17'],
  ['golang', 'golang.org/x/net', '0.17'],
] as const

/** An SBOM of about 300 components; `n` moves some versions, as successive builds would. */
export function cycloneDx(n: number): string {
  const components = [
    {
      type: 'application',
      name: 'sendmail',
      version: n % 3 === 0 ? '8.12.8' : '8.12.7',
      purl: `pkg:generic/sendmail@${n % 3 === 0 ? '8.12.8' : '8.12.7'}`,
    },
  ]
  for (let i = 0; i < 300; i++) {
    const [type, name, base] = packages[i % packages.length]!
    const version = `${base}.${(i + (i % 7 === 0 ? n : 0)) % 20}`
    const full = `${name}-${i}`
    components.push({ type: 'library', name: full, version, purl: `pkg:${type}/${full}@${version}` })
  }
  return JSON.stringify({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { type: 'application', name: 'mail relay' } },
    components: components.map((c, i) => ({ ...c, 'bom-ref': `c${i}` })),
  })
}
