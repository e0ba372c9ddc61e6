// The organization's assets: each with its format, component count, uploads and last change,
// its name leading to its components and upload history, and removal after a confirmation.
import { api } from '../../api/client'
import { useAction } from '../../api/hooks'
import type { AssetSummary } from '../../api/ownerTypes'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert } from '../../components/forms'
import { Time } from '../../components/Time'
import { Link } from '../../router'
import { formatWords } from './inventoryFormat'

interface AssetsTableProps {
  organizationId: string
  organizationName: string
  assets: AssetSummary[]
  onRemoved(asset: AssetSummary): Promise<void>
}

export function AssetsTable({ organizationId, organizationName, assets, onRemoved }: AssetsTableProps) {
  const remove = useAction()
  async function removeAsset(asset: AssetSummary) {
    const ok = await remove.run(() =>
      api.delete(`/organizations/${organizationId}/assets/${asset.id}`).then(() => true),
    )
    if (ok) await onRemoved(asset)
  }
  return (
    <>
      <FormAlert error={remove.error} />
      <DataTable
        label={`Assets of ${organizationName}`}
        columns={['Asset', 'Format', 'Components', 'Uploads', 'Last upload']}
        actions
      >
        {assets.map((a) => (
          <tr key={a.id}>
            <th scope="row">
              <Link to={`/organizations/${organizationId}/inventory/${a.id}`}>{a.name}</Link>
            </th>
            <td>{formatWords(a.format)}</td>
            <td>{a.components}</td>
            <td>{a.uploads}</td>
            <td>
              <Time iso={a.updatedAt} />
            </td>
            <td>
              <ConfirmAction
                label="Remove"
                accessibleLabel={`Remove the asset ${a.name}`}
                question={`Remove ${a.name} and its ${a.components} components? Lockstep stops alerting you about it.`}
                confirmLabel="Yes, remove"
                onConfirm={() => removeAsset(a)}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
