import type { Address, AddressInput, PostalAddress } from '../../api/account.ts'
import { Field, fieldError, SelectField } from '../../components/ui.tsx'
import { COUNTRIES } from './countries.ts'

/** An address as typed into the form: every field a string. */
export type AddressDraft = Record<keyof PostalAddress, string>

export const EMPTY_ADDRESS: AddressDraft = { fullName: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US', phone: '' }

export const ADDRESS_FIELDS = ['fullName', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone']

export function draftOf(a: Address): AddressDraft {
  return {
    fullName: a.fullName,
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    region: a.region ?? '',
    postalCode: a.postalCode,
    country: a.country,
    phone: a.phone ?? '',
  }
}

/** Trimmed, with empty optional lines sent as null. */
export function inputOf(d: AddressDraft): AddressInput {
  const opt = (s: string) => s.trim() || null
  return {
    fullName: d.fullName.trim(),
    line1: d.line1.trim(),
    line2: opt(d.line2),
    city: d.city.trim(),
    region: opt(d.region),
    postalCode: d.postalCode.trim(),
    country: d.country,
    phone: opt(d.phone),
  }
}

interface Props {
  value: AddressDraft
  onChange: (next: AddressDraft) => void
  /** The failed call whose errors[] name these fields (as `postalCode` or `shippingAddress.postalCode`). */
  error?: unknown
  /** The autocomplete section, e.g. "shipping". */
  section?: string
}

/** The inputs of an address, for the address book and for checkout's "a new address". */
export function AddressFields({ value, onChange, error, section }: Props) {
  const set = (key: keyof AddressDraft) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value })
  const ac = (token: string) => (section ? `section-${section} ${token}` : token)
  const err = (path: string) => fieldError(error, path) ?? fieldError(error, `shippingAddress.${path}`)
  return (
    <>
      <Field label="Full name" name="fullName" autoComplete={ac('name')} required value={value.fullName} onChange={set('fullName')} error={err('fullName')} />
      <Field label="Address line 1" name="line1" autoComplete={ac('address-line1')} required value={value.line1} onChange={set('line1')} error={err('line1')} />
      <Field label="Address line 2" name="line2" autoComplete={ac('address-line2')} hint="Optional: apartment, suite, floor" value={value.line2} onChange={set('line2')} error={err('line2')} />
      <div className="form-row">
        <Field label="City" name="city" autoComplete={ac('address-level2')} required value={value.city} onChange={set('city')} error={err('city')} />
        <Field label="Region" name="region" autoComplete={ac('address-level1')} hint="State, province or county (optional)" value={value.region} onChange={set('region')} error={err('region')} />
      </div>
      <div className="form-row">
        <Field label="Postal code" name="postalCode" autoComplete={ac('postal-code')} required value={value.postalCode} onChange={set('postalCode')} error={err('postalCode')} />
        <SelectField label="Country" name="country" autoComplete={ac('country')} required value={value.country} onChange={set('country')} error={err('country')}>
          {countryOptions(value.country).map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <Field label="Phone" type="tel" name="phone" autoComplete={ac('tel')} hint="Optional, for the carrier" value={value.phone} onChange={set('phone')} error={err('phone')} />
    </>
  )
}

/** The list, plus a saved address's country when the list does not name it. */
function countryOptions(current: string): ReadonlyArray<{ code: string; name: string }> {
  return !current || COUNTRIES.some((c) => c.code === current) ? COUNTRIES : [...COUNTRIES, { code: current, name: current }]
}
