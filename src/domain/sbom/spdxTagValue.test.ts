// SPDX tag-value, read from the spdx/spdx-examples documents in ../shared/conformance (example5,
// a Go program's source and binary), and refused with the tag and line of what is missing.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readInventoryWith, type CycloneDxSchemaCheck } from './inventory.js'

const example5 = path.resolve(process.cwd(), '../shared/conformance/spdx/software/example5/spdx2.2')
const noCycloneDx: CycloneDxSchemaCheck = () => {
  throw new Error('no CycloneDX expected here')
}
const read = (text: string, hint?: 'spdx') => readInventoryWith(text, hint, noCycloneDx)

describe('SPDX tag-value', () => {
  it.each([
    ['example5-bin.spdx', 'hello-go-bin'],
    ['example5-src.spdx', 'hello-go-src'],
  ])('imports the example %s: its package, not its files', (file, name) => {
    const result = read(readFileSync(path.join(example5, file), 'utf8'))
    expect(result).toEqual({
      ok: true,
      format: 'spdx-2.2',
      components: [{ purl: null, type: null, name, version: null, ecosystem: null }],
      problems: [{ component: name, message: 'no purl: matched by name only' }],
    })
  })

  it('reads versions and purls of ExternalRef lines, and <text> spanning lines', () => {
    const text = [
      'SPDXVersion: SPDX-2.3',
      'DataLicense: CC0-1.0',
      'SPDXID: SPDXRef-DOCUMENT',
      'DocumentName: web shop',
      'DocumentNamespace: https://example.com/spdx/web-shop-1',
      'Creator: Tool: example-1.0',
      'Created: 2026-01-31T12:00:00Z',
      'DocumentComment: <text>made for',
      'PackageName: not a package, inside the text',
      '</text>',
      '',
      'PackageName: lodash',
      'SPDXID: SPDXRef-Package-lodash',
      'PackageVersion: 4.17.21',
      'PackageDownloadLocation: NOASSERTION',
      'ExternalRef: PACKAGE-MANAGER purl pkg:npm/lodash@4.17.21',
      '',
      'FileName: ./index.js',
      'SPDXID: SPDXRef-index',
    ].join('\n')
    expect(read(text)).toEqual({
      ok: true,
      format: 'spdx-2.3',
      components: [
        { purl: 'pkg:npm/lodash@4.17.21', type: null, name: 'lodash', version: '4.17.21', ecosystem: 'npm' },
      ],
      problems: [],
    })
  })

  it('refuses a package without its mandatory tags, naming the tag and the package’s line; a NUL by its line too', () => {
    const example = readFileSync(path.join(example5, 'example5-src.spdx'), 'utf8')
    const broken = example.replace(/^PackageDownloadLocation:.*$/m, '')
    expect(read(broken)).toEqual({
      ok: false,
      errors: ['line 13, package "hello-go-src": PackageDownloadLocation is required (a URL, NONE or NOASSERTION)'],
    })
    const nul = example.replace(/^(PackageName: .*)$/m, '$1\nPackageVersion: 1.0\u0000')
    expect(read(nul)).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^line 13, package "hello-go-src"\/PackageVersion: holds a NUL character/)],
    })
  })
})
