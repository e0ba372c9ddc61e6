// A vendor's products: package URLs without a version or CPE names, by which Lockstep proposes the
// vendor for a case whose affected products match. Those who manage the organization's contacts
// add and remove them; a pattern the server cannot read is refused beside the input, in its words.
import { useState } from 'react'
import { api } from '../../api/client'
import { useAction, useLoad } from '../../api/hooks'
import type { Organization, VendorProduct } from '../../api/types'
import { ConfirmAction } from '../../components/ConfirmAction'
import { DataTable } from '../../components/DataTable'
import { FormAlert, Notice, SubmitButton, TextField, localProblem, submitted } from '../../components/forms'
import { EmptyState, LoadedList } from '../../components/Status'

const kindWords: Record<VendorProduct['kind'], string> = { purl: 'Package URL', cpe: 'CPE name' }

export function VendorProducts({ organization }: { organization: Organization }) {
  const path = `/organizations/${organization.id}/products`
  const products = useLoad(() => api.get<VendorProduct[]>(path), path)
  const manage = organization.abilities.manage_contacts
  const [pattern, setPattern] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const add = useAction()
  const remove = useAction()

  async function addProduct() {
    setNotice(null)
    if (!pattern.trim())
      return add.fail(
        localProblem('pattern', 'must not be empty: give a package URL or a CPE name', 'There is no product to add.'),
      )
    const added = await add.run(() => api.post<VendorProduct>(path, { pattern: pattern.trim() }))
    if (!added) return
    await products.reload()
    setPattern('')
    setNotice(`${organization.name} now lists ${added.pattern}.`)
  }

  async function removeProduct(product: VendorProduct) {
    setNotice(null)
    const ok = await remove.run(() => api.delete(`${path}/${product.id}`).then(() => true))
    if (!ok) return
    await products.reload()
    setNotice(`${organization.name} no longer lists ${product.pattern}.`)
  }

  return (
    <section aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      <p>
        Lockstep proposes {organization.name} for a case when one of these matches a product the case affects, whatever
        its version.
      </p>
      <div aria-live="polite">{notice && <Notice>{notice}</Notice>}</div>
      <FormAlert error={remove.error} />
      <LoadedList
        loaded={products}
        what="products"
        empty={
          <EmptyState title="No products listed yet.">
            <p>
              {manage
                ? 'Add the packages or CPE names the vendor ships, so Lockstep can propose it for the cases that affect them.'
                : 'The vendor’s admins and the coordinators list them.'}
            </p>
          </EmptyState>
        }
      >
        {(list) => (
          <DataTable label={`Products of ${organization.name}`} columns={['Product', 'Kind']} actions={manage}>
            {list.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <code>{p.pattern}</code>
                </th>
                <td>{kindWords[p.kind]}</td>
                {manage && (
                  <td>
                    <ConfirmAction
                      label="Remove"
                      accessibleLabel={`Remove the product ${p.pattern}`}
                      question={`Remove ${p.pattern}? Cases that affect it no longer propose ${organization.name}.`}
                      confirmLabel="Yes, remove"
                      onConfirm={() => removeProduct(p)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </DataTable>
        )}
      </LoadedList>
      {manage && (
        <form
          className="panel"
          onSubmit={submitted(addProduct)}
          noValidate
          aria-busy={add.busy}
          aria-labelledby="add-product-heading"
        >
          <h3 id="add-product-heading">Add a product</h3>
          <FormAlert error={add.error} fields={['pattern']} />
          <TextField
            label="Product"
            hint={
              <>
                A package URL without a version, such as <code>pkg:deb/debian/sendmail</code>, or a CPE name, such as{' '}
                <code>cpe:2.3:a:sendmail:sendmail:*:*:*:*:*:*:*:*</code>.
              </>
            }
            className="monospace"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            value={pattern}
            onChange={setPattern}
            error={add.fieldError('pattern')}
          />
          <SubmitButton busy={add.busy} busyText="Adding…">
            Add product
          </SubmitButton>
        </form>
      )}
    </section>
  )
}
