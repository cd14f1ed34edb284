import { type FormEvent, useState } from 'react'
import { Field } from '../../components/ui.tsx'

/**
 * A list screen's search box with its Find button: starts from the filter in the address and
 * applies the trimmed text on submit. Give it `key={initial}` so Back and Forward refill it.
 */
export function SearchForm({ name, label, initial, onSearch }: { name: string; label: string; initial: string; onSearch: (q: string) => void }) {
  const [q, setQ] = useState(initial)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSearch(q.trim())
  }
  return (
    <form className="toolbar inline-toolbar" role="search" aria-label={name} onSubmit={submit}>
      <Field label={label} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button secondary">
        Find
      </button>
    </form>
  )
}
