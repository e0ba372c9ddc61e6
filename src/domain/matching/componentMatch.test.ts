import { describe, expect, it } from 'vitest'
import { componentAffected, purlParts } from './componentMatch.js'

const sendmail = { purl: 'pkg:generic/sendmail', range: 'vers:generic/>=5.2|<8.12.8', fixedVersions: ['8.12.8'] }
const component = (purl: string, version: string | null) => {
  const p = purlParts(purl)!
  return { purlType: p.type, purlNamespace: p.namespace, purlName: p.name, version }
}

describe('matching a component to an affected product', () => {
  it('finds sendmail before 8.12.8 affected and 8.12.8 on not, whatever the generic namespace', () => {
    expect(componentAffected(component('pkg:generic/sendmail@8.12.7', '8.12.7'), sendmail)).toMatchObject({ affected: true, certain: true })
    expect(componentAffected(component('pkg:generic/sendmail.org/sendmail@8.11.6', '8.11.6'), sendmail)).toMatchObject({ affected: true })
    expect(componentAffected(component('pkg:generic/sendmail@8.12.8', '8.12.8'), sendmail)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:generic/sendmail@8.13.0', '8.13.0'), sendmail)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:generic/postfix@2.0', '2.0'), sendmail)).toEqual({ affected: false })
  })
  it('compares in the range’s own scheme: Debian revisions and epochs', () => {
    const deb = { purl: 'pkg:deb/debian/sendmail', range: 'vers:deb/<8.12.3-6.3', fixedVersions: [] }
    expect(componentAffected(component('pkg:deb/debian/sendmail@8.12.3-6', '8.12.3-6'), deb)).toMatchObject({ affected: true })
    expect(componentAffected(component('pkg:deb/debian/sendmail@8.12.3-6.3', '8.12.3-6.3'), deb)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:deb/debian/sendmail@1:8.0-1', '1:8.0-1'), deb)).toEqual({ affected: false })
    expect(componentAffected(component('pkg:deb/ubuntu/sendmail@8.12.3-6', '8.12.3-6'), deb)).toEqual({ affected: false })
  })
  it('says "check it" rather than "safe" when the version is missing or cannot be placed', () => {
    expect(componentAffected(component('pkg:generic/sendmail', null), sendmail)).toMatchObject({ affected: true, certain: false })
    const npm = { purl: 'pkg:npm/lodash', range: 'vers:npm/<4.17.21', fixedVersions: [] }
    expect(componentAffected(component('pkg:npm/lodash@latest', 'latest'), npm)).toMatchObject({ affected: true, certain: false })
    expect(componentAffected(component('pkg:npm/lodash@4.17.20', '4.17.20'), npm)).toMatchObject({ affected: true, certain: true })
    expect(componentAffected(component('pkg:npm/lodash@4.17.21', '4.17.21'), npm)).toEqual({ affected: false })
  })
  it('reads purl parts, namespaces and all', () => {
    expect(purlParts('pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar')).toEqual({ type: 'maven', namespace: 'org.apache.logging.log4j', name: 'log4j-core' })
    expect(purlParts('pkg:generic/sendmail')).toEqual({ type: 'generic', namespace: null, name: 'sendmail' })
    expect(purlParts('sendmail 8.12')).toBeNull()
  })
})
