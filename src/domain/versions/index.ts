// The folder's public surface: callers (inventory matching, advisory ranges) need the registry,
// containment and the scheme interface; the per-scheme files stay internal.

export { knownSchemes, resolveScheme, schemeFor, type ResolvedScheme } from './registry.js'
export { sign, type Validity, type VersionScheme } from './scheme.js'
export { versContains, type VersContainsResult } from './versContains.js'
