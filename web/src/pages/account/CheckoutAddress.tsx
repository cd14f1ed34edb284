import type { Address } from '../../api/account.ts'
import { AddressFields, type AddressDraft } from './AddressFields.tsx'
import { countryName } from './countries.ts'

export const NEW_ADDRESS = 'new'

interface Props {
  addresses: Address[]
  /** A saved address's id, or NEW_ADDRESS. */
  choice: string
  onChoice: (choice: string) => void
  draft: AddressDraft
  onDraft: (draft: AddressDraft) => void
  save: boolean
  onSave: (save: boolean) => void
  error: unknown
}

/** Where the parcel goes: one of the saved addresses, or a new one (optionally saved to the account). */
export function CheckoutAddress({ addresses, choice, onChoice, draft, onDraft, save, onSave, error }: Props) {
  return (
    <fieldset className="card">
      <legend>Shipping address</legend>
      {addresses.length > 0 && (
        <div className="choices">
          {addresses.map((a) => (
            <label key={a.id} className="choice option">
              <input type="radio" name="address" value={a.id} checked={choice === a.id} onChange={() => onChoice(a.id)} />
              <span>
                <strong>{a.fullName}</strong>
                {a.isDefault && <span className="badge badge-active">Default</span>}
                <br />
                <span className="muted">
                  {[a.line1, a.line2, a.city, a.region, a.postalCode, countryName(a.country)].filter(Boolean).join(', ')}
                </span>
              </span>
            </label>
          ))}
          <label className="choice option">
            <input type="radio" name="address" value={NEW_ADDRESS} checked={choice === NEW_ADDRESS} onChange={() => onChoice(NEW_ADDRESS)} />
            <span>A new address</span>
          </label>
        </div>
      )}
      {choice === NEW_ADDRESS && (
        <div className="new-address">
          <AddressFields value={draft} onChange={onDraft} error={error} section="shipping" />
          <label className="choice">
            <input type="checkbox" checked={save} onChange={(e) => onSave(e.target.checked)} />
            <span>Save this address to my account</span>
          </label>
        </div>
      )}
    </fieldset>
  )
}
