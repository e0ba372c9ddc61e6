// nginx security advisories' version lists ("Vulnerable: 0.7.52-0.8.39", "Not vulnerable: 1.5.0+,
// 1.4.1+") as vers constraints. Items are comma-separated: "A-B" is A to B inclusive, a bare
// version is that version, and "V+" is V and later within its branch. nginx tells its branches
// apart by the minor number: an even minor is a stable branch, and a fix released there (1.4.1)
// reaches only that branch's later releases, the next branch having its own fixed version, so
// "1.4.1+" stops before 1.5.0; an odd minor is the mainline, which later branches grow from, so
// "1.5.0+" is open-ended.
// Source: https://nginx.org/en/security_advisories.html and https://nginx.org/en/download.html

import { constraint, convertEach, converted, increment, listItems, refused, type Conversion } from './shared.js'

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/
const BETWEEN = /^(\S+?)\s*-\s*(\S+)$/

function notNginxVersion(version: string): string | undefined {
  return VERSION.test(version) ? undefined : `"${version}" is not an nginx version (like 1.25.3)`
}

function convertItem(item: string): Conversion {
  const between = BETWEEN.exec(item)
  if (between) {
    const [, from = '', to = ''] = between
    const bad = notNginxVersion(from) ?? notNginxVersion(to)
    return bad ? refused(bad) : converted([constraint('>=', from), constraint('<=', to)])
  }
  if (item.endsWith('+')) {
    const version = item.slice(0, -1).trim()
    const m = VERSION.exec(version)
    if (!m) return refused(notNginxVersion(version)!)
    const [, major = '', minor = ''] = m
    const stable = BigInt(minor) % 2n === 0n
    return converted(
      stable
        ? [constraint('>=', version), constraint('<', `${major}.${increment(minor)}.0`)]
        : [constraint('>=', version)],
    )
  }
  const bad = notNginxVersion(item)
  return bad ? refused(bad) : converted([constraint('=', item)])
}

export function nginxRange(native: string): Conversion {
  const items = listItems(native, ',')
  return items.ok ? convertEach(items.items, convertItem) : refused(items.reason)
}
