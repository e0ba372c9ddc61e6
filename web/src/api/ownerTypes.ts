// API types: an owner's inventory (assets, their components, what an upload changed), the alerts
// Lockstep raises when an advisory affects an asset, and the coordinator's view of how the owners
// adopt the fix: aliases of the generated types of src/adapters/http/routes/inventories.ts and
// alerts.ts.
import type { ItemOf, ResponseOf } from './openapi'
import type { paths } from './generated'

/** The format an upload says it is in (the `format` query); detected when absent. */
export type InventoryHint = NonNullable<
  NonNullable<paths['/api/v1/organizations/{id}/inventory']['put']['parameters']['query']>['format']
>
/** What an upload changed; `alerts`: the new inventory matched against every published advisory. */
export type UploadOutcome = ResponseOf<'/api/v1/organizations/{id}/inventory', 'put'>

export type AssetSummary = ItemOf<ResponseOf<'/api/v1/organizations/{id}/assets', 'get'>>
export type AssetDetail = ResponseOf<'/api/v1/organizations/{id}/assets/{assetId}', 'get'>
export type AssetComponent = AssetDetail['items'][number]
export type AssetUpload = AssetDetail['uploads'][number]

export type AlertSummary = ItemOf<ResponseOf<'/api/v1/organizations/{id}/alerts', 'get'>>
export type AlertDetail = ResponseOf<'/api/v1/organizations/{id}/alerts/{alertId}', 'get'>
export type AlertItem = AlertDetail['items'][number]
export type AlertItemStatus = AlertItem['status']
export type StatusCounts = AlertSummary['counts']
export type Severity = NonNullable<AlertSummary['severity']>
export type SeverityRating = Severity['rating']
export type OpenItem = AlertSummary['openItems'][number]

export type Adoption = ResponseOf<'/api/v1/cases/{id}/advisory/adoption', 'get'>
export type AdoptionPoint = Adoption['series'][number]
