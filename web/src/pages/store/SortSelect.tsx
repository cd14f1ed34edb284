import type { Sort } from '../../api/catalog.ts'
import { type ParamChanges, SORT_OPTIONS } from './catalog-params.ts'
import { useMirror } from './useMirror.ts'

/** "Sort by": relevance, price either way, newest. */
export function SortSelect({ sort, update }: { sort: Sort; update: (changes: ParamChanges) => void }) {
  const [value, setValue] = useMirror<string>(sort)
  return (
    <div className="sort-field">
      <label htmlFor="catalog-sort">Sort by</label>
      <select
        id="catalog-sort"
        value={value}
        onChange={(e) => {
          setValue(e.target.value)
          update({ sort: e.target.value === 'relevance' ? undefined : e.target.value })
        }}
      >
        {SORT_OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
