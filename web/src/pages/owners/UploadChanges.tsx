// What an upload changed, said right after it: the components added, removed and whose version
// changed, and the entries that could not be read (imported without them), so the owner can tell
// the SBOM was the one they meant and fix what was skipped, and which published advisories
// already affect it.
import { useId } from 'react'
import type { UploadOutcome } from '../../api/ownerTypes'
import { Link } from '../../router'
import { formatWords } from './inventoryFormat'
import { ProblemList } from './ProblemList'

/** "pkg:generic/sendmail" or "name:libfoo" as the owner knows it. */
export const componentWords = (identity: string) => identity.replace(/^name:/, '')

export function UploadChanges({ organizationId, outcome: o }: { organizationId: string; outcome: UploadOutcome }) {
  const nothing = o.added.length + o.removed.length + o.changed.length === 0
  // Home may hold one upload form per owner organization: ids must not collide.
  const id = useId()
  return (
    <div className="upload-changes" role="status" aria-labelledby={id}>
      <h3 id={id}>
        Uploaded {o.asset}: {o.components} component{o.components === 1 ? '' : 's'} ({formatWords(o.format)})
      </h3>
      {nothing && <p>Nothing changed since the last upload.</p>}
      <ChangeList title={`Added (${o.added.length})`} items={o.added.map(componentWords)} />
      <ChangeList title={`Removed (${o.removed.length})`} items={o.removed.map(componentWords)} />
      <ChangeList
        title={`Version changed (${o.changed.length})`}
        items={o.changed.map(
          (c) => `${componentWords(c.component)}: ${c.from ?? 'no version'} → ${c.to ?? 'no version'}`,
        )}
      />
      {o.alerts && o.alerts.advisories > 0 && <AlertsFound organizationId={organizationId} alerts={o.alerts} />}
      {o.problems.length > 0 && (
        <div className="alert alert-warning">
          <p>
            <strong>
              {o.problems.length} entr{o.problems.length === 1 ? 'y' : 'ies'} could not be read
            </strong>{' '}
            and were left out; the rest was imported:
          </p>
          <ProblemList problems={o.problems} />
        </div>
      )}
    </div>
  )
}

function ChangeList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null
  return (
    <>
      <h4>{title}</h4>
      <ul className="component-list" aria-label={title}>
        {items.map((item) => (
          <li key={item}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
    </>
  )
}

/** What matching the new inventory against the published advisories found. */
function AlertsFound({
  organizationId,
  alerts: a,
}: {
  organizationId: string
  alerts: NonNullable<UploadOutcome['alerts']>
}) {
  const found = [
    a.newItems ? `${a.newItems} newly affected component${a.newItems === 1 ? '' : 's'}` : '',
    a.resolved ? `${a.resolved} shown fixed by this upload and marked patched` : '',
    a.stillAffected ? `${a.stillAffected} at a new version still affected, kept open` : '',
    a.removed ? `${a.removed} no longer listed, marked not applicable` : '',
  ].filter(Boolean)
  return (
    <p className="alert alert-info">
      {a.advisories} published advisor{a.advisories === 1 ? 'y affects' : 'ies affect'} this asset
      {found.length ? `: ${found.join('; ')}` : ''}.{' '}
      <Link to={`/organizations/${organizationId}/alerts`}>See the alerts</Link>.
    </p>
  )
}
