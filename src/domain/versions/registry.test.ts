import { describe, expect, it } from 'vitest'
import { knownSchemes, resolveScheme, schemeFor } from './registry.js'

describe('schemeFor / resolveScheme', () => {
  it('finds each supported scheme by its vers name and by common aliases', () => {
    for (const name of knownSchemes) expect(resolveScheme(name)).toMatchObject({ scheme: { name }, fellBack: false })
    expect(schemeFor('alpine').name).toBe('apk')
    expect(schemeFor('debian').name).toBe('deb')
    expect(schemeFor('NPM').name).toBe('npm')
  })

  it('falls back to the generic ordering for unknown names, and says so', () => {
    expect(resolveScheme('hackage')).toMatchObject({ scheme: { name: 'generic' }, fellBack: true })
    // Object prototype names are not schemes.
    expect(resolveScheme('constructor').fellBack).toBe(true)
    expect(resolveScheme('__proto__').fellBack).toBe(true)
  })

  it('documents the generic ordering by example', () => {
    const generic = schemeFor('unknown-ecosystem')
    const list = ['1.10', '1.2', '1.0rc1', '1.0', '1.0.1', 'v1.0.0', '1.0beta']
    expect([...list].sort(generic.compare)).toEqual(['1.0beta', '1.0rc1', '1.0', 'v1.0.0', '1.0.1', '1.2', '1.10'])
    expect(generic.valid('...')).not.toBe(true)
  })
})
