// A table with its column headers, in a named, focusable region that scrolls sideways on narrow screens.
import type { ReactNode } from 'react'

/** The region's name: a label of its own, or the id of the heading that names it. */
type RegionName = { label: string; labelledBy?: never } | { labelledBy: string; label?: never }

type DataTableProps = RegionName & {
  columns: readonly string[]
  /** Adds a last column for each row's buttons, its header read out but not shown. */
  actions?: boolean
  /** The rows. */
  children: ReactNode
}

export function DataTable({ label, labelledBy, columns, actions = false, children }: DataTableProps) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
