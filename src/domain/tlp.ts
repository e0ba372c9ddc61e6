// The Traffic Light Protocol, version 2.0 (FIRST, https://www.first.org/tlp/): the label on every
// case, message and pre-notice that tells its recipients how far they may share it, and which
// channels it may travel on.
import type { FieldProblem } from './errors.js'

/** Least restrictive first; the order is what mostRestrictive and the rank comparisons rely on. */
export const tlpLabels = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const

export type TlpLabel = (typeof tlpLabels)[number]

/** Who a recipient may share with, after FIRST's TLP 2.0 definitions. */
export const tlpMeaning: Readonly<Record<TlpLabel, string>> = {
  CLEAR: 'Recipients may share TLP:CLEAR information with the world; there is no limit on disclosure.',
  GREEN:
    'Recipients may share TLP:GREEN information with peers and partner organizations within their community, but not via publicly accessible channels.',
  AMBER:
    'Recipients may share TLP:AMBER information with members of their own organization and its clients, only on a need-to-know basis.',
  'AMBER+STRICT':
    'Recipients may share TLP:AMBER+STRICT information only with members of their own organization, on a need-to-know basis.',
  RED: 'For the eyes and ears of individual recipients only: recipients may not share TLP:RED information with anyone else.',
}

/** FIRST's recommended badge colours: the label's colour as text on black. */
export const tlpColours: Readonly<Record<TlpLabel, { foreground: string; background: string }>> = {
  CLEAR: { foreground: '#FFFFFF', background: '#000000' },
  GREEN: { foreground: '#33FF00', background: '#000000' },
  AMBER: { foreground: '#FFC000', background: '#000000' },
  'AMBER+STRICT': { foreground: '#FFC000', background: '#000000' },
  RED: { foreground: '#FF2B2B', background: '#000000' },
}

/** 0 for CLEAR up to 4 for RED. */
export const tlpRank = (label: TlpLabel): number => tlpLabels.indexOf(label)

/** How a label is written wherever people read it: 'TLP:AMBER+STRICT'. */
export const formatTlp = (label: TlpLabel): `TLP:${TlpLabel}` => `TLP:${label}`

/**
 * The label a combination must carry (a thread, a digest of several messages). Takes at least
 * one label on purpose: "no labels" has no safe answer, and defaulting it to CLEAR would leak.
 */
export function mostRestrictive(labels: readonly [TlpLabel, ...TlpLabel[]]): TlpLabel {
  return labels.reduce((a, b) => (tlpRank(b) > tlpRank(a) ? b : a))
}

export type TlpParse = { ok: true; label: TlpLabel } | { ok: false; error: FieldProblem }

// ASCII-only case folding (no `u` flag), so look-alikes such as the long s in "ſtrict" do not pass.
const tlpPattern = /^\s*(?:tlp\s*:\s*)?(clear|green|amber\+strict|amber|red)\s*$/i
const allowed = tlpLabels.map(formatTlp).join(', ')

/** Reads a label from a form, an API body or a mail header: 'TLP:AMBER+STRICT', 'amber+strict', 'AMBER'. */
export function parseTlp(untrusted: unknown, field = 'tlp'): TlpParse {
  if (typeof untrusted === 'string') {
    const match = tlpPattern.exec(untrusted)
    if (match?.[1]) return { ok: true, label: match[1].toUpperCase() as TlpLabel }
    // TLP 1.0's WHITE was renamed, not dropped; say so rather than just refusing it.
    if (/^\s*(?:tlp\s*:\s*)?white\s*$/i.test(untrusted))
      return {
        ok: false,
        error: { field, message: `TLP:WHITE is TLP 1.0; TLP 2.0 calls it TLP:CLEAR. Use one of ${allowed}.` },
      }
  }
  // The input is not echoed back: it is untrusted and may be long.
  return { ok: false, error: { field, message: `must be a TLP 2.0 label, one of ${allowed}.` } }
}

export interface PlaintextPolicy {
  /** Instance setting: lets CLEAR and GREEN go unencrypted to recipients without a key. */
  relaxClearAndGreen?: boolean
}

/**
 * Whether content with this label may be sent without encryption (e-mail to a recipient with no
 * OpenPGP key). AMBER and stricter never may: a mail relay on the way is not the recipient's
 * organization. CLEAR and GREEN may only where the instance has chosen to relax it.
 */
export function mayTravelInPlaintext(label: TlpLabel, { relaxClearAndGreen = false }: PlaintextPolicy = {}): boolean {
  switch (label) {
    case 'RED':
    case 'AMBER+STRICT':
    case 'AMBER':
      return false
    case 'GREEN':
    case 'CLEAR':
      return relaxClearAndGreen
  }
}

export type DeliveryMode = 'encrypted' | 'plain' | 'notice'

/**
 * How one notification reaches one recipient: encrypted whenever the recipient has a key; without
 * one, confidential details go in plaintext only where their label allows it, otherwise the
 * recipient gets a notice with a link to sign in. Public content travels as it is.
 */
export function deliveryMode(
  m: { confidential: boolean; tlp: TlpLabel; recipientHasKey: boolean },
  policy: PlaintextPolicy = {},
): DeliveryMode {
  if (m.recipientHasKey) return 'encrypted'
  if (!m.confidential) return m.tlp === 'RED' || m.tlp === 'AMBER+STRICT' ? 'notice' : 'plain'
  return mayTravelInPlaintext(m.tlp, policy) ? 'plain' : 'notice'
}
