// A case's Traffic Light Protocol label as FIRST draws it: the label's colour on black (colours
// from src/domain/tlp.ts, as CSS classes: the CSP forbids inline styles), with the words in text.
import type { TlpLabel } from '../api/types'

const meaning: Record<TlpLabel, string> = {
  CLEAR: 'No limit on disclosure.',
  GREEN: 'Share with peers and partners in your community, not publicly.',
  AMBER: 'Share within your organization and its clients, on a need-to-know basis.',
  'AMBER+STRICT': 'Share only within your organization, on a need-to-know basis.',
  RED: 'For the named recipients only.',
}

export function TlpBadge({ tlp }: { tlp: TlpLabel }) {
  const slug = tlp.toLowerCase().replace('+', '-')
  return (
    <span className={`tlp-badge tlp-${slug}`} title={meaning[tlp]}>
      TLP:{tlp}
    </span>
  )
}
