// The vendor directory of the demo: the vendors who shipped sendmail in 2003 (the Sendmail
// Consortium, Sendmail Inc. and the operating-system vendors), each with its products as purl
// patterns or CPE names, a security contact and an embargo policy, so that "Find vendors" on the
// demo case proposes them. Addresses are under .example: nothing is ever delivered to them.
import { parseProductPattern } from '../domain/productPatterns.js'
import type { Db } from '../store/db.js'
import { findOrganizationBySlug, insertOrganization } from '../store/organizations.js'
import { productColumns } from '../commands/vendors/directory.js'

interface DemoVendor {
  slug: string
  name: string
  website: string
  contact: string
  products: string[]
  embargo?: [preferred: number, min: number, max: number]
}

export const demoVendors: readonly DemoVendor[] = [
  {
    slug: 'sendmail-consortium',
    name: 'Sendmail Consortium',
    website: 'https://www.sendmail.org',
    contact: 'sendmail-security@sendmail.example',
    products: ['pkg:generic/sendmail', 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*'],
    embargo: [30, 7, 60],
  },
  {
    slug: 'sendmail-inc',
    name: 'Sendmail, Inc.',
    website: 'https://www.sendmail.com',
    contact: 'security@sendmail-inc.example',
    products: [
      'pkg:generic/sendmail-switch',
      'cpe:2.3:a:sendmail:sendmail_switch:*:*:*:*:*:*:*:*',
      'pkg:generic/sendmail',
    ],
  },
  {
    slug: 'red-hat',
    name: 'Red Hat',
    website: 'https://www.redhat.com',
    contact: 'secalert@redhat.example',
    products: ['pkg:rpm/redhat/sendmail', 'pkg:generic/sendmail'],
    embargo: [30, 14, 90],
  },
  {
    slug: 'sgi',
    name: 'SGI',
    website: 'https://www.sgi.com',
    contact: 'security-alert@sgi.example',
    products: ['cpe:2.3:o:sgi:irix:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'sun',
    name: 'Sun Microsystems',
    website: 'https://www.sun.com',
    contact: 'security-alert@sun.example',
    products: ['cpe:2.3:o:sun:solaris:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
    embargo: [45, 30, 90],
  },
  {
    slug: 'freebsd',
    name: 'FreeBSD',
    website: 'https://www.freebsd.org',
    contact: 'security-officer@freebsd.example',
    products: ['pkg:generic/sendmail', 'cpe:2.3:o:freebsd:freebsd:*:*:*:*:*:*:*:*'],
  },
  {
    slug: 'hp',
    name: 'Hewlett-Packard',
    website: 'https://www.hp.com',
    contact: 'security-alert@hp.example',
    products: ['cpe:2.3:o:hp:hp-ux:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'ibm',
    name: 'IBM',
    website: 'https://www.ibm.com',
    contact: 'security-alert@ibm.example',
    products: ['cpe:2.3:o:ibm:aix:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'apple',
    name: 'Apple',
    website: 'https://www.apple.com',
    contact: 'product-security@apple.example',
    products: ['cpe:2.3:o:apple:mac_os_x:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'netbsd',
    name: 'NetBSD',
    website: 'https://www.netbsd.org',
    contact: 'security-officer@netbsd.example',
    products: ['pkg:generic/sendmail'],
  },
  {
    slug: 'openbsd',
    name: 'OpenBSD',
    website: 'https://www.openbsd.org',
    contact: 'security@openbsd.example',
    products: ['pkg:generic/sendmail'],
  },
  {
    slug: 'debian',
    name: 'Debian',
    website: 'https://www.debian.org',
    contact: 'security@debian.example',
    products: ['pkg:deb/debian/sendmail'],
  },
  {
    slug: 'suse',
    name: 'SuSE',
    website: 'https://www.suse.com',
    contact: 'security@suse.example',
    products: ['pkg:rpm/suse/sendmail'],
  },
  {
    slug: 'mandrakesoft',
    name: 'MandrakeSoft',
    website: 'https://www.mandrakesoft.com',
    contact: 'security@mandrakesoft.example',
    products: ['pkg:rpm/mandrake/sendmail'],
  },
  {
    slug: 'caldera',
    name: 'Caldera International (SCO)',
    website: 'https://www.sco.com',
    contact: 'security@sco.example',
    products: ['cpe:2.3:o:sco:openserver:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'compaq',
    name: 'Compaq',
    website: 'https://www.compaq.com',
    contact: 'security-ntf@compaq.example',
    products: ['cpe:2.3:o:compaq:tru64:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'cray',
    name: 'Cray',
    website: 'https://www.cray.com',
    contact: 'security@cray.example',
    products: ['cpe:2.3:o:cray:unicos:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'wind-river',
    name: 'Wind River Systems',
    website: 'https://www.windriver.com',
    contact: 'security@windriver.example',
    products: ['cpe:2.3:o:windriver:bsdos:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'gentoo',
    name: 'Gentoo Linux',
    website: 'https://www.gentoo.org',
    contact: 'security@gentoo.example',
    products: ['pkg:ebuild/net-mail/sendmail'],
  },
  {
    slug: 'nec',
    name: 'NEC',
    website: 'https://www.nec.com',
    contact: 'security@nec.example',
    products: ['cpe:2.3:o:nec:ews-ux:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'fujitsu',
    name: 'Fujitsu',
    website: 'https://www.fujitsu.com',
    contact: 'security@fujitsu.example',
    products: ['cpe:2.3:o:fujitsu:uxp_v:*:*:*:*:*:*:*:*', 'pkg:generic/sendmail'],
  },
  {
    slug: 'cisco',
    name: 'Cisco Systems',
    website: 'https://www.cisco.com',
    contact: 'psirt@cisco.example',
    products: ['cpe:2.3:a:cisco:content_engine:*:*:*:*:*:*:*:*'],
  },
]

/** Creates the demo vendors that are missing, with their products and contacts; a restart adds nothing. */
export async function seedDemoVendors(trx: Db): Promise<void> {
  for (const v of demoVendors) {
    const existing = await findOrganizationBySlug(trx, v.slug)
    const id = existing?.id ?? (await insertOrganization(trx, { slug: v.slug, name: v.name, kind: 'vendor' })).id
    if (
      existing &&
      (await trx.selectFrom('vendor_products').select('id').where('organization_id', '=', id).executeTakeFirst())
    )
      continue
    await trx
      .updateTable('organizations')
      .set({
        website: v.website,
        embargo_preferred_days: v.embargo?.[0] ?? null,
        embargo_min_days: v.embargo?.[1] ?? null,
        embargo_max_days: v.embargo?.[2] ?? null,
      })
      .where('id', '=', id)
      .execute()
    await trx
      .insertInto('organization_contacts')
      .values({ organization_id: id, email: v.contact, kind: 'primary', verified_at: new Date() })
      .onConflict((oc) => oc.columns(['organization_id', 'email']).doNothing())
      .execute()
    for (const text of v.products) {
      const p = parseProductPattern(text)
      if (!p.ok) throw new Error(`demo vendor ${v.name}: ${text} ${p.reason}`)
      await trx
        .insertInto('vendor_products')
        .values({ organization_id: id, ...productColumns(p.pattern) })
        .onConflict((oc) => oc.columns(['organization_id', 'pattern']).doNothing())
        .execute()
    }
  }
}
