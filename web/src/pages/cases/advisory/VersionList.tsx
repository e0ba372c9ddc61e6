// The draft's versions, newest first, each with who saved it, when and why; any version but the
// first can be compared with the one before it, the changes shown right under it.
import { useState } from 'react'
import type { Advisory } from '../../../api/embargoTypes'
import { Time } from '../../../components/Time'
import { DraftDiff } from './DraftDiff'

export function VersionList({ caseId, advisory }: { caseId: string; advisory: Advisory }) {
  const [comparing, setComparing] = useState<number | null>(null)
  return (
    <>
      <h3 id="advisory-versions-heading">Versions</h3>
      <ol className="item-list version-list" aria-labelledby="advisory-versions-heading" reversed>
        {advisory.versions.map((v) => (
          <li key={v.version}>
            <p>
              <strong>Version {v.version}</strong>
              {v.version === advisory.version && ' (current)'} by {v.author}, <Time iso={v.at} />
              {v.note && <>: {v.note}</>}
            </p>
            {v.version > 1 && (
              <button
                type="button"
                className="button link"
                aria-expanded={comparing === v.version}
                onClick={() => setComparing((c) => (c === v.version ? null : v.version))}
              >
                {comparing === v.version ? 'Hide the changes' : 'Compare with the previous'}
                <span className="visually-hidden">
                  (version {v.version - 1} to {v.version})
                </span>
              </button>
            )}
            {comparing === v.version && <DraftDiff caseId={caseId} from={v.version - 1} to={v.version} />}
          </li>
        ))}
      </ol>
    </>
  )
}
