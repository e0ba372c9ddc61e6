// Reading the CVE Services settings: off unless the URL is set, every missing piece named, the key
// never shown.
import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { CveServicesClient } from './client.js'
import { cveServicesClientFromEnv, loadCveServicesConfig } from './config.js'

const KEY = 'a3f1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b'
const full = {
  LOCKSTEP_CVE_API_URL: 'https://cveawg-test.mitre.org/api/',
  LOCKSTEP_CVE_API_ORG: 'lockstep',
  LOCKSTEP_CVE_API_USER: 'coordinator@example.org',
  LOCKSTEP_CVE_API_KEY: `${KEY}\n`,
}

describe('CVE Services configuration', () => {
  it('is off when nothing is set', () => {
    expect(loadCveServicesConfig({})).toBeNull()
    expect(cveServicesClientFromEnv({})).toBeNull()
  })

  it('reads the four settings, trimmed, with a default timeout', () => {
    expect(loadCveServicesConfig(full)).toEqual({
      baseUrl: 'https://cveawg-test.mitre.org/api',
      org: 'lockstep',
      user: 'coordinator@example.org',
      apiKey: KEY,
      timeoutMs: 30_000,
    })
    expect(loadCveServicesConfig({ ...full, LOCKSTEP_CVE_API_TIMEOUT_MS: '5000' })?.timeoutMs).toBe(5000)
    expect(cveServicesClientFromEnv(full)).toBeInstanceOf(CveServicesClient)
  })

  it('names what is missing', () => {
    expect(() =>
      loadCveServicesConfig({ ...full, LOCKSTEP_CVE_API_USER: '', LOCKSTEP_CVE_API_KEY: undefined }),
    ).toThrow(/LOCKSTEP_CVE_API_URL is set but LOCKSTEP_CVE_API_USER, LOCKSTEP_CVE_API_KEY are not/)
    expect(() => loadCveServicesConfig({ LOCKSTEP_CVE_API_KEY: KEY })).toThrow(
      /LOCKSTEP_CVE_API_KEY is set but LOCKSTEP_CVE_API_URL is not/,
    )
  })

  it('wants https, except on this machine', () => {
    expect(() => loadCveServicesConfig({ ...full, LOCKSTEP_CVE_API_URL: 'http://cveawg.mitre.org/api' })).toThrow(
      /must use https/,
    )
    expect(() => loadCveServicesConfig({ ...full, LOCKSTEP_CVE_API_URL: 'cveawg.mitre.org' })).toThrow(/must be a URL/)
    expect(loadCveServicesConfig({ ...full, LOCKSTEP_CVE_API_URL: 'http://127.0.0.1:8123/api' })?.baseUrl).toBe(
      'http://127.0.0.1:8123/api',
    )
    expect(() => loadCveServicesConfig({ ...full, LOCKSTEP_CVE_API_TIMEOUT_MS: 'soon' })).toThrow(
      /LOCKSTEP_CVE_API_TIMEOUT_MS/,
    )
  })

  it('never shows the key, in messages or when printed', () => {
    const config = loadCveServicesConfig(full)
    expect(JSON.stringify(config)).not.toContain(KEY)
    expect(inspect(config)).not.toContain(KEY)
    expect(inspect(cveServicesClientFromEnv(full))).not.toContain(KEY)
    try {
      loadCveServicesConfig({ LOCKSTEP_CVE_API_KEY: KEY })
    } catch (error) {
      expect((error as Error).message).not.toContain(KEY)
    }
  })
})
