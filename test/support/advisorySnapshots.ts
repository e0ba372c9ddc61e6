// Snapshots the exporters' tests run on. `sendmailSnapshot` is the 2003 sendmail crackaddr case
// (CVE-2002-1337; CERT CA-2003-07) as Lockstep would have published it: one upstream product
// with a vers range and a fix, and vendors stating their positions without naming products.
// `widgetrySnapshot` is made up to reach every mapping: ten vulnerabilities over npm, PyPI,
// Maven, Debian, RPM, Go and generic packages, with and without CVE IDs, CVSS 3.1 and 4.0, ranges
// with several intervals, inclusive ends, exact versions, one OSV and CVE cannot express, products
// OSV has no ecosystem for, every VEX status and justification. Both carry a case number, which
// no exporter may let out. Scores match their vectors (checked in the tests).
import type { AdvisorySnapshot } from '../../src/domain/advisory/snapshot.js'
import type { TriageInputs } from '../../src/domain/ssvc.js'
import { parseProductPattern } from '../../src/domain/productPatterns.js'

export const sendmailSnapshot: AdvisorySnapshot = {
  id: 'LSA-2003-0001',
  caseNumber: 'LS-2003-0007',
  title: 'Remote buffer overflow in sendmail address parsing',
  publisher: {
    name: 'National Infrastructure Protection Center',
    namespace: 'https://lockstep.example',
    contactDetails: 'security@lockstep.example',
  },
  initialReleaseDate: '2003-03-03T17:00:00.000Z',
  currentReleaseDate: '2003-03-05T14:30:00.000Z',
  revisions: [
    { number: '1', date: '2003-03-03T17:00:00.000Z', summary: 'Initial release.' },
    { number: '2', date: '2003-03-05T14:30:00.000Z', summary: "Red Hat's updated packages added." },
  ],
  overview:
    'A buffer overflow in sendmail lets a remote attacker run code with the privileges of the sendmail daemon, usually root, by sending one crafted message.',
  description:
    'The crackaddr() function in headers.c checks the length of address fields in message headers incorrectly. A message whose From, To or CC header holds a crafted comment overflows a static buffer. The message need only pass through a vulnerable server: mail relays are exposed as much as final destinations.',
  impact:
    'A remote attacker can execute arbitrary code as root, or crash the sendmail daemon. No authentication or user action is needed.',
  solution:
    'Upgrade to sendmail 8.12.8, or apply the patch from the Sendmail Consortium, or install the updated packages from your vendor. Mail filters that drop messages with long comments in address headers reduce the exposure but are no substitute.',
  references: [
    { url: 'https://www.sendmail.org/8.12.8.html', summary: 'Sendmail 8.12.8 release notes', category: 'external' },
    {
      url: 'https://www.kb.cert.org/vuls/id/398025',
      summary: 'CERT/CC Vulnerability Note VU#398025',
      category: 'external',
    },
  ],
  credits: [{ name: 'ISS X-Force', contribution: 'found and reported the flaw', type: 'finder' }],
  vulnerabilities: [
    {
      key: 'V1',
      cve: 'CVE-2002-1337',
      title: 'Buffer overflow in sendmail crackaddr() header processing',
      description:
        'Buffer overflow in sendmail 5.79 to 8.12.7 allows remote attackers to execute arbitrary code via certain formatted address fields, related to sender and recipient header comments as processed by the crackaddr function of headers.c.',
      cwe: 'CWE-120',
      cweName: "Buffer Copy without Checking Size of Input ('Classic Buffer Overflow')",
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
          baseSeverity: 'CRITICAL',
        },
      ],
      affected: [
        {
          vendor: 'Sendmail Consortium',
          product: 'sendmail',
          purl: 'pkg:generic/sendmail',
          range: 'vers:generic/>=5.2|<8.12.8',
          fixedVersions: ['8.12.8'],
        },
      ],
      statements: [
        {
          vendor: 'Sendmail Consortium',
          status: 'fixed',
          justification: null,
          fixedVersions: ['8.12.8'],
          remediation:
            'Upgrade to sendmail 8.12.8, or apply the patch for 8.9, 8.10, 8.11 or 8.12 from the release notes.',
          references: ['https://www.sendmail.org/8.12.8.html'],
          date: '2003-02-28T18:00:00.000Z',
        },
        {
          vendor: 'Red Hat',
          status: 'affected',
          justification: null,
          fixedVersions: [],
          remediation: 'Install the updated sendmail packages of RHSA-2003:073.',
          references: ['https://access.redhat.com/errata/RHSA-2003:073'],
          date: '2003-03-05T09:00:00.000Z',
        },
        {
          vendor: 'Cray Inc.',
          status: 'not_affected',
          justification: 'component_not_present',
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2003-02-20T15:00:00.000Z',
        },
        {
          vendor: 'Cisco Systems',
          status: 'under_investigation',
          justification: null,
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2003-02-25T12:00:00.000Z',
        },
      ],
    },
  ],
}

