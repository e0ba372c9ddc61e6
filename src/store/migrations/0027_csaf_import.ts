// Imported CSAF advisories (`lockstep import csaf`) sit with the OSV ones in external_advisories:
// their revision (tracking.version) is kept to say which one is stored, and the publisher's page
// of the advisory (its `self` reference) is where an owner's alert points, instead of osv.dev.
export const name = 'csaf_import'

export const up = /* sql */ `
ALTER TABLE external_advisories ADD COLUMN revision text, ADD COLUMN url text;
`
