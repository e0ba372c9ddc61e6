import { describe, expect, it } from 'vitest'
import { componentAffected, matchingName, purlParts } from './componentMatch.js'

const sendmail = { purl: 'pkg:generic/sendmail', range: 'vers:generic/>=5.2|<8.12.8', fixedVersions: ['8.12.8'] }
const component = (purl: string, version: string | null) => {
  const p = purlParts(purl)!
  return { purlType: p.type, purlNamespace: p.namespace, purlName: p.name, version }
}

describe('matching a component to an affected product', () => {
  it('finds sendmail before 8.12.8 affected and 8.12.8 on not, whatever the generic namespace', () => {
    expect(componentAffected(component('pkg:generic/sendmail@8.12.7', '8.12.7'), sendmail)).toMatchObject({
      affected: true,
      certain: true,
    })
    expect(componentAffected(component('pkg:generic/sendmail.org/sendmail@8.11.6', '8.11.6'), sendmail)).toMatchObject({
      affected: true,
    })
    expect(componentAffected(component('pkg:generic/sendmail@8.12.8', '8.12.8'), sendmail)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:generic/sendmail@8.13.0', '8.13.0'), sendmail)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:generic/postfix@2.0', '2.0'), sendmail)).toEqual({ affected: false })
  })
  it('compares in the range’s own scheme: Debian revisions and epochs', () => {
    const deb = { purl: 'pkg:deb/debian/sendmail', range: 'vers:deb/<8.12.3-6.3', fixedVersions: [] }
    expect(componentAffected(component('pkg:deb/debian/sendmail@8.12.3-6', '8.12.3-6'), deb)).toMatchObject({
      affected: true,
    })
    expect(componentAffected(component('pkg:deb/debian/sendmail@8.12.3-6.3', '8.12.3-6.3'), deb)).toEqual({
      affected: false,
    })
    expect(componentAffected(component('pkg:deb/debian/sendmail@1:8.0-1', '1:8.0-1'), deb)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:deb/ubuntu/sendmail@8.12.3-6', '8.12.3-6'), deb)).toEqual({
      affected: false,
    })
  })
  it('says "check it" rather than "safe" when the version is missing or cannot be placed', () => {
    expect(componentAffected(component('pkg:generic/sendmail', null), sendmail)).toMatchObject({
      affected: true,
      certain: false,
    })
    const npm = { purl: 'pkg:npm/lodash', range: 'vers:npm/<4.17.21', fixedVersions: [] }
    expect(componentAffected(component('pkg:npm/lodash@latest', 'latest'), npm)).toMatchObject({
      affected: true,
      certain: false,
    })
    expect(componentAffected(component('pkg:npm/lodash@4.17.20', '4.17.20'), npm)).toMatchObject({
      affected: true,
      certain: true,
    })
    expect(componentAffected(component('pkg:npm/lodash@4.17.21', '4.17.21'), npm)).toEqual({ affected: false })
  })
  it('names PyPI projects as PEP 503 does, and other packages without case only', () => {
    expect(matchingName('pypi', 'Zope.Interface')).toBe('zope-interface')
    expect(matchingName('PyPI', 'ruamel__yaml')).toBe('ruamel-yaml')
    expect(matchingName('npm', 'Left_Pad.js')).toBe('left_pad.js')
    const cors = { purl: 'pkg:pypi/flask-cors', range: 'vers:pypi/<4.0.1', fixedVersions: ['4.0.1'] }
    expect(componentAffected(component('pkg:pypi/Flask_Cors@4.0.0', '4.0.0'), cors)).toMatchObject({
      affected: true,
      certain: true,
    })
    expect(componentAffected(component('pkg:pypi/flask.cors@4.0.1', '4.0.1'), cors)).toEqual({ affected: false })
    expect(
      componentAffected(component('pkg:npm/flask_cors@1.0.0', '1.0.0'), {
        ...cors,
        purl: 'pkg:npm/flask-cors',
        range: 'vers:npm/<4.0.1',
      }),
    ).toEqual({ affected: false })
  })
  it('reads purl parts, namespaces and all', () => {
    expect(purlParts('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar')).toEqual({
      type: 'maven',
      namespace: 'org.apache.logging.log4j',
      name: 'log4j-core',
    })
    expect(purlParts('pkg:generic/sendmail')).toEqual({ type: 'generic', namespace: null, name: 'sendmail' })
    expect(purlParts('sendmail 8.12')).toBeNull()
  })
})

