// What a package URL means to each advisory format: the OSV ecosystem and package name, the CVE
// record's package collection and version type, the kind of OSV range its versions allow, and
// the purl of one version of it. Only purl types (and, for Linux distributions, namespaces) whose
// OSV ecosystem needs no release suffix are mapped: an OSV consumer cannot match "Ubuntu" or
// "Red Hat" without one, so those, like pkg:generic, stay out of OSV's `affected` (see osv.ts).
import { PackageURL } from 'packageurl-js'

export interface PackageFacts {
  type: string
  namespace: string | null
  name: string
  /** The purl as given (without version), re-serialised canonically. */
  purl: string
  /** OSV `affected[].package.ecosystem`, or null when OSV has no ecosystem for it. */
  osvEcosystem: string | null
  /** The package name as its ecosystem writes it (Maven group:artifact, Go module path...). */
  packageName: string
  /** OSV range type its versions allow: SEMVER where the ecosystem's versions are SemVer. */
  osvRangeType: 'SEMVER' | 'ECOSYSTEM'
  /** CVE `affected[].collectionURL`, when the package collection is a known one. */
  collectionUrl: string | null
  /** CVE `versions[].versionType`. */
  cveVersionType: string
}

interface TypeFacts {
  ecosystem: string | null
  collectionUrl: string | null
  versionType: string
  semver?: boolean
}

// The purl types with one OSV ecosystem each (purl-spec PURL-TYPES, OSV ecosystems.json).
const byType: Readonly<Record<string, TypeFacts>> = {
  npm: { ecosystem: 'npm', collectionUrl: 'https://registry.npmjs.org', versionType: 'semver', semver: true },
  pypi: { ecosystem: 'PyPI', collectionUrl: 'https://pypi.python.org', versionType: 'python' },
  maven: { ecosystem: 'Maven', collectionUrl: 'https://repo.maven.apache.org/maven2', versionType: 'maven' },
  golang: { ecosystem: 'Go', collectionUrl: 'https://pkg.go.dev', versionType: 'semver', semver: true },
  cargo: { ecosystem: 'crates.io', collectionUrl: 'https://crates.io', versionType: 'semver', semver: true },
  gem: { ecosystem: 'RubyGems', collectionUrl: 'https://rubygems.org', versionType: 'gem' },
  nuget: { ecosystem: 'NuGet', collectionUrl: 'https://nuget.org/packages', versionType: 'nuget' },
  composer: { ecosystem: 'Packagist', collectionUrl: 'https://packagist.org', versionType: 'composer' },
  hex: { ecosystem: 'Hex', collectionUrl: 'https://repo.hex.pm', versionType: 'semver', semver: true },
  pub: { ecosystem: 'Pub', collectionUrl: 'https://pub.dev', versionType: 'pub' },
  hackage: { ecosystem: 'Hackage', collectionUrl: 'https://hackage.haskell.org', versionType: 'hackage' },
  cran: { ecosystem: 'CRAN', collectionUrl: 'https://cran.r-project.org', versionType: 'cran' },
  conan: { ecosystem: 'ConanCenter', collectionUrl: 'https://conan.io/center', versionType: 'conan' },
  deb: { ecosystem: null, collectionUrl: null, versionType: 'deb' },
  rpm: { ecosystem: null, collectionUrl: null, versionType: 'rpm' },
  apk: { ecosystem: null, collectionUrl: null, versionType: 'apk' },
}

// Distribution packages: the ecosystem depends on the namespace (the distribution), and only
// those whose OSV ecosystem may omit the release suffix are listed.
const distributionEcosystems: Readonly<
  Record<string, Readonly<Record<string, { ecosystem: string; collectionUrl: string | null }>>>
> = {
  deb: { debian: { ecosystem: 'Debian', collectionUrl: 'https://packages.debian.org' } },
  rpm: {
    almalinux: { ecosystem: 'AlmaLinux', collectionUrl: null },
    'rocky-linux': { ecosystem: 'Rocky Linux', collectionUrl: null },
    openeuler: { ecosystem: 'openEuler', collectionUrl: null },
  },
}