const widgetryVendor = 'Widgetry Project'

export const widgetrySnapshot: AdvisorySnapshot = {
  id: 'LSA-2026-0002',
  caseNumber: 'LS-2026-0017',
  title: 'Widgetry <core> & friends: ten flaws across the "Widgetry" packages',
  publisher: {
    name: 'Example National CERT',
    // A trailing slash, as an operator might configure it: links must not double it.
    namespace: 'https://lockstep.example/',
    contactDetails: 'cert@lockstep.example',
  },
  initialReleaseDate: '2026-02-10T09:00:00.000Z',
  currentReleaseDate: '2026-02-24T16:45:30.000Z',
  revisions: [
    { number: '1', date: '2026-02-10T09:00:00.000Z', summary: 'Initial release.' },
    { number: '2', date: '2026-02-12T11:20:00.000Z', summary: 'Debian and AlmaLinux packages added.' },
    { number: '3', date: '2026-02-24T16:45:30.000Z', summary: 'Statements of Acme Cloud and Contoso added.' },
  ],
  overview:
    'Ten flaws in the Widgetry toolkit and its ports let attackers run code, read files or stop services; fixed releases are available for most packages.',
  description:
    'The Widgetry toolkit ships as npm, PyPI, Maven and Go packages, and Debian, AlmaLinux and Fedora repackage it. Each flaw is described below.',
  impact: 'Depending on the flaw: remote code execution, disclosure of files, denial of service, or forged requests.',
  solution: "Upgrade every Widgetry package to the fixed version listed for it, or apply your distribution's update.",
  references: [
    {
      url: 'https://widgetry.example/security/2026-02',
      summary: 'Widgetry security release notes, February 2026',
      category: 'external',
    },
    { url: 'https://lockstep.example/advisories/LSA-2026-0002', summary: 'This advisory', category: 'self' },
  ],
  credits: [
    { name: 'Jane Researcher', contribution: 'found the flaws', type: 'finder' },
    { name: 'Example National CERT', contribution: 'coordinated the disclosure', type: 'coordinator' },
    { name: 'Fuzzotron', contribution: null, type: 'tool' },
    { name: 'An anonymous reviewer', contribution: 'checked the fixes' },
  ],
  vulnerabilities: [
    {
      key: 'V1',
      cve: 'CVE-2026-10001',
      title: 'Prototype pollution in @widgetry/core merge()',
      description:
        'merge() copies __proto__ keys from parsed JSON, so a request body can add properties to every object of the process.',
      cwe: 'CWE-1321',
      cweName: "Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')",
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 8.8,
          baseSeverity: 'HIGH',
        },
      ],
      affected: [
        {
          vendor: widgetryVendor,
          product: '@widgetry/core',
          purl: 'pkg:npm/%40widgetry/core',
          range: 'vers:npm/>=2.0.0|<2.4.1',
          fixedVersions: ['2.4.1'],
        },
      ],
      statements: [
        {
          vendor: widgetryVendor,
          status: 'fixed',
          justification: null,
          fixedVersions: ['2.4.1'],
          remediation: null,
          references: ['https://widgetry.example/security/2026-02#core'],
          date: '2026-02-01T10:00:00.000Z',
        },
      ],
    },
    {
      key: 'V2',
      cve: 'CVE-2026-10002',
      title: 'Path traversal in widgetry-server static files',
      description:
        'The static file handler joins the request path to the document root without normalising it first, so ../ sequences reach any file the server can read.',
      cwe: 'CWE-22',
      cweName: "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
      cvss: [
        {
          version: '4.0',
          vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N',
          baseScore: 8.7,
          baseSeverity: 'HIGH',
        },
      ],
      affected: [
        {
          vendor: widgetryVendor,
          product: 'widgetry-server',
          purl: 'pkg:pypi/widgetry-server',
          range: 'vers:pypi/<1.8.3',
          fixedVersions: ['1.8.3'],
        },
      ],
      statements: [
        {
          vendor: widgetryVendor,
          status: 'fixed',
          justification: null,
          fixedVersions: ['1.8.3'],
          remediation: 'Upgrade to 1.8.3.',
          references: [],
          date: '2026-02-02T10:00:00.000Z',
        },
        {
          vendor: 'Acme Cloud',
          status: 'not_affected',
          justification: 'vulnerable_code_not_in_execute_path',
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2026-02-20T08:00:00.000Z',
        },
      ],
    },
    {
      key: 'V3',
      cve: null,
      title: 'XML external entities resolved by widgetry-xml',
      description:
        'The XML reader of widgetry-xml resolves external entities by default, so a document can make it read local files or fetch URLs.',
      cwe: 'CWE-611',
      cweName: 'Improper Restriction of XML External Entity Reference',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
          baseScore: 7.5,
          baseSeverity: 'HIGH',
        },
      ],
      affected: [
        {
          vendor: widgetryVendor,
          product: 'widgetry-xml',
          purl: 'pkg:maven/org.widgetry/widgetry-xml',
          range: 'vers:maven/>=3.0.0|<=3.2.4',
          fixedVersions: [],
        },
      ],
      statements: [
        {
          vendor: widgetryVendor,
          status: 'affected',
          justification: null,
          fixedVersions: [],
          remediation:
            'Call XmlReader.disableExternalEntities() before reading untrusted documents; a release that disables them by default is planned.',
          references: [],
          date: '2026-02-03T10:00:00.000Z',
        },
      ],
    },
    {
      key: 'V4',
      cve: 'CVE-2026-10004',
      title: 'Heap overflow in the widgetry image decoder',
      description: 'A PNG with a crafted palette overflows a heap buffer in the native decoder.',
      cwe: 'CWE-787',
      cweName: 'Out-of-bounds Write',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
          baseSeverity: 'CRITICAL',
        },
        {
          version: '4.0',
          vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          baseScore: 9.3,
          baseSeverity: 'CRITICAL',
        },
      ],
      affected: [
        {
          vendor: 'Debian',
          product: 'widgetry',
          purl: 'pkg:deb/debian/widgetry',
          range: 'vers:deb/>=2.0.0-1|<2.3.0-2|>=2.4.0-1|<2.4.1-1+deb12u1',
          fixedVersions: ['2.3.0-2', '2.4.1-1+deb12u1'],
        },
      ],
      statements: [
        {
          vendor: 'Debian',
          status: 'fixed',
          justification: null,
          fixedVersions: ['2.3.0-2', '2.4.1-1+deb12u1'],
          remediation: null,
          references: ['https://www.debian.org/security/2026/dsa-9999'],
          date: '2026-02-11T07:00:00.000Z',
        },
      ],
    },
    {
      key: 'V5',
      cve: 'CVE-2026-10005',
      title: 'Unbounded memory use in the widgetry protocol parser',
      description:
        'A frame header announcing a huge length makes the parser allocate that much memory before reading the frame.',
      cwe: 'CWE-400',
      cweName: 'Uncontrolled Resource Consumption',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          baseScore: 7.5,
          baseSeverity: 'HIGH',
        },
      ],
      affected: [
        {
          vendor: 'AlmaLinux OS Foundation',
          product: 'widgetry',
          purl: 'pkg:rpm/almalinux/widgetry',
          range: 'vers:rpm/<2.4.1-1.el9',
          fixedVersions: ['2.4.1-1.el9'],
        },
        {
          vendor: 'Fedora Project',
          product: 'widgetry',
          purl: 'pkg:rpm/fedora/widgetry',
          range: 'vers:rpm/<2.4.1-1.fc40',
          fixedVersions: ['2.4.1-1.fc40'],
        },
      ],
      statements: [
        {
          vendor: 'AlmaLinux OS Foundation',
          status: 'fixed',
          justification: null,
          fixedVersions: ['2.4.1-1.el9'],
          remediation: 'dnf update widgetry',
          references: [],
          date: '2026-02-12T06:00:00.000Z',
        },
      ],
    },
    {
      key: 'V6',
      cve: 'CVE-2026-10006',
      title: 'Server-side request forgery in widgetry-go webhooks',
      description:
        'Webhook targets are fetched without checking the address, so a user who may configure webhooks can make the server call internal services.',
      cwe: 'CWE-918',
      cweName: 'Server-Side Request Forgery (SSRF)',
      cvss: [
        {
          version: '4.0',
          vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N',
          baseScore: 7.1,
          baseSeverity: 'HIGH',
        },
      ],
      affected: [
        {
          vendor: widgetryVendor,
          product: 'widgetry-go',
          purl: 'pkg:golang/github.com/widgetry/widgetry-go',
          range: 'vers:golang/>=v1.2.0|<v1.5.3',
          fixedVersions: ['v1.5.3'],
        },
      ],
      statements: [
        {
          vendor: widgetryVendor,
          status: 'fixed',
          justification: null,
          fixedVersions: ['v1.5.3'],
          remediation: null,
          references: [],
          date: '2026-02-04T10:00:00.000Z',
        },
      ],
    },
    {
      key: 'V7',
      cve: null,
      title: 'widgetry-cli writes its token file world-readable',
      description: 'The command-line client stores the API token in a file every local user can read.',
      cwe: null,
      cweName: null,
      cvss: [],
      affected: [
        {
          vendor: widgetryVendor,
          product: 'widgetry-cli',
          purl: 'pkg:npm/widgetry-cli',
          range: 'vers:npm/*',
          fixedVersions: [],
        },
      ],
      statements: [
        {
          vendor: widgetryVendor,
          status: 'affected',
          justification: null,
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2026-02-05T10:00:00.000Z',
        },
      ],
    },
    {
      key: 'V8',
      cve: 'CVE-2026-10008',
      title: 'Command injection in the Widgetry appliance diagnostics page',
      description: 'The diagnostics page passes the host name field to a shell.',
      cwe: 'CWE-78',
      cweName: "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          baseScore: 9.8,
          baseSeverity: 'CRITICAL',
        },
      ],
      affected: [
        {
          vendor: 'Example Appliances',
          product: 'Widgetry Appliance',
          purl: 'pkg:generic/widgetry-appliance',
          range: null,
          fixedVersions: ['5.0'],
        },
      ],
      statements: [
        {
          vendor: 'Example Appliances',
          status: 'fixed',
          justification: null,
          fixedVersions: ['5.0'],
          remediation: 'Install firmware 5.0.',
          references: [],
          date: '2026-02-06T10:00:00.000Z',
        },
        {
          vendor: 'Acme Cloud',
          status: 'affected',
          justification: null,
          fixedVersions: [],
          remediation: 'Hosted appliances are being updated; no action is needed from customers.',
          references: ['https://acme-cloud.example/status/widgetry'],
          date: '2026-02-21T08:00:00.000Z',
        },
        {
          vendor: 'Contoso',
          status: 'under_investigation',
          justification: null,
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2026-02-22T08:00:00.000Z',
        },
      ],
    },
    {
      key: 'V9',
      cve: 'CVE-2026-10009',
      title: 'Cross-site scripting in the widgetry admin console',
      description: 'Widget names are written into the admin console without escaping.',
      cwe: 'CWE-79',
      cweName: "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
          baseScore: 6.1,
          baseSeverity: 'MEDIUM',
        },
      ],
      affected: [
        {
          vendor: widgetryVendor,
          product: 'widgetry-server',
          purl: 'pkg:pypi/widgetry-server',
          range: 'vers:pypi/1.9.0|1.9.1',
          fixedVersions: ['1.9.2'],
        },
        // A range OSV and CVE cannot write (an exclusive lower bound).
        {
          vendor: widgetryVendor,
          product: 'widgetry-web',
          purl: 'pkg:maven/org.widgetry/widgetry-web',
          range: 'vers:maven/>1.0.0|<1.4.0',
          fixedVersions: ['1.4.0'],
        },
      ],
      statements: [
        {
          vendor: widgetryVendor,
          status: 'fixed',
          justification: null,
          fixedVersions: ['1.9.2', '1.4.0'],
          remediation: null,
          references: [],
          date: '2026-02-07T10:00:00.000Z',
        },
      ],
    },
    {
      key: 'V10',
      cve: 'CVE-2026-10010',
      title: 'Cross-site request forgery in legacy widget forms',
      description: 'The legacy form helpers do not add anti-forgery tokens.',
      cwe: 'CWE-352',
      cweName: 'Cross-Site Request Forgery (CSRF)',
      cvss: [
        {
          version: '3.1',
          vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
          baseScore: 6.1,
          baseSeverity: 'MEDIUM',
        },
      ],
      affected: [
        {
          vendor: 'Legacy Widgets Ltd',
          product: '@widgetry/legacy',
          purl: 'pkg:npm/%40widgetry/legacy',
          range: 'vers:npm/<1.0.0',
          fixedVersions: [],
        },
      ],
      statements: [
        {
          vendor: 'Legacy Widgets Ltd',
          status: 'not_affected',
          justification: 'vulnerable_code_not_present',
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2026-02-08T10:00:00.000Z',
        },
        {
          vendor: 'Acme Cloud',
          status: 'not_affected',
          justification: 'inline_mitigations_already_exist',
          fixedVersions: [],
          remediation: null,
          references: [],
          date: '2026-02-23T08:00:00.000Z',
        },
      ],
    },
  ],
}

