import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { Page } from '../../api/types.ts'
import { ErrorState, Loading, Pager } from '../../components/ui.tsx'

/**
 * One page of an admin list as it loads: a loading line, the error with a retry, `empty` when
 * nothing matches, else how many match, the items (drawn by `children`) and the pager.
 */
export function PagedResults<T>({
  query,
  loadingLabel,
  empty,
  noun,
  onPage,
  children,
}: {
  query: UseQueryResult<Page<T>>
  loadingLabel: string
  empty: ReactNode
  /** The count's noun, singular and plural: ['user', 'users']. */
  noun: readonly [string, string]
  onPage: (page: number) => void
  children: (items: T[]) => ReactNode
}) {
  if (query.isPending) return <Loading label={loadingLabel} />
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />
  const { items, total, page, pageSize } = query.data
  if (items.length === 0) return empty
  return (
    <>
      <p className="muted" aria-live="polite">
        {total} {total === 1 ? noun[0] : noun[1]}
      </p>
      {children(items)}
      <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} />
    </>
  )
}
