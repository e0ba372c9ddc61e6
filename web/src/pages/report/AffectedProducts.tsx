// The report form's affected products: at least one row of vendor, product, versions and an
// optional package URL, with "Add another product" and "Remove".
import { useRef, useState } from 'react'
import { TextField } from '../../components/forms'
import { emptyProduct, type ProductDraft } from './reportDraft'

interface Props {
  products: ProductDraft[]
  onChange(products: ProductDraft[]): void
  /** The message for a field path such as `affected.0.purl`. */
  errorOf(field: string): string | undefined
}

export function AffectedProducts({ products, onChange, errorOf }: Props) {
  const nextKey = useRef(Math.max(...products.map((p) => p.key)) + 1)
  // The row added last gets the focus, so a keyboard user carries on typing there.
  const [added, setAdded] = useState<number | null>(null)
  const addButton = useRef<HTMLButtonElement>(null)

  function update(key: number, change: Partial<ProductDraft>) {
    onChange(products.map((p) => (p.key === key ? { ...p, ...change } : p)))
  }

  function add() {
    const key = nextKey.current++
    setAdded(key)
    onChange([...products, emptyProduct(key)])
  }

  function remove(key: number) {
    onChange(products.filter((p) => p.key !== key))
    addButton.current?.focus()
  }

  return (
    <fieldset className="form-section">
      <legend>What is affected</legend>
      <p className="hint">Name each affected product. A package URL lets vendors find it in their systems.</p>
      {errorOf('affected') && (
        <p className="field-error">
          <span className="visually-hidden">Error: </span>
          {errorOf('affected')}
        </p>
      )}
      {products.map((product, i) => {
        const path = (part: string) => `affected.${i}.${part}`
        return (
          <fieldset className="product-row" key={product.key}>
            <legend>Product {i + 1}</legend>
            <div className="field-grid">
              <TextField
                label="Vendor"
                value={product.vendor}
                onChange={(vendor) => update(product.key, { vendor })}
                error={errorOf(path('vendor'))}
                autoFocus={product.key === added}
              />
              <TextField
                label="Product"
                value={product.product}
                onChange={(name) => update(product.key, { product: name })}
                error={errorOf(path('product'))}
              />
              <TextField
                label="Affected versions"
                optional
                hint="For example: 8.12.0 to 8.12.7"
                value={product.versions}
                onChange={(versions) => update(product.key, { versions })}
                error={errorOf(path('versions'))}
              />
              <TextField
                label="Package URL"
                optional
                hint={
                  <>
                    For example: <code>pkg:deb/debian/sendmail@8.12.3</code>
                  </>
                }
                value={product.purl}
                onChange={(purl) => update(product.key, { purl })}
                error={errorOf(path('purl'))}
                spellCheck={false}
                autoCapitalize="off"
              />
            </div>
            {products.length > 1 && (
              <button type="button" className="button subtle" onClick={() => remove(product.key)}>
                Remove<span className="visually-hidden"> product {i + 1}</span>
              </button>
            )}
          </fieldset>
        )
      })}
      <button type="button" className="button secondary" ref={addButton} onClick={add}>
        Add another product
      </button>
    </fieldset>
  )
}
