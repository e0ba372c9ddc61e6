// CVE Services settings, from the environment. Unset LOCKSTEP_CVE_API_URL means CVE Services is
// off and the instance assigns only from its own configured ID blocks; that is the default, since
// a self-hoster has no credentials until their Root CNA issues them. Half a configuration is a
// mistake worth stopping for (otherwise IDs would silently come from the local blocks), so every
// missing piece is named in one message. The key's value never appears in a message or a log line.
import { CveServicesClient, type CveServicesClientOptions, type CveServicesLog } from './client.js'

export interface CveServicesConfig {
  baseUrl: string
  org: string
  user: string
  apiKey: string
  timeoutMs: number
}

const NAMES = {
  url: 'LOCKSTEP_CVE_API_URL',
  org: 'LOCKSTEP_CVE_API_ORG',
  user: 'LOCKSTEP_CVE_API_USER',
  key: 'LOCKSTEP_CVE_API_KEY',
  timeout: 'LOCKSTEP_CVE_API_TIMEOUT_MS',
} as const

/** The configuration, or null when CVE Services is off. Throws on a partial or malformed one. */
export function loadCveServicesConfig(env: NodeJS.ProcessEnv = process.env): CveServicesConfig | null {
  const value = (name: string) => env[name]?.trim() || undefined
  const url = value(NAMES.url)
  const org = value(NAMES.org)
  const user = value(NAMES.user)
  // Trimmed like the rest: CVE Services secrets hold no whitespace, but a secret read from a file often ends in a newline.
  const apiKey = value(NAMES.key)
  if (!url) {
    const stray = [org && NAMES.org, user && NAMES.user, apiKey && NAMES.key].filter(Boolean)
    if (stray.length === 0) return null
    throw new Error(
      `CVE Services is half configured: ${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but ${NAMES.url} is not. ` +
        `Set ${NAMES.url} to https://cveawg.mitre.org/api (or https://cveawg-test.mitre.org/api to try it out), or unset ${stray.join(', ')} to assign CVE IDs from the local blocks only.`,
    )
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(`${NAMES.url} must be a URL such as https://cveawg.mitre.org/api, got "${url}"`)
  }
  // The key travels in a header: plain http only to this machine (a stand-in or a tunnel).
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new Error(`${NAMES.url} must use https (the API key travels with every request), got "${url}"`)
  }
  const missing = [!org && NAMES.org, !user && NAMES.user, !apiKey && NAMES.key].filter(Boolean)
  if (missing.length > 0) {
    throw new Error(
      `CVE Services is half configured: ${NAMES.url} is set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. ` +
        `${NAMES.org} is the CNA's short name, ${NAMES.user} the CVE Services user name, ${NAMES.key} that user's API secret.`,
    )
  }
  const timeoutText = value(NAMES.timeout) ?? '30000'
  const timeoutMs = Number(timeoutText)
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1)
    throw new Error(`${NAMES.timeout} must be a number of milliseconds, got "${timeoutText}"`)
  const config: CveServicesConfig = {
    baseUrl: url.replace(/\/+$/, ''),
    org: org!,
    user: user!,
    apiKey: apiKey!,
    timeoutMs,
  }
  return redactedWhenPrinted(config)
}

/** The client for the configuration in the environment, or null when CVE Services is off. */
export function cveServicesClientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  extra: { log?: CveServicesLog } = {},
): CveServicesClient | null {
  const config = loadCveServicesConfig(env)
  if (!config) return null
  const options: CveServicesClientOptions = { ...config, ...extra }
  return new CveServicesClient(options)
}

// A configuration may end up in a log line or an error dump: the key shows as [redacted] there.
function redactedWhenPrinted(config: CveServicesConfig): CveServicesConfig {
  const shown = () => ({ ...config, apiKey: '[redacted]' })
  Object.defineProperty(config, 'toJSON', { value: shown, enumerable: false })
  Object.defineProperty(config, Symbol.for('nodejs.util.inspect.custom'), { value: shown, enumerable: false })
  return config
}
