// The one search box in the header: it opens the results page for what was typed, which searches
// everything the person may see (cases, reports, vendors, published advisories).
import { useState, type FormEvent } from 'react'
import { navigate, useLocation } from '../router'

export function HeaderSearch() {
  const { path, search } = useLocation()
  const [text, setText] = useState(path === '/search' ? (search.get('q') ?? '') : '')

  function go(event: FormEvent) {
    event.preventDefault()
    const q = text.trim()
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`)
  }

  return (
    <form role="search" aria-label="Everything you may see" className="header-search" onSubmit={go}>
      <label htmlFor="header-search-input" className="visually-hidden">
        Search cases, reports, vendors and advisories
      </label>
      <input
        id="header-search-input"
        type="search"
        name="q"
        placeholder="Search"
        autoComplete="off"
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {/* Named apart from the pages' own Search buttons; the visible word is in the name. */}
      <button type="submit" className="button subtle" aria-label="Search everything">
        Search
      </button>
    </form>
  )
}
