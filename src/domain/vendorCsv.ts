// The vendor directory as a file: CSV (RFC 4180, a header row, one vendor a row) for spreadsheets
// and JSON for scripts, both ways, and the likely duplicates a coordinator should look at after an
// import. Reading never stops at the first bad row: each problem names its line, and the good
// rows are kept, so a directory of a thousand vendors is not refused for one typo.
import type { FieldProblem } from './errors.js'
import { parseProductPattern } from './productPatterns.js'

export const vendorColumns = [
  'name',
  'website',
  'contacts',
  'products',
  'embargo_preferred_days',
  'embargo_min_days',
  'embargo_max_days',
  'notes',
] as const
export type VendorColumn = (typeof vendorColumns)[number]

export interface VendorRecord {
  name: string
  /** An http(s) URL; https:// is added when the scheme was left out. */
  website: string | null
  /** E-mail addresses: the first is the primary contact, the others alternates. */
  contacts: string[]
  /** Canonical purl patterns and CPE names (see productPatterns.ts). */
  products: string[]
  embargoPreferredDays: number | null
  embargoMinDays: number | null
  embargoMaxDays: number | null
  /** '' when there are none, as in the organizations table. */
  notes: string
}

export interface VendorImportProblem {
  /** The line the row starts on, the header being line 1; a quoted field may span lines. */
  line: number
  /** A column name, or 'row' for the row as a whole. */
  field: string
  message: string
}

export const vendorLimits = {
  nameLength: 200,
  websiteLength: 500,
  contacts: 20,
  products: 1_000,
  notesLength: 10_000,
  embargoDays: 3_650,
} as const

// ---- one vendor, whichever the format ----

interface RawVendor {
  name: string
  website: string
  contacts: string[]
  products: string[]
  days: Record<'embargo_preferred_days' | 'embargo_min_days' | 'embargo_max_days', unknown>
  notes: string
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i

const shown = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text)

export function websiteOf(text: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
  try {
    const url = new URL(withScheme)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? withScheme : null
  } catch {
    return null
  }
}

function days(value: unknown): number | null | 'bad' {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN
  return Number.isInteger(n) && n >= 0 && n <= vendorLimits.embargoDays ? n : 'bad'
}

function validateVendor(raw: RawVendor): { record: VendorRecord } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const problem = (field: VendorColumn, message: string) => problems.push({ field, message })

  const name = raw.name.trim()
  if (!name) problem('name', 'is required')
  else if (name.length > vendorLimits.nameLength)
    problem('name', `is longer than ${vendorLimits.nameLength} characters`)

  let website: string | null = null
  if (raw.website.trim()) {
    website = websiteOf(raw.website.trim())
    if (!website || website.length > vendorLimits.websiteLength)
      problem('website', `${shown(raw.website.trim())} is not a web address (https://…)`)
  }

  const contacts: string[] = []
  for (const entry of raw.contacts.map((c) => c.trim()).filter(Boolean)) {
    if (entry.length > 254 || !EMAIL.test(entry)) {
      problem('contacts', `${shown(entry)} is not an e-mail address`)
      continue
    }
    const at = entry.lastIndexOf('@')
    const address = entry.slice(0, at) + entry.slice(at).toLowerCase()
    if (!contacts.some((c) => c.toLowerCase() === address.toLowerCase())) contacts.push(address)
  }
  if (contacts.length > vendorLimits.contacts) problem('contacts', `lists more than ${vendorLimits.contacts} addresses`)

  const products: string[] = []
  for (const entry of raw.products.map((p) => p.trim()).filter(Boolean)) {
    const parsed = parseProductPattern(entry)
    if (!parsed.ok) problem('products', `${shown(entry)} ${parsed.reason}`)
    else if (!products.includes(parsed.pattern.canonical)) products.push(parsed.pattern.canonical)
  }
  if (products.length > vendorLimits.products) problem('products', `lists more than ${vendorLimits.products} products`)

  const read = (column: keyof RawVendor['days']) => {
    const value = days(raw.days[column])
    if (value === 'bad') problem(column, `must be a whole number of days from 0 to ${vendorLimits.embargoDays}`)
    return value === 'bad' ? null : value
  }
  const preferred = read('embargo_preferred_days')
  const min = read('embargo_min_days')
  const max = read('embargo_max_days')
  if (min !== null && preferred !== null && min > preferred)
    problem('embargo_min_days', `is more than the preferred embargo (${min} > ${preferred} days)`)
  if (preferred !== null && max !== null && preferred > max)
    problem('embargo_max_days', `is less than the preferred embargo (${max} < ${preferred} days)`)
  else if (min !== null && max !== null && min > max)
    problem('embargo_max_days', `is less than the shortest embargo (${max} < ${min} days)`)

  const notes = raw.notes.trim()
  if (notes.length > vendorLimits.notesLength) problem('notes', `is longer than ${vendorLimits.notesLength} characters`)

  if (problems.length > 0) return { problems }
  return {
    record: {
      name,
      website,
      contacts,
      products,
      embargoPreferredDays: preferred,
      embargoMinDays: min,
      embargoMaxDays: max,
      notes,
    },
  }
}

