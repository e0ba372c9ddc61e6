// SPDX 2.2 and 2.3 in the tag-value form ("PackageName: hello", one tag a line, <text>…</text>
// spanning lines), read into the shape of the JSON form and checked by the same rules (spdx.ts),
// the errors then said in the document's own words: the tag and the line of the package.
// Packages start at PackageName and end at the next package, file or snippet.
import { checkSpdx, readCheckedSpdx } from './spdx.js'
import type { Steps } from './steps.js'
import { maxErrors, type InventoryResult } from './types.js'

interface Package {
  line: number
  fields: Record<string, unknown> & { externalRefs: Record<string, string>[] }
}

const documentTags: Record<string, string> = {
  SPDXVersion: 'spdxVersion',
  DataLicense: 'dataLicense',
  SPDXID: 'SPDXID',
  DocumentName: 'name',
  DocumentNamespace: 'documentNamespace',
}
const packageTags: Record<string, string> = {
  PackageName: 'name',
  SPDXID: 'SPDXID',
  PackageVersion: 'versionInfo',
  PackageDownloadLocation: 'downloadLocation',
  PrimaryPackagePurpose: 'primaryPackagePurpose',
}
const tagOfDocumentField: Record<string, string> = {
  ...Object.fromEntries(Object.entries(documentTags).map(([tag, field]) => [field, tag])),
  creationInfo: 'Created / Creator',
  created: 'Created',
  creators: 'Creator',
}
const tagOfPackageField: Record<string, string> = {
  ...Object.fromEntries(Object.entries(packageTags).map(([tag, field]) => [field, tag])),
  externalRefs: 'ExternalRef',
}

/** Tag-value lines as [line number, tag, value]; a <text> value may span lines. */
function tagLines(text: string): { lines: [number, string, string][] } | { error: string } {
  const lines: [number, string, string][] = []
  const raw = text.split(/\r?\n/)
  for (let n = 0; n < raw.length; n++) {
    const line = raw[n]!
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const colon = line.indexOf(':')
    if (colon <= 0) return { error: `line ${n + 1}: not "Tag: value" (${JSON.stringify(line.slice(0, 60))})` }
    const tag = line.slice(0, colon).trim()
    let value = line.slice(colon + 1).trim()
    const start = n
    if (value.startsWith('<text>')) {
      while (!value.includes('</text>') && n + 1 < raw.length) value += '\n' + raw[++n]!
      if (!value.includes('</text>')) return { error: `line ${start + 1}: ${tag}'s <text> is not closed by </text>` }
      value = value.slice('<text>'.length, value.indexOf('</text>'))
    }
    lines.push([start + 1, tag, value])
  }
  return { lines }
}

export function* readSpdxTagValue(text: string): Steps<InventoryResult> {
  const read = tagLines(text)
  if ('error' in read) return { ok: false, errors: [read.error] }
  yield
  const doc: Record<string, unknown> = {}
  const creationInfo: { created?: string; creators?: string[] } = {}
  const packages: Package[] = []
  // Where we are: the document's header, a package, or a file/snippet whose tags we skip.
  let section: 'document' | 'package' | 'other' = 'document'
  for (const [line, tag, value] of read.lines) {
    if (tag === 'PackageName') {
      packages.push({ line, fields: { externalRefs: [] } })
      section = 'package'
    } else if (tag === 'FileName' || tag === 'SnippetSPDXID') section = 'other'
    const pkg = packages[packages.length - 1]
    if (section === 'package' && pkg) {
      if (packageTags[tag]) pkg.fields[packageTags[tag]] = value
      else if (tag === 'ExternalRef') {
        const [category = '', type = '', ...locator] = value.split(/\s+/)
        pkg.fields.externalRefs.push({
          referenceCategory: category,
          referenceType: type,
          referenceLocator: locator.join(' '),
        })
      }
    } else if (section === 'document') {
      if (documentTags[tag]) doc[documentTags[tag]] = value
      else if (tag === 'Created') creationInfo.created = value
      else if (tag === 'Creator') (creationInfo.creators ??= []).push(value)
    }
  }
  if (creationInfo.created !== undefined || creationInfo.creators) doc.creationInfo = creationInfo
  doc.packages = packages.map((p) => p.fields)
  const where = (index: number) => {
    const p = packages[index]!
    return `line ${p.line}, package ${JSON.stringify(p.fields.name ?? '')}`
  }
  const checked = checkSpdx(doc)
  if (!checked.ok)
    return {
      ok: false,
      errors: checked.issues.slice(0, maxErrors).map((issue) => {
        const [first, second, third] = issue.path
        if (first === 'packages' && typeof second === 'number') {
          const tag = tagOfPackageField[String(third)] ?? String(third ?? '')
          return `${where(second)}: ${tag ? `${tag} ` : ''}${issue.message}`
        }
        const field = issue.path[issue.path.length - 1]
        return `${tagOfDocumentField[String(field)] ?? String(field ?? 'document')}: ${issue.message}`
      }),
    }
  return yield* readCheckedSpdx(checked.doc, where, {
    purl: 'ExternalRef',
    name: 'PackageName',
    version: 'PackageVersion',
    type: 'PrimaryPackagePurpose',
  })
}
