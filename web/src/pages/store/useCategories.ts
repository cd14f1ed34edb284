import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { catalogKeys, indexCategories, listCategories } from '../../api/catalog.ts'

/** The category tree (cached for a few minutes) and an index of it by id and slug. */
export function useCategories() {
  const query = useQuery({ queryKey: catalogKeys.categories, queryFn: ({ signal }) => listCategories(signal), staleTime: 5 * 60_000 })
  const index = useMemo(() => indexCategories(query.data ?? []), [query.data])
  return { ...query, index }
}
