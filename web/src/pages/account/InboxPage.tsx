import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { INBOX_KEY, listInbox } from '../../api/account.ts'
import { useAppConfig } from '../../app-config.ts'
import { Empty, ErrorState, Loading, Pager, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime } from '../../format.ts'
import { AccountNav } from './AccountNav.tsx'
import './account.css'

const PAGE_SIZE = 20

/** Every message the shop sent the customer, newest first; in embedded mode this is where mail goes. */
export function InboxPage() {
  const config = useAppConfig()
  const [page, setPage] = useState(1)
  const inbox = useQuery({ queryKey: [...INBOX_KEY, page], queryFn: () => listInbox(page, PAGE_SIZE), placeholderData: keepPreviousData })

  return (
    <div className="acct account-page">
      <h1>Inbox</h1>
      <AccountNav />
      {config?.mail === 'inbox' && (
        <p className="notice">
          This shop sends no email (as in embedded mode), so messages are kept here instead. Your email verification and password reset codes arrive in
          this inbox.
        </p>
      )}
      {inbox.isPending ? (
        <Loading label="Loading your messages…" />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} retry={() => inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <Empty title="No messages yet">
          <p>Order confirmations, shipping updates and account codes will appear here.</p>
        </Empty>
      ) : (
        <>
          <ul className="inbox" aria-busy={inbox.isFetching}>
            {inbox.data.items.map((m) => (
              <li key={m.id} className="card">
                <div className="inbox-head">
                  <h2>{m.subject}</h2>
                  <StatusBadge status={m.status} />
                </div>
                <p className="muted">
                  <time dateTime={m.sentAt ?? m.createdAt}>{formatDateTime(m.sentAt ?? m.createdAt)}</time>
                </p>
                <details>
                  <summary>Read message</summary>
                  <pre className="message-body">{m.body}</pre>
                </details>
              </li>
            ))}
          </ul>
          <Pager page={page} pageSize={PAGE_SIZE} total={inbox.data.total} onPage={setPage} />
        </>
      )}
    </div>
  )
}
