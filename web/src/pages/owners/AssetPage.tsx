// /organizations/:id/inventory/:assetId: one asset's components, a page at a time (an SBOM may
// name thousands), and its latest uploads with what each changed and what could not be read, so
// an owner can check Lockstep knows what they run.
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useLoad } from '../../api/hooks'
import type { AssetDetail, AssetUpload } from '../../api/ownerTypes'
import { DataTable } from '../../components/DataTable'
import { LoadedList } from '../../components/Status'
import { Time } from '../../components/Time'
import { Pagination } from '../admin/Pagination'
import { formatWords } from './inventoryFormat'
import { OwnerFrame } from './OwnerFrame'
import { ProblemList } from './ProblemList'

const PAGE = 50

export function AssetPage({ organizationId, assetId }: { organizationId: string; assetId: string }) {
  const [offset, setOffset] = useState(0)
  const path = `/organizations/${organizationId}/assets/${assetId}`
  const asset = useLoad(() => api.get<AssetDetail>(`${path}${query({ limit: PAGE, offset })}`), `${path} ${offset}`)
  return (
    <OwnerFrame
      organizationId={organizationId}
      title={asset.data?.name ?? 'Asset'}
      trail={[{ to: `/organizations/${organizationId}/inventory`, label: 'Inventory' }]}
    >
      {() => (
        <>
          <p className="eyebrow">Asset</p>
          <h1>{asset.data?.name ?? 'Asset'}</h1>
          <LoadedList loaded={asset} what="the asset">
            {(a) => <AssetContent asset={a} offset={offset} onPage={setOffset} />}
          </LoadedList>
        </>
      )}
    </OwnerFrame>
  )
}

function AssetContent({
  asset: a,
  offset,
  onPage,
}: {
  asset: AssetDetail
  offset: number
  onPage(offset: number): void
}) {
  return (
    <>
      <p className="lead">
        {a.components} component{a.components === 1 ? '' : 's'}, from its latest upload ({formatWords(a.format)}).
      </p>
      <section aria-labelledby="components-heading">
        <h2 id="components-heading">Components</h2>
        <DataTable label={`Components of ${a.name}`} columns={['Component', 'Version', 'Package URL', 'Ecosystem']}>
          {a.items.map((c, i) => (
            <tr key={`${c.purl ?? c.name}-${i}`}>
              <th scope="row">{c.name}</th>
              <td>{c.version ?? <span className="muted">no version</span>}</td>
              <td>{c.purl ? <code>{c.purl}</code> : <span className="muted">none: matched by name only</span>}</td>
              <td>{c.ecosystem ?? <span className="muted">unknown</span>}</td>
            </tr>
          ))}
        </DataTable>
        <Pagination offset={offset} pageSize={PAGE} total={a.components} noun="components" onChange={onPage} />
      </section>
      <UploadHistory asset={a.name} uploads={a.uploads} />
    </>
  )
}

function UploadHistory({ asset, uploads }: { asset: string; uploads: AssetUpload[] }) {
  return (
    <section aria-labelledby="uploads-heading">
      <h2 id="uploads-heading">Uploads</h2>
      <DataTable
        label={`Uploads of ${asset}`}
        columns={['When', 'Format', 'Components', 'Added', 'Removed', 'Changed', 'Not read']}
      >
        {uploads.map((u) => (
          <tr key={u.at}>
            <th scope="row">
              <Time iso={u.at} />
            </th>
            <td>{formatWords(u.format)}</td>
            <td>{u.components}</td>
            <td>{u.added}</td>
            <td>{u.removed}</td>
            <td>{u.changed}</td>
            <td>
              {u.problems.length === 0 ? (
                'none'
              ) : (
                <details>
                  <summary>{u.problems.length} entries</summary>
                  <ProblemList problems={u.problems} />
                </details>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
