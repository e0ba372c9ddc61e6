// The label beside a case's number. While the vulnerability is not public, the case's TLP label
// says how far what is in it may be shared. Once it is public (the release records that, or the
// coordinator did when it leaked), the case no longer looks embargoed: TLP:CLEAR and "Public since",
// since what was published may be shared without limit; each message keeps its own label.
import type { CaseDetail } from '../../api/types'
import { Time } from '../../components/Time'
import { TlpBadge } from '../../components/TlpBadge'

export function CaseLabel({ detail }: { detail: Pick<CaseDetail, 'tlp' | 'caseEvents'> }) {
  const publicSince = detail.caseEvents.publicAware
  if (!publicSince) return <TlpBadge tlp={detail.tlp} />
  return (
    <>
      <TlpBadge tlp="CLEAR" />
      <span className="badge badge-ok">
        Public since <Time iso={publicSince} />
      </span>
    </>
  )
}
