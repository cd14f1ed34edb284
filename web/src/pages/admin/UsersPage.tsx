import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type AdminUser, listUsers, updateUser, usersKey } from '../../api/admin.ts'
import type { Role } from '../../api/types.ts'
import { useAuth } from '../../auth.tsx'
import { Empty, FormError, SelectField } from '../../components/ui.tsx'
import { formatDate } from '../../format.ts'
import { useListState } from './admin-utils.ts'
import { SearchForm } from './SearchForm.tsx'
import { PagedResults } from './PagedResults.tsx'
import './admin.css'

/** /admin/users: find people, change their role, deactivate or reactivate them. */
export function UsersPage() {
  const { values, page, set } = useListState(['q', 'role'] as const)
  const params = { q: values.q, role: values.role, page }
  const query = useQuery({
    queryKey: [...usersKey, params],
    queryFn: ({ signal }) => listUsers(params, signal),
    placeholderData: keepPreviousData,
  })

  return (
    <div className="stack">
      <h1>Users</h1>
      <div className="toolbar">
        <SearchForm key={values.q} name="Find users" label="Email or name" initial={values.q} onSearch={(q) => set({ q })} />
        <SelectField label="Role" value={values.role} onChange={(e) => set({ role: e.target.value })}>
          <option value="">Any role</option>
          <option value="customer">Customer</option>
          <option value="admin">Admin</option>
        </SelectField>
      </div>
      <PagedResults
        query={query}
        loadingLabel="Loading users…"
        empty={<Empty title="No users match" />}
        noun={['user', 'users']}
        onPage={(p) => set({ page: p })}
      >
        {(items) => (
          <div className="table-wrap">
            <table className="stack-table">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Since</th>
                  <th scope="col">Role</th>
                  <th scope="col">Access</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <UserRow key={u.id} user={u} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedResults>
    </div>
  )
}

function UserRow({ user }: { user: AdminUser }) {
  const queryClient = useQueryClient()
  const { user: me } = useAuth()
  const isMe = me?.id === user.id
  const change = useMutation({
    mutationFn: (patch: { role?: Role; active?: boolean }) => updateUser(user.id, patch),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  })
  const name = `${user.firstName} ${user.lastName}`.trim()
  return (
    <tr>
      <td data-label="User">
        <div>
          <div className="break">{user.email}</div>
          <div className="muted small">
            {name}
            {isMe && ' (you)'}
            {!user.emailVerified && ' · email not verified'}
            {user.twoFactorEnabled && ' · 2FA'}
          </div>
          <FormError error={change.error} />
        </div>
      </td>
      <td className="nowrap" data-label="Since">
        {formatDate(user.createdAt)}
      </td>
      <td data-label="Role">
        <select
          aria-label={`Role for ${user.email}`}
          value={user.role}
          disabled={change.isPending}
          onChange={(e) => change.mutate({ role: e.target.value as Role })}
        >
          <option value="customer">Customer</option>
          <option value="admin">Admin</option>
        </select>
      </td>
      <td data-label="Access">
        <div className="row-actions">
          <span className={user.active ? 'badge badge-active' : 'badge badge-cancelled'}>{user.active ? 'active' : 'deactivated'}</span>
          <button type="button" className="button secondary" disabled={change.isPending} onClick={() => change.mutate({ active: !user.active })}>
            {user.active ? 'Deactivate' : 'Activate'}
            <span className="visually-hidden"> {user.email}</span>
          </button>
        </div>
      </td>
    </tr>
  )
}
