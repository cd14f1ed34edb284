import { type FormEvent, useState } from 'react'
import type { ParamChanges } from './catalog-params.ts'

/** The page's own search box; the header has one too. Remount (key) when the URL's q changes. */
export function CatalogSearch({ q, onSearch }: { q: string; onSearch: (changes: ParamChanges) => void }) {
  const [text, setText] = useState(q)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSearch({ q: text.trim() || undefined })
  }
  return (
    <form role="search" className="catalog-search" onSubmit={submit}>
      <label htmlFor="catalog-search-input">Search the catalog</label>
      <div className="catalog-search-row">
        <input id="catalog-search-input" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Vitamin C, yoga mat, green tea…" />
        <button type="submit" className="button">
          Search
        </button>
      </div>
    </form>
  )
}
