// The vendor directory of the demo: every vendor of the 2003 record (demoRecord.ts), the named ones
// with their products as purl patterns or CPE names, a security contact and, for some, an embargo
// policy, so that "Find vendors" on the demo case proposes those not yet told. Addresses are under
// .example: nothing is ever delivered to them.
import { parseProductPattern } from '../domain/productPatterns.js'
import type { Db } from '../store/db.js'
import { findOrganizationBySlug, insertOrganization } from '../store/organizations.js'
import { productColumns } from '../commands/vendors/directory.js'
import { vendorRecords } from './demoRecord.js'

interface DemoVendor {
  slug: string
  name: string
  website: string | null
  contact: string
  products: string[]
  embargo?: [preferred: number, min: number, max: number]
}

interface Listing {
  website: string
  contact?: string
  products?: string[]
  embargo?: [preferred: number, min: number, max: number]
}

const generic = 'pkg:generic/sendmail'

/** What the directory knows of the named vendors; the unnamed records have a contact and nothing else. */
const listings: Record<string, Listing> = {
  'sendmail-consortium': {
    website: 'https://www.sendmail.org',
    contact: 'sendmail-security@sendmail.example',
    products: [generic, 'cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*'],
    embargo: [30, 7, 60],
  },
  'sendmail-inc': {
    website: 'https://www.sendmail.com',
    contact: 'security@sendmail-inc.example',
    products: ['pkg:generic/sendmail-switch', 'cpe:2.3:a:sendmail:sendmail_switch:*:*:*:*:*:*:*:*', generic],
  },
  freebsd: {
    website: 'https://www.freebsd.org',
    contact: 'security-officer@freebsd.example',
    products: [generic, 'cpe:2.3:o:freebsd:freebsd:*:*:*:*:*:*:*:*'],
  },
  sun: {
    website: 'https://www.sun.com',
    contact: 'security-alert@sun.example',
    products: ['cpe:2.3:o:sun:solaris:*:*:*:*:*:*:*:*', generic],
    embargo: [45, 30, 90],
  },
  iss: { website: 'https://www.iss.net', contact: 'security@iss.example' },
  hp: {
    website: 'https://www.hp.com',
    contact: 'security-alert@hp.example',
    products: ['cpe:2.3:o:hp:hp-ux:*:*:*:*:*:*:*:*', generic],
  },
  ibm: {
    website: 'https://www.ibm.com',
    contact: 'security-alert@ibm.example',
    products: ['cpe:2.3:o:ibm:aix:*:*:*:*:*:*:*:*', generic],
  },
  sgi: {
    website: 'https://www.sgi.com',
    contact: 'security-alert@sgi.example',
    products: ['cpe:2.3:o:sgi:irix:*:*:*:*:*:*:*:*', generic],
  },
  'red-hat': {
    website: 'https://www.redhat.com',
    contact: 'secalert@redhat.example',
    products: ['pkg:rpm/redhat/sendmail', generic],
    embargo: [30, 14, 90],
  },
  apple: {
    website: 'https://www.apple.com',
    contact: 'product-security@apple.example',
    products: ['cpe:2.3:o:apple:mac_os_x:*:*:*:*:*:*:*:*', generic],
  },
  suse: { website: 'https://www.suse.com', products: ['pkg:rpm/suse/sendmail'] },
  mandrakesoft: { website: 'https://www.mandrakesoft.com', products: ['pkg:rpm/mandrake/sendmail'] },
  debian: { website: 'https://www.debian.org', products: ['pkg:deb/debian/sendmail'] },
  netbsd: { website: 'https://www.netbsd.org', contact: 'security-officer@netbsd.example', products: [generic] },
  caldera: {
    website: 'https://www.sco.com',
    contact: 'security@sco.example',
    products: ['cpe:2.3:o:sco:openserver:*:*:*:*:*:*:*:*', generic],
  },
  conectiva: { website: 'https://www.conectiva.com.br', products: ['pkg:rpm/conectiva/sendmail'] },
  hitachi: { website: 'https://www.hitachi.com' },
  juniper: { website: 'https://www.juniper.net', products: ['cpe:2.3:o:juniper:junos:*:*:*:*:*:*:*:*'] },
  lotus: { website: 'https://www.lotus.com', products: ['cpe:2.3:a:lotus:domino:*:*:*:*:*:*:*:*'] },
  openwall: { website: 'https://www.openwall.com' },
  syntegra: { website: 'https://www.syntegra.com' },
  cray: {
    website: 'https://www.cray.com',
    products: ['cpe:2.3:o:cray:unicos:*:*:*:*:*:*:*:*', generic],
  },
  nec: { website: 'https://www.nec.com', products: ['cpe:2.3:o:nec:ews-ux:*:*:*:*:*:*:*:*', generic] },
  gentoo: { website: 'https://www.gentoo.org', products: ['pkg:ebuild/net-mail/sendmail'] },
  slackware: { website: 'https://www.slackware.com', products: [generic] },
  openpkg: { website: 'https://www.openpkg.org', products: ['pkg:rpm/openpkg/sendmail'] },
  microsoft: { website: 'https://www.microsoft.com', contact: 'secure@microsoft.example' },
  postfix: { website: 'https://www.postfix.org', products: ['pkg:generic/postfix'] },
}

/** One directory entry per vendor of the record (the vendor entered twice is two entries, as in the record). */
export const demoVendors: readonly DemoVendor[] = vendorRecords.map((r) => {
  const l = listings[r.slug]
  return {
    slug: r.slug,
    name: r.name,
    website: l?.website ?? null,
    contact: l?.contact ?? `security@${r.slug}.example`,
    products: l?.products ?? [],
    ...(l?.embargo ? { embargo: l.embargo } : {}),
  }
})

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
