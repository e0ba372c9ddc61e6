// /vendors: the vendor directory for staff. Search by name, product (a purl or CPE fragment) or
// contact address; each vendor with its website, products, how it is reached (contacts, OpenPGP
// keys: one with no contact stands out) and its embargo policy, linked to its organization page.
import { useState } from 'react'
import { api, query } from '../../api/client'
import { useLoad } from '../../api/hooks'
import { useSignedIn } from '../../api/session'
import type { Page, VendorSummary } from '../../api/types'
import { DataTable } from '../../components/DataTable'
import { SubmitButton, TextField, submitted } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'
import { usePageTitle } from '../../pageTitle'
import { Link } from '../../router'
import { Pagination } from '../admin/Pagination'
import { embargoWords } from './vendorLabels'
import { WebsiteLink } from './WebsiteLink'

const PAGE_SIZE = 25

export function VendorsPage() {
  usePageTitle('Vendors')
  const { session } = useSignedIn()
  const [search, setSearch] = useState('')
  const [applied, setApplied] = useState('')
  const [offset, setOffset] = useState(0)
  const allowed = session.instance.list_vendors
  const vendors = useLoad(
    async () =>
      allowed
        ? api.get<Page<VendorSummary>>(`/vendors${query({ query: applied, limit: PAGE_SIZE, offset })}`)
        : { items: [], total: 0 },
    `${allowed}|${applied}|${offset}`,
  )

  function find() {
    setApplied(search.trim())
    setOffset(0)
  }

  if (!allowed) {
    return (
      <>
        <h1>Vendors</h1>
        <div className="alert alert-error" role="alert">
          <p>
            <strong>The vendor directory is for coordinators.</strong> Your account does not have access to it.{' '}
            <Link to="/">Back to your home page</Link>
          </p>
        </div>
      </>
    )
  }

  return (
    <>
      <h1>Vendors</h1>
      <p className="lead">
        Who makes what, how to reach them, and how long an embargo they accept. Vendors are proposed for a case by the
        products they list.
      </p>
      <form role="search" className="search-form" onSubmit={submitted(find)} noValidate>
        <TextField
          label="Search vendors"
          hint="Part of a name, a product (pkg:deb/debian) or a contact address."
          type="search"
          value={search}
          onChange={setSearch}
        />
        <SubmitButton busy={false} className="secondary">
          Search
        </SubmitButton>
      </form>
      <LoadedList
        loaded={vendors}
        what="vendors"
        isEmpty={(page) => page.items.length === 0}
        empty={
          <EmptyState title={applied ? `No vendor matches “${applied}”.` : 'No vendors yet.'}>
            <p>
              {applied
                ? 'Try part of the name, a product or a contact address.'
                : 'Create an organization of the kind “Vendor” in Admin → Organizations, then list its products on its page.'}
            </p>
          </EmptyState>
        }
      >
        {(page) => (
          <>
            <DataTable
              label="Vendor directory"
              columns={['Vendor', 'Website', 'Products', 'Mail contacts', 'OpenPGP keys', 'Embargo']}
            >
              {page.items.map((v) => (
                <tr key={v.id}>
                  <th scope="row">
                    <Link to={`/organizations/${v.id}`}>{v.name}</Link>
                  </th>
                  <td>
                    <WebsiteLink url={v.website} />
                  </td>
                  <td>
                    {v.products.length === 0 ? (
                      <span className="muted">None listed</span>
                    ) : (
                      <ul className="plain-list">
                        {v.products.map((p) => (
                          <li key={p}>
                            <code>{p}</code>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{v.contacts === 0 ? <span className="badge badge-off">No contact</span> : v.contacts}</td>
                  <td>{v.keys === 0 ? <span className="muted">None</span> : v.keys}</td>
                  <td>{embargoWords(v.embargo) ?? <span className="muted">No policy</span>}</td>
                </tr>
              ))}
            </DataTable>
            <Pagination offset={offset} pageSize={PAGE_SIZE} total={page.total} noun="vendors" onChange={setOffset} />
          </>
        )}
      </LoadedList>
    </>
  )
}