export const allSnapshots: readonly AdvisorySnapshot[] = [sendmailSnapshot, widgetrySnapshot]

/** SSVC coordinator triage inputs the table decides "coordinate" for (a case's vulnerability, a report). */
export const coordinateTriageInputs: TriageInputs = {
  reportPublic: 'no',
  supplierContacted: 'yes',
  reportCredibility: 'credible',
  supplierCardinality: 'multiple',
  supplierEngagement: 'active',
  utility: 'super effective',
  publicSafetyImpact: 'significant',
}

/**
 * The snapshot with a CPE name on every affected product, as the case editor stores it (a 2.2 URI
 * read into its canonical CPE 2.3 form, so "@widgetry/core" comes out escaped; the vendor written
 * as NVD would, "widgetry_project", and spaces as "_"): the fixtures themselves carry none, which keeps the other
 * formats' golden files as they are.
 */
export function withCpeNames(snapshot: AdvisorySnapshot): AdvisorySnapshot {
  const cpeOf = (vendor: string, product: string) => {
    const nvdVendor = vendor.toLowerCase().replace(/[^a-z0-9]+/g, '_')
    // Spaces as "_", as CPE writes them: a name with "%20" is refused as the case editor reads it.
    const read = parseProductPattern(`cpe:/a:${nvdVendor}:${encodeURIComponent(product.replace(/\s+/g, '_'))}`)
    if (!read.ok) throw new Error(`no CPE name for ${vendor} ${product}: ${read.reason}`)
    return read.pattern.canonical
  }
  return {
    ...snapshot,
    vulnerabilities: snapshot.vulnerabilities.map((vuln) => ({
      ...vuln,
      affected: vuln.affected.map((a) => ({ ...a, cpe: cpeOf(a.vendor, a.product) })),
    })),
  }
}
