// Which package an OSV `affected[].package` names, as the purl parts inventories are stored by, and
// which vers scheme orders its versions. OSV names a package by ecosystem and name (Maven's
// "group:artifact", Go's module path, npm's "@scope/name"); inventories name it by purl. The
// purl goes through the same normalising as an uploaded inventory's (normalizePurl), so that an
// advisory and a component spell one package the same way.
import { normalizePurl } from '../sbom/purl.js'
import { resolveScheme } from '../versions/index.js'

export interface OsvPackage {
  ecosystem: string
  name: string
  purl?: string | undefined
}

export interface PackageIdentity {
  /** The purl without version, canonical. */
  purl: string
  purlType: string
  purlNamespace: string | null
  purlName: string
  /** The vers scheme for the package's ECOSYSTEM ranges. */
  scheme: string
  notes: string[]
}

interface EcosystemFacts {
  type: string
  /** The purl namespace the ecosystem implies (a distribution), if any. */
  namespace?: string
  scheme: string
}

// OSV ecosystem (before any ":release" suffix) → purl type and vers scheme (purl-spec PURL-TYPES,
// OSV ecosystems.json, vers-spec VERSIONING-SCHEMES).
const ecosystems = new Map<string, EcosystemFacts>(
  Object.entries({
    Go: { type: 'golang', scheme: 'golang' },
    'crates.io': { type: 'cargo', scheme: 'cargo' },
    npm: { type: 'npm', scheme: 'npm' },
    PyPI: { type: 'pypi', scheme: 'pypi' },
    Maven: { type: 'maven', scheme: 'maven' },
    RubyGems: { type: 'gem', scheme: 'gem' },
    NuGet: { type: 'nuget', scheme: 'nuget' },
    Packagist: { type: 'composer', scheme: 'composer' },
    Debian: { type: 'deb', namespace: 'debian', scheme: 'deb' },
    Ubuntu: { type: 'deb', namespace: 'ubuntu', scheme: 'deb' },
    Alpine: { type: 'apk', namespace: 'alpine', scheme: 'apk' },
  }),
)

/** The purl text for an ecosystem's package name, segments percent-encoded. */
function purlText(facts: EcosystemFacts, name: string): string {
  const encode = (segments: string[]) => segments.map((s) => encodeURIComponent(s)).join('/')
  if (facts.type === 'maven') return `pkg:maven/${encode(name.split(':'))}`
  // Go module paths and npm scopes are namespace/name already; a distribution's package is one segment.
  if (facts.type === 'golang' || facts.type === 'npm') return `pkg:${facts.type}/${encode(name.split('/'))}`
  return `pkg:${facts.type}/${facts.namespace ? `${facts.namespace}/` : ''}${encodeURIComponent(name)}`
}

function schemeOf(type: string, known: EcosystemFacts | undefined, notes: string[]): string {
  if (known && !resolveScheme(known.scheme).fellBack) return known.scheme
  if (!known && !resolveScheme(type).fellBack) return type
  notes.push(`versions of ${known?.scheme ?? type} packages are ordered by the generic rule: matches are approximate`)
  return known?.scheme ?? 'generic'
}

export function osvPackageIdentity(pkg: OsvPackage): PackageIdentity | { error: string } {
  const notes: string[] = []
  const base = pkg.ecosystem.split(':')[0]!
  const known = ecosystems.get(base)
  if (known?.namespace && base !== pkg.ecosystem)
    notes.push(`the ${pkg.ecosystem} release is not kept: every ${known.namespace} release of ${pkg.name} is matched`)
  let text: string
  if (pkg.purl) {
    text = pkg.purl
  } else if (known) {
    text = purlText(known, pkg.name)
  } else {
    text = `pkg:generic/${encodeURIComponent(pkg.name)}`
    notes.push(
      `OSV ecosystem "${pkg.ecosystem}" has no purl type here: named ${text}, matched against generic components only`,
    )
  }
  const read = normalizePurl(text)
  if (!read.ok)
    return {
      error: `package ${JSON.stringify(pkg.purl ?? pkg.name)} (${pkg.ecosystem}) gives no purl: ${text} ${read.reason}`,
    }
  if (read.version)
    notes.push(`the purl's version ${read.version} is ignored: the ranges say which versions are affected`)
  const purl = read.version ? read.purl.replace(/@[^?#]*/, '') : read.purl
  return {
    purl,
    purlType: read.type,
    purlNamespace: read.namespace,
    purlName: read.name,
    scheme: schemeOf(read.type, known, notes),
    notes,
  }
}
