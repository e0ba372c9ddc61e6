// API types: vendors (re-exported by types.ts), aliases of the generated types of
// src/adapters/http/routes/vendors.ts and organizations.ts.
import type { ItemOf, ResponseOf } from './openapi'

/** A vendor as the directory lists it (staff). */
export type VendorSummary = ItemOf<ResponseOf<'/api/v1/vendors', 'get'>>
export type EmbargoPolicy = VendorSummary['embargo']
/** A package URL without version, or a CPE name, as the server normalised it. */
export type VendorProduct = ItemOf<ResponseOf<'/api/v1/organizations/{id}/products', 'get'>>
export type VendorProfile = ResponseOf<'/api/v1/organizations/{id}/vendor-profile', 'patch'>
/** A vendor whose products match the case's affected products, not yet in the case. */
export type VendorProposal = ItemOf<ResponseOf<'/api/v1/cases/{id}/vendor-proposals', 'get'>>
export type NotifiedVendors = ResponseOf<'/api/v1/cases/{id}/vendors/notify', 'post'>

/** The coordinator's vendor table; `counts`: how many vendors are in each state, whatever the filter. */
export type CaseVendorTable = ResponseOf<'/api/v1/cases/{id}/vendors', 'get'>
export type CaseVendor = ItemOf<CaseVendorTable>
export type VendorState = CaseVendor['state']

/** A vendor's statement on one vulnerability; the newest of a vendor's counts. */
export type VendorStatement = ItemOf<ResponseOf<'/api/v1/cases/{id}/statements', 'get'>>
export type VexStatus = VendorStatement['status']
export type VexJustification = NonNullable<VendorStatement['justification']>
/** What an uploaded VEX document gave: the statements taken, and those refused with the reason. */
export type VexImportReport = ResponseOf<'/api/v1/cases/{id}/vex', 'post'>
