import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useId, useState } from 'react'
import { ADDRESSES_KEY, type Address, createAddress, updateAddress } from '../../api/account.ts'
import { FormError } from '../../components/ui.tsx'
import { ADDRESS_FIELDS, AddressFields, type AddressDraft, EMPTY_ADDRESS, draftOf, inputOf } from './AddressFields.tsx'

/** Adds an address, or edits the one given; closes itself once saved. */
export function AddressEditor({ address, onDone }: { address?: Address; onDone: () => void }) {
  const queryClient = useQueryClient()
  const headingId = useId()
  const [draft, setDraft] = useState<AddressDraft>(address ? draftOf(address) : EMPTY_ADDRESS)
  const [isDefault, setIsDefault] = useState(address?.isDefault ?? false)
  const mutation = useMutation({
    mutationFn: () => {
      const body = { ...inputOf(draft), isDefault }
      return address ? updateAddress(address.id, body) : createAddress(body)
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ADDRESSES_KEY })
      onDone()
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    mutation.mutate()
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h2 id={headingId}>{address ? 'Edit address' : 'New address'}</h2>
      <FormError error={mutation.error} shownFields={[...ADDRESS_FIELDS, 'isDefault']} />
      <AddressFields value={draft} onChange={setDraft} error={mutation.error} />
      <label className="choice">
        <input type="checkbox" checked={isDefault} disabled={address?.isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
        <span>Use as my default address</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save address'}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