describe('versions an advisory lists one by one', () => {
  const listedToo = {
    purl: 'pkg:cargo/smallvec',
    range: 'vers:cargo/>=0.6.3|<0.6.10',
    fixedVersions: ['0.6.10'],
    versions: ['1.6.0', '0.6.10'],
  }
  it('finds a listed version affected, certain, whatever the range and the fixed versions say', () => {
    expect(componentAffected(component('pkg:cargo/smallvec@1.6.0', '1.6.0'), listedToo)).toEqual({
      affected: true,
      certain: true,
      reason: '1.6.0 is listed as affected',
    })
    expect(componentAffected(component('pkg:cargo/smallvec@0.6.10', '0.6.10'), listedToo)).toMatchObject({
      affected: true,
      certain: true,
    })
    expect(componentAffected(component('pkg:cargo/smallvec@0.6.5', '0.6.5'), listedToo)).toMatchObject({
      affected: true,
      reason: '0.6.5 is in vers:cargo/>=0.6.3|<0.6.10',
    })
    expect(componentAffected(component('pkg:cargo/smallvec@1.6.1', '1.6.1'), listedToo)).toEqual({ affected: false })
  })
  it('with no range, affects only the listed versions; compares them in the range’s scheme', () => {
    const only = { purl: 'pkg:npm/left-pad', range: null, fixedVersions: [], versions: ['1.0.0'] }
    expect(componentAffected(component('pkg:npm/left-pad@1.0.0', '1.0.0'), only)).toMatchObject({
      affected: true,
      certain: true,
    })
    expect(componentAffected(component('pkg:npm/left-pad@1.0.1', '1.0.1'), only)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:npm/left-pad', null), only)).toMatchObject({
      affected: true,
      certain: false,
    })
    const go = {
      purl: 'pkg:golang/golang.org/x/net',
      range: 'vers:golang/<0.1.0',
      fixedVersions: ['0.1.0'],
      versions: ['0.7.0'],
    }
    expect(componentAffected(component('pkg:golang/golang.org/x/net@v0.7.0', 'v0.7.0'), go)).toMatchObject({
      affected: true,
      reason: 'v0.7.0 is listed as affected',
    })
    expect(componentAffected(component('pkg:golang/golang.org/x/net@v0.7.1', 'v0.7.1'), go)).toEqual({
      affected: false,
    })
  })
  it('keeps the old meaning without a list: no range is every version', () => {
    expect(
      componentAffected(component('pkg:npm/left-pad@9.9.9', '9.9.9'), {
        purl: 'pkg:npm/left-pad',
        range: null,
        fixedVersions: [],
        versions: [],
      }),
    ).toMatchObject({ affected: true, reason: 'every version is affected' })
  })
})

describe('versions equal in the scheme', () => {
  it('gives 1.5 and 1.5.0 one answer, listed, fixed or placed in the range', () => {
    const pypi = (v: string) => component(`pkg:pypi/example@${v}`, v)
    const fixedOnly = { purl: 'pkg:pypi/example', range: 'vers:pypi/<2.0', fixedVersions: ['1.5'] }
    expect(componentAffected(pypi('1.5'), fixedOnly)).toEqual({ affected: false })
    expect(componentAffected(pypi('1.5.0'), fixedOnly)).toEqual({ affected: false })
    expect(componentAffected(pypi('1.4'), fixedOnly)).toMatchObject({ affected: true, certain: true })
    // Without a range the purl's type says how to compare.
    const listed = { purl: 'pkg:pypi/example', range: null, fixedVersions: [], versions: ['1.5'] }
    expect(componentAffected(pypi('1.5.0'), listed)).toMatchObject({ affected: true, certain: true })
    expect(componentAffected(pypi('1.5.1'), listed)).toEqual({ affected: false })
    const everyButFixed = { purl: 'pkg:pypi/example', range: null, fixedVersions: ['2.0'] }
    expect(componentAffected(pypi('2.0.0'), everyButFixed)).toEqual({ affected: false })
    expect(componentAffected(pypi('1.9'), everyButFixed)).toMatchObject({ affected: true })
  })
})
