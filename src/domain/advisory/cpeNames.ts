// CPE 2.3 names of one version. A case records a product's CPE name without version
// ("cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*", the canonical form caseEditing stores); CSAF's
// fixed versions and the CVE record's CPE applicability name single versions of it.

/**
 * The CPE 2.3 name of one version ("cpe:2.3:a:sendmail:sendmail:8.12.8:*:…") from the product's
 * name without version; null when the version has characters a CPE name would need escaped.
 */
export function cpeWithVersion(cpe: string, version: string): string | null {
  const parts = cpe.split(':')
  if (parts.length !== 13 || parts[5] !== '*' || !/^[A-Za-z0-9._-]+$/.test(version)) return null
  parts[5] = version
  return parts.join(':')
}

// The CVE Record Format's `cpe23` pattern (CSAF 2.0's `cpe` has the same 2.3 branch), anchored. A name the
// case editor stores can fall outside it: a CPE 2.2 URI's "%20" or a letter beyond ASCII becomes
// an escaped character that CPE 2.3 formatted strings do not allow. Kept as the schema writes it,
// escapes and all, so the two can be compared.
const CPE23_NAME =
  // eslint-disable-next-line no-useless-escape
  /^cpe:2\.3:[aho*\-](:(((\?*|\*?)([a-zA-Z0-9\-._]|(\\[\\*?!"#$%&'()+,/:;<=>@\[\]\^`{|}~]))+(\?*|\*?))|[*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-._]|(\\[\\*?!"#$%&'()+,/:;<=>@\[\]\^`{|}~]))+(\?*|\*?))|[*\-])){4}$/u

/** Whether the documents' schemas accept the name as a CPE 2.3 formatted string. */
export const isCpe23Name = (cpe: string): boolean => cpe.length <= 2048 && CPE23_NAME.test(cpe)
