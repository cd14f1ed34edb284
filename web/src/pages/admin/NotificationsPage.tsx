import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { type AdminNotification, DELIVERY_STATUSES, listNotifications, notificationsKey, retryNotification, TEMPLATES } from '../../api/admin.ts'
import { Empty, FormError, SelectField, StatusBadge } from '../../components/ui.tsx'
import { formatDateTime, humanize } from '../../format.ts'
import { useListState } from './admin-utils.ts'
import { SearchForm } from './SearchForm.tsx'
import { PagedResults } from './PagedResults.tsx'
import './admin.css'

/** /admin/notifications: every message sent, how delivery went, and a retry for the failed. */
export function NotificationsPage() {
  const { values, page, set } = useListState(['status', 'template', 'recipient'] as const)
  const params = { ...values, page }
  const [retried, setRetried] = useState<AdminNotification>()
  const query = useQuery({
    queryKey: [...notificationsKey, params],
    queryFn: ({ signal }) => listNotifications(params, signal),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="stack">
      <h1>Notifications</h1>
      <div className="toolbar">
        <SelectField label="Status" value={values.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">Any status</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Template" value={values.template} onChange={(e) => set({ template: e.target.value })}>
          <option value="">Any template</option>
          {TEMPLATES.map((t) => (
            <option key={t} value={t}>
              {humanize(t)}
            </option>
          ))}
        </SelectField>
        <SearchForm key={values.recipient} name="Find by recipient" label="Recipient" initial={values.recipient} onSearch={(recipient) => set({ recipient })} />
      </div>
      {retried && (
        <p className={retried.status === 'failed' ? 'form-error' : 'success'} role="status">
          Retried “{retried.subject}” to {retried.recipient}: now {retried.status}
          {retried.lastError ? ` (${retried.lastError})` : ''}.
        </p>
      )}
      <PagedResults
        query={query}
        loadingLabel="Loading notifications…"
        empty={<Empty title={values.status === 'failed' ? 'No failed messages' : 'No messages match'} />}
        noun={['message', 'messages']}
        onPage={(p) => set({ page: p })}
      >
        {(items) => (
          <div className="table-wrap">
            <table className="stack-table">
              <caption className="visually-hidden">Notifications, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">Message</th>
                  <th scope="col">Delivery</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((n) => (
                  <NotificationRow key={n.id} n={n} onRetried={setRetried} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedResults>
    </div>
  )
}

function NotificationRow({ n, onRetried }: { n: AdminNotification; onRetried: (n: AdminNotification) => void }) {
  const queryClient = useQueryClient()
  const retry = useMutation({
    mutationFn: () => retryNotification(n.id),
    onSuccess: (result) => {
      onRetried(result)
      void queryClient.invalidateQueries({ queryKey: notificationsKey })
    },
  })
  return (
    <tr>
      <td data-label="Created">
        {formatDateTime(n.createdAt)}
      </td>
      <td className="break" data-label="Recipient">
        {n.recipient}
      </td>
      <td data-label="Message">
        <div>
          <div>{n.subject}</div>
          <div className="muted small">{humanize(n.template)}</div>
          {n.lastError && (
            <div className="field-error small">
              Last error: <span className="break">{n.lastError}</span>
            </div>
          )}
          <details>
            <summary>
              Message<span className="visually-hidden"> “{n.subject}”</span>
            </summary>
            <pre className="payload">{n.body}</pre>
          </details>
        </div>
      </td>
      <td data-label="Delivery">
        <div>
          <StatusBadge status={n.status} />
          <div className="muted small">
            {n.attempts} {n.attempts === 1 ? 'attempt' : 'attempts'}
          </div>
          {n.sentAt && <div className="muted small">sent {formatDateTime(n.sentAt)}</div>}
          {!n.sentAt && n.nextAttemptAt && <div className="muted small">next {formatDateTime(n.nextAttemptAt)}</div>}
        </div>
      </td>
      <td data-label="">
        <div>
          {n.status !== 'sent' && (
            <button type="button" className="button secondary" disabled={retry.isPending} onClick={() => retry.mutate()}>
              {retry.isPending ? 'Retrying…' : 'Retry'}
              <span className="visually-hidden"> “{n.subject}” to {n.recipient}</span>
            </button>
          )}
          <FormError error={retry.error} />
        </div>
      </td>
    </tr>
  )
}