/** Reads a purl; null when it is not one packageurl-js accepts (the exporters then use names only). */
export function packageFacts(purl: string | null): PackageFacts | null {
  if (!purl) return null
  let parsed: PackageURL
  try {
    parsed = PackageURL.fromString(purl)
  } catch {
    return null
  }
  const type = parsed.type
  const namespace = parsed.namespace ?? null
  const name = parsed.name
  const typeFacts = byType[type]
  const distribution = namespace ? distributionEcosystems[type]?.[namespace.toLowerCase()] : undefined
  const packageName =
    type === 'maven' && namespace
      ? `${namespace}:${name}`
      : (type === 'golang' || type === 'npm' || type === 'composer') && namespace
        ? `${namespace}/${name}`
        : name
  return {
    type,
    namespace,
    name,
    purl: versionlessPurl(parsed),
    osvEcosystem: distribution?.ecosystem ?? typeFacts?.ecosystem ?? null,
    packageName,
    osvRangeType: typeFacts?.semver ? 'SEMVER' : 'ECOSYSTEM',
    collectionUrl: distribution?.collectionUrl ?? typeFacts?.collectionUrl ?? null,
    cveVersionType: typeFacts?.versionType ?? (type === 'generic' ? 'custom' : type),
  }
}

/**
 * The package's purl without its version. packageurl-js refuses to write one for the types whose
 * specification requires a version (cran, swift), and an SBOM or an affected product naming such a
 * package with its version must not fail for it: their versionless form is written with a
 * placeholder version taken off again (the only "@" left unencoded in a purl is the version's).
 */
function versionlessPurl(p: PackageURL): string {
  const write = (version: string | undefined) =>
    new PackageURL(p.type, p.namespace ?? undefined, p.name, version, p.qualifiers ?? undefined, p.subpath ?? undefined)
  try {
    return write(undefined).toString()
  } catch {
    return write('0')
      .toString()
      .replace(/@0(?=[?#]|$)/, '')
  }
}

/**
 * The purl of one version of the package ("pkg:generic/sendmail@8.12.8"). The version is
 * percent-encoded as the purl specification's canonical form wants it ("2.4.1-1+deb12u1" →
 * "2.4.1-1%2Bdeb12u1", ":" of an epoch kept): packageurl-js 2.0.1 leaves "+" as it is.
 */
export function purlWithVersion(facts: PackageFacts, version: string): string {
  const cut = facts.purl.search(/[?#]/)
  const [head, tail] = cut < 0 ? [facts.purl, ''] : [facts.purl.slice(0, cut), facts.purl.slice(cut)]
  return `${head}@${encodeURIComponent(version).replace(/%3A/gi, ':')}${tail}`
}

/**
 * A version as the format wants it: SemVer ranges in OSV (and CVE's semver type) carry no "v",
 * while Go writes its module versions with one (v1.2.3).
 */
export function nativeVersion(facts: PackageFacts | null, version: string): string {
  return facts?.type === 'golang' ? version.replace(/^v(?=\d)/, '') : version
}

/**
 * The purl a CVE 5.2 record's `packageURL` takes: the package without version, as the format
 * requires, and as CVE Services checks since 5.2 (cve-services #1554, #1560, #1659): no `vers`
 * qualifier either (a version range in disguise), and ":" left unencoded (packageurl-js writes
 * it as %3A in qualifier values, which CVE Services refuses). Other qualifiers and the subpath
 * stay: they tell packages apart (pkg:deb/debian/curl?arch=i386 is the schema's own example).
 */
export function purlForCve(facts: PackageFacts): string | null {
  let parsed: PackageURL
  try {
    parsed = PackageURL.fromString(facts.purl)
  } catch {
    return null // a type that insists on a version (cran, swift) has no versionless purl to give
  }
  const { vers: _range, ...qualifiers } = parsed.qualifiers ?? {}
  return new PackageURL(
    parsed.type,
    parsed.namespace ?? undefined,
    parsed.name,
    undefined,
    Object.keys(qualifiers).length > 0 ? qualifiers : undefined,
    parsed.subpath ?? undefined,
  )
    .toString()
    .replace(/%3A/gi, ':')
}
