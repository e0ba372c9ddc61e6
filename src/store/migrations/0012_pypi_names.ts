// PyPI project names are matched as PEP 503 normalises them (runs of "-", "_" and "." are one
// "-"), not only without case: names stored before are normalised the same way.
export const name = 'pypi_names'

export const up = /* sql */ `
UPDATE asset_components SET purl_name = regexp_replace(purl_name, '[-_.]+', '-', 'g') WHERE purl_type = 'pypi' AND purl_name ~ '[_.]|--';
UPDATE external_affected SET purl_name = regexp_replace(purl_name, '[-_.]+', '-', 'g') WHERE purl_type = 'pypi' AND purl_name ~ '[_.]|--';
`
