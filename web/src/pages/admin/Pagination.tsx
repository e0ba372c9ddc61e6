// "Showing 21–40 of 53" with Previous and Next.
export function Pagination({
  offset,
  pageSize,
  total,
  noun,
  onChange,
}: {
  offset: number
  pageSize: number
  total: number
  noun: string
  onChange(offset: number): void
}) {
  const first = total === 0 ? 0 : offset + 1
  const last = Math.min(offset + pageSize, total)
  return (
    <nav aria-label="Pages" className="pagination">
      <p role="status">
        Showing {first}–{last} of {total} {noun}
      </p>
      {total > pageSize && (
        <div className="pagination-buttons">
          <button
            type="button"
            className="button secondary"
            disabled={offset === 0}
            onClick={() => onChange(Math.max(0, offset - pageSize))}
          >
            Previous page
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={last >= total}
            onClick={() => onChange(offset + pageSize)}
          >
            Next page
          </button>
        </div>
      )}
    </nav>
  )
}
