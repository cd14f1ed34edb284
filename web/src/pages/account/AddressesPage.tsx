import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ADDRESSES_KEY, type Address, deleteAddress, listAddresses, updateAddress } from '../../api/account.ts'
import { Empty, ErrorState, FormError, Loading } from '../../components/ui.tsx'
import { AccountNav } from './AccountNav.tsx'
import { AddressEditor } from './AddressEditor.tsx'
import { AddressView } from './AddressView.tsx'
import './account.css'

/** The address book: every saved address, the default first, each editable in place. */
export function AddressesPage() {
  const addresses = useQuery({ queryKey: ADDRESSES_KEY, queryFn: listAddresses })
  // 'new', an address id being edited, or nothing open.
  const [open, setOpen] = useState<string | null>(null)

  return (
    <div className="acct account-page">
      <h1>Addresses</h1>
      <AccountNav />
      {open !== 'new' && (
        <p>
          <button type="button" className="button" onClick={() => setOpen('new')}>
            Add an address
          </button>
        </p>
      )}
      {open === 'new' && <AddressEditor onDone={() => setOpen(null)} />}
      {addresses.isPending ? (
        <Loading label="Loading your addresses…" />
      ) : addresses.isError ? (
        <ErrorState error={addresses.error} retry={() => addresses.refetch()} />
      ) : addresses.data.length === 0 ? (
        open !== 'new' && (
          <Empty title="No saved addresses yet">
            <p>Save an address to check out faster.</p>
          </Empty>
        )
      ) : (
        <ul className="address-list">
          {addresses.data.map((a) => (
            <li key={a.id}>
              {open === a.id ? <AddressEditor address={a} onDone={() => setOpen(null)} /> : <AddressCard address={a} onEdit={() => setOpen(a.id)} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

function AddressCard({ address, onEdit }: { address: Address; onEdit: () => void }) {
  const queryClient = useQueryClient()
  const done = () => queryClient.invalidateQueries({ queryKey: ADDRESSES_KEY })
  const makeDefault = useMutation({ mutationFn: () => updateAddress(address.id, { isDefault: true }), onSuccess: done })
  const remove = useMutation({ mutationFn: () => deleteAddress(address.id), onSuccess: done })
  const label = `${address.fullName}, ${address.line1}`
  return (
    <article className="card address-card">
      {address.isDefault && <span className="badge badge-active">Default</span>}
      <AddressView address={address} />
      <FormError error={makeDefault.error ?? remove.error} />
      <div className="form-actions">
        <button type="button" className="button secondary" onClick={onEdit} aria-label={`Edit ${label}`}>
          Edit
        </button>
        {!address.isDefault && (
          <button type="button" className="button secondary" disabled={makeDefault.isPending} onClick={() => makeDefault.mutate()} aria-label={`Set ${label} as default`}>
            Set as default
          </button>
        )}
        <button
          type="button"
          className="button danger"
          disabled={remove.isPending}
          aria-label={`Delete ${label}`}
          onClick={() => {
            if (window.confirm(`Delete the address "${label}"?`)) remove.mutate()
          }}
        >
          Delete
        </button>
      </div>
    </article>
  )
}
