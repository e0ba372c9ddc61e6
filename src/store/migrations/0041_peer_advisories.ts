// Advisories that name each other (issue 17): the advisory a peer publishes for a case shared with
// it (its id, its page, its OSV records), learnt when the offer is accepted, so that our CSAF
// document lists it in `document.references` and our OSV records list its records in `aliases`.
export const name = 'peer_advisories'

export const up = /* sql */ `
ALTER TABLE federation_case_offers ADD COLUMN peer_advisory jsonb;
`
