// Python package versions (vers scheme `pypi`), ordered by PEP 440 (epochs, pre-, post- and
// dev-releases, local versions) through @renovatebot/pep440, a port of the `packaging` library
// that pip itself uses. Source: https://peps.python.org/pep-0440/#summary-of-permitted-suffixes-and-relative-ordering

import { compare, valid } from '@renovatebot/pep440'
import type { VersionScheme } from './scheme.js'

export const pypi: VersionScheme = {
  name: 'pypi',
  valid: (v) => (valid(v) !== null ? true : 'is not a PEP 440 version'),
  compare: (a, b) => compare(a, b),
}