// ---- CSV ----

// A cell starting with = + - @ (or a tab or carriage return) is a formula to a spreadsheet, and a
// hostile vendor name could run one on the coordinator's machine. Export puts a ' in front, which
// spreadsheets show as text; import takes one off again, so a file round-trips exactly.
const FORMULA = /^'*[=+\-@\t\r]/
const defuse = (text: string) => (FORMULA.test(text) ? `'${text}` : text)
const restore = (text: string) => (/^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text)

/** Splits RFC 4180 text into rows of fields, with the line each row starts on. */
function readCsv(text: string): { rows: { line: number; fields: string[] }[]; problems: VendorImportProblem[] } {
  const rows: { line: number; fields: string[] }[] = []
  const problems: VendorImportProblem[] = []
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  let fields: string[] = []
  let field = ''
  let line = 1
  let rowLine = 1
  let i = 0
  const endRow = () => {
    fields.push(field)
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields })
    fields = []
    field = ''
  }
  while (i < input.length) {
    const c = input[i]!
    if (c === '"' && field === '') {
      // A quoted field: "" is a quote, and line breaks are part of the value.
      let closed = false
      for (i++; i < input.length; i++) {
        const q = input[i]!
        if (q === '"' && input[i + 1] === '"') {
          field += '"'
          i++
        } else if (q === '"') {
          closed = true
          i++
          break
        } else {
          if (q === '\n') line++
          field += q
        }
      }
      if (!closed) problems.push({ line: rowLine, field: 'row', message: 'has a quoted field that is never closed' })
      const next = input[i]
      if (closed && next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        problems.push({
          line: rowLine,
          field: 'row',
          message: 'has text after the closing quote of a field (write a quote inside a quoted field as "")',
        })
        while (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r') field += input[i++]
      }
      continue
    }
    if (c === ',') {
      fields.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else field += c
    i++
  }
  if (field !== '' || fields.length > 0) endRow()
  return { rows, problems }
}

const columnName = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

// Semicolons separate products; a CPE 2.3 name may hold an escaped one (\;).
const splitProducts = (text: string) => text.split(/(?<!\\);/)

export function parseVendorCsv(text: string): { rows: VendorRecord[]; problems: VendorImportProblem[] } {
  const { rows: table, problems } = readCsv(text)
  const [header, ...body] = table
  if (!header)
    return {
      rows: [],
      problems: [
        ...problems,
        {
          line: 1,
          field: 'row',
          message: `is not a header row: the file is empty (columns: ${vendorColumns.join(', ')})`,
        },
      ],
    }
  const index = new Map<VendorColumn, number>()
  header.fields.forEach((raw, i) => {
    const name = columnName(raw)
    if (!(vendorColumns as readonly string[]).includes(name))
      problems.push({
        line: header.line,
        field: raw.trim() || `column ${i + 1}`,
        message: `is not a known column (${vendorColumns.join(', ')})`,
      })
    else if (index.has(name as VendorColumn))
      problems.push({ line: header.line, field: name, message: 'is a column named twice: the first one is read' })
    else index.set(name as VendorColumn, i)
  })
  if (!index.has('name'))
    return {
      rows: [],
      problems: [...problems, { line: header.line, field: 'name', message: 'is a column the header row must have' }],
    }

  const rows: VendorRecord[] = []
  const badLines = new Set(problems.filter((p) => p.line !== header.line).map((p) => p.line))
  for (const { line, fields } of body) {
    if (fields.length > header.fields.length) {
      problems.push({
        line,
        field: 'row',
        message: `has ${fields.length} fields where the header has ${header.fields.length}`,
      })
      continue
    }
    if (badLines.has(line)) continue
    const cell = (column: VendorColumn) => {
      const i = index.get(column)
      return restore((i === undefined ? '' : (fields[i] ?? '')).trim())
    }
    const result = validateVendor({
      name: cell('name'),
      website: cell('website'),
      contacts: cell('contacts').split(';'),
      products: splitProducts(cell('products')),
      days: {
        embargo_preferred_days: cell('embargo_preferred_days'),
        embargo_min_days: cell('embargo_min_days'),
        embargo_max_days: cell('embargo_max_days'),
      },
      notes: cell('notes'),
    })
    if ('record' in result) rows.push(result.record)
    else problems.push(...result.problems.map((p) => ({ line, ...p })))
  }
  problems.sort((a, b) => a.line - b.line)
  return { rows, problems }
}

function csvField(text: string): string {
  const safe = defuse(text)
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The directory as RFC 4180 CSV: a header row, CRLF line ends, fields quoted where they must be. */
export function toVendorCsv(records: readonly VendorRecord[]): string {
  const lines = [vendorColumns.join(',')]
  for (const r of records) {
    const cells = [
      r.name,
      r.website ?? '',
      r.contacts.join(';'),
      r.products.join(';'),
      r.embargoPreferredDays,
      r.embargoMinDays,
      r.embargoMaxDays,
      r.notes,
    ]
    lines.push(cells.map((c) => csvField(c === null ? '' : String(c))).join(','))
  }
  return lines.map((l) => `${l}\r\n`).join('')
}

// ---- JSON ----

// The JSON file uses the CSV's column names as keys, so one description serves both formats.
type VendorJson = { name: string; website: string | null; contacts: string[]; products: string[] } & Record<
  'embargo_preferred_days' | 'embargo_min_days' | 'embargo_max_days',
  number | null
> & { notes: string }

export function toVendorJson(records: readonly VendorRecord[]): string {
  const entries: VendorJson[] = records.map((r) => ({
    name: r.name,
    website: r.website,
    contacts: r.contacts,
    products: r.products,
    embargo_preferred_days: r.embargoPreferredDays,
    embargo_min_days: r.embargoMinDays,
    embargo_max_days: r.embargoMaxDays,
    notes: r.notes,
  }))
  return `${JSON.stringify(entries, null, 2)}\n`
}

/** Reads a JSON array of vendors; problems are named by entry, as in "3.contacts". */
export function parseVendorJson(text: string): { rows: VendorRecord[]; problems: FieldProblem[] } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return {
      rows: [],
      problems: [{ field: '', message: `is not JSON: ${error instanceof Error ? error.message : String(error)}` }],
    }
  }
  if (!Array.isArray(data))
    return { rows: [], problems: [{ field: '', message: 'must be a list of vendors ([{ "name": … }, …])' }] }
  const rows: VendorRecord[] = []
  const problems: FieldProblem[] = []
  data.forEach((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
      return problems.push({ field: `${i}`, message: 'must be an object with a name' })
    const e = entry as Record<string, unknown>
    const own: FieldProblem[] = []
    for (const key of Object.keys(e))
      if (!(vendorColumns as readonly string[]).includes(key))
        own.push({ field: key, message: `is not a known field (${vendorColumns.join(', ')})` })
    const text = (key: VendorColumn) => {
      const value = e[key]
      if (value === undefined || value === null) return ''
      if (typeof value === 'string') return value
      own.push({ field: key, message: 'must be text' })
      return ''
    }
    const list = (key: 'contacts' | 'products') => {
      const value = e[key]
      if (value === undefined || value === null) return []
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[]
      own.push({ field: key, message: 'must be a list of text' })
      return []
    }
    const raw = {
      name: text('name'),
      website: text('website'),
      contacts: list('contacts'),
      products: list('products'),
      notes: text('notes'),
    }
    const result = validateVendor({
      ...raw,
      days: {
        embargo_preferred_days: e.embargo_preferred_days,
        embargo_min_days: e.embargo_min_days,
        embargo_max_days: e.embargo_max_days,
      },
    })
    const all = [...own, ...('problems' in result ? result.problems : [])]
    if (all.length === 0 && 'record' in result) rows.push(result.record)
    else problems.push(...all.map((p) => ({ field: `${i}.${p.field}`, message: p.message })))
  })
  return { rows, problems }
}
