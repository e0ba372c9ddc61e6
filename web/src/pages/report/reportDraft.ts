// The report form's state, the request body it becomes (empty optional text left out, not ""),
// and the words for the server's field paths, such as `affected.0.purl` or `publicReferences.1`.
import type { CreditPreference, ReportProof } from '../../api/types'

export interface ProductDraft {
  /** Stable across edits and removals, for React's list keys. */
  key: number
  vendor: string
  product: string
  versions: string
  purl: string
}

export interface ReportDraft {
  anonymous: boolean
  name: string
  organization: string
  email: string
  pgpKey: string
  title: string
  affected: ProductDraft[]
  description: string
  impact: string
  reproduction: string
  publicAlready: boolean
  publicReferences: string
  exploitedAlready: boolean
  exploitedReferences: string
  contacted: boolean
  contactHow: string
  contactWhen: string
  contactAnswer: string
  disclosurePlans: string
  disclosureDeadline: string
  creditPreference: CreditPreference
  creditText: string
  /** The honeypot: people never see it, so it stays empty. */
  website: string
}

export const emptyProduct = (key: number): ProductDraft => ({ key, vendor: '', product: '', versions: '', purl: '' })

export const emptyDraft: ReportDraft = {
  anonymous: false,
  name: '',
  organization: '',
  email: '',
  pgpKey: '',
  title: '',
  affected: [emptyProduct(0)],
  description: '',
  impact: '',
  reproduction: '',
  publicAlready: false,
  publicReferences: '',
  exploitedAlready: false,
  exploitedReferences: '',
  contacted: false,
  contactHow: '',
  contactWhen: '',
  contactAnswer: '',
  disclosurePlans: '',
  disclosureDeadline: '',
  creditPreference: 'name',
  creditText: '',
  website: '',
}

export const creditLabels: Record<CreditPreference, string> = {
  name: 'Credit me by name',
  organization: 'Credit my organization',
  anonymous: 'Stay anonymous: vendors and the advisory do not learn my name',
  none: 'No credit, please',
}

/** Text with something in it, or undefined so JSON leaves it out. */
const given = (value: string): string | undefined => (value.trim() ? value.trim() : undefined)

/** The non-empty lines of a references box, each with its line number for error messages. */
export function referenceLines(text: string): { url: string; line: number }[] {
  return text
    .split('\n')
    .map((url, i) => ({ url: url.trim(), line: i + 1 }))
    .filter((r) => r.url !== '')
}

/** Drops the keys whose value is undefined, so an object of only empty fields can be left out. */
function compact<T extends Record<string, unknown>>(object: T): Partial<T> | undefined {
  const kept = Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>
  return Object.keys(kept).length ? kept : undefined
}

export function reportBody(d: ReportDraft, proof: ReportProof) {
  return {
    anonymous: d.anonymous,
    reporter: d.anonymous
      ? undefined
      : compact({
          name: given(d.name),
          organization: given(d.organization),
          email: given(d.email),
          pgpKey: given(d.pgpKey),
        }),
    title: d.title.trim(),
    affected: d.affected.map((p) => ({
      vendor: p.vendor.trim(),
      product: p.product.trim(),
      versions: given(p.versions),
      purl: given(p.purl),
    })),
    description: d.description,
    impact: given(d.impact),
    reproduction: given(d.reproduction),
    publicAlready: d.publicAlready,
    publicReferences: d.publicAlready ? referenceLines(d.publicReferences).map((r) => r.url) : [],
    exploitedAlready: d.exploitedAlready,
    exploitedReferences: d.exploitedAlready ? referenceLines(d.exploitedReferences).map((r) => r.url) : [],
    vendorContact: d.contacted
      ? { contacted: true, how: given(d.contactHow), when: given(d.contactWhen), answer: given(d.contactAnswer) }
      : { contacted: false },
    disclosurePlans: given(d.disclosurePlans),
    disclosureDeadline: given(d.disclosureDeadline),
    credit: { preference: d.creditPreference, text: given(d.creditText) },
    website: given(d.website),
    proof,
  }
}

const fieldLabels: Record<string, string> = {
  anonymous: 'Report anonymously',
  'reporter.name': 'Your name',
  'reporter.organization': 'Your organization',
  'reporter.email': 'Your e-mail address',
  'reporter.pgpKey': 'Your PGP public key',
  title: 'Title',
  affected: 'Affected products',
  description: 'Description',
  impact: 'Impact',
  reproduction: 'How to reproduce it',
  publicReferences: 'Public references',
  exploitedReferences: 'Exploitation references',
  'vendorContact.how': 'How you contacted the vendor',
  'vendorContact.when': 'When you contacted the vendor',
  'vendorContact.answer': 'The vendor’s answer',
  disclosurePlans: 'Your disclosure plans',
  disclosureDeadline: 'Your disclosure deadline',
  'credit.preference': 'Credit',
  'credit.text': 'Credit wording',
  website: 'Spam trap',
  proof: 'The form’s spam check',
}

const productParts: Record<string, string> = {
  vendor: 'vendor',
  product: 'product name',
  versions: 'affected versions',
  purl: 'package URL',
}

/** Where a field path points, in words: "Product 2: package URL", "Public references, line 3". */
export function describeField(field: string, draft: ReportDraft): string {
  const product = /^affected\.(\d+)(?:\.(\w+))?$/.exec(field)
  if (product)
    return `Product ${Number(product[1]) + 1}${product[2] ? `: ${productParts[product[2]] ?? product[2]}` : ''}`
  const reference = /^(publicReferences|exploitedReferences)\.(\d+)$/.exec(field)
  if (reference) {
    const line = referenceLines(draft[reference[1] as 'publicReferences' | 'exploitedReferences'])[Number(reference[2])]
      ?.line
    return `${fieldLabels[reference[1]!]}${line ? `, line ${line}` : ''}`
  }
  return fieldLabels[field] ?? field
}
