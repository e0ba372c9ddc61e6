// The vendor directory's answer to the vendors' one search box: vendors whose name or product
// matches (any part of a name, any case), each one added to the vendors to notify with a press.
import { api, query } from '../../../api/client'
import { useLoad } from '../../../api/hooks'
import type { Page, VendorSummary } from '../../../api/types'
import { LoadedList } from '../../../components/Status'
import type { AddedVendor } from './FindVendors'

export function DirectoryMatches({ text, onAdd }: { text: string; onAdd(vendor: AddedVendor): void }) {
  const found = useLoad(() => api.get<Page<VendorSummary>>(`/vendors${query({ query: text, limit: 10 })}`), text)
  return (
    <section className="directory-matches" aria-labelledby="directory-matches-heading">
      <h3 id="directory-matches-heading">In the vendor directory</h3>
      <LoadedList
        loaded={found}
        what="the directory’s vendors"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <p className="muted" role="status">
            No vendor in the directory matches “{text}”. Add it under “Find vendors”.
          </p>
        }
      >
        {(page) => (
          <ul className="plain-list found-vendors" aria-label={`Directory vendors matching “${text}”`}>
            {page.items.map((v) => (
              <li key={v.id}>
                <span>
                  {v.name}
                  {v.products.length > 0 && <span className="muted"> · {v.products.slice(0, 3).join(', ')}</span>}
                  {v.contacts === 0 && (
                    <>
                      {' '}
                      <span className="badge badge-off">No contact address</span>
                    </>
                  )}
                </span>{' '}
                <button
                  type="button"
                  className="button subtle"
                  aria-label={`Add ${v.name} to the vendors to notify`}
                  onClick={() => onAdd({ id: v.id, name: v.name, contacts: v.contacts, keys: v.keys })}
                >
                  Add
                </button>
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
    </section>
  )
}
