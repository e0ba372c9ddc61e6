import { describe, expect, it } from 'vitest'
import { redactUrl } from './logging.js'

describe('logged URLs', () => {
  it('hide the secrets of invitation and reset links, and every query string', () => {
    expect(redactUrl('/invite/abc123secret')).toBe('/invite/[redacted]')
    expect(redactUrl('/reset/abc123secret')).toBe('/reset/[redacted]')
    expect(redactUrl('/follow-up/abc123secret')).toBe('/follow-up/[redacted]')
    expect(redactUrl('/api/v1/users?q=casey')).toBe('/api/v1/users?[query redacted]')
    expect(redactUrl('/api/v1/organizations/42')).toBe('/api/v1/organizations/42')
  })
})
