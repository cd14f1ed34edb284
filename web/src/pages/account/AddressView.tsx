import type { PostalAddress } from '../../api/account.ts'
import { countryName } from './countries.ts'

/** An address as it would be written on a parcel. */
export function AddressView({ address }: { address: PostalAddress }) {
  const cityLine = [address.city, address.region, address.postalCode].filter(Boolean).join(', ')
  return (
    <address className="address">
      <strong>{address.fullName}</strong>
      <br />
      {address.line1}
      {address.line2 && (
        <>
          <br />
          {address.line2}
        </>
      )}
      <br />
      {cityLine}
      <br />
      {countryName(address.country)}
      {address.phone && (
        <>
          <br />
          {address.phone}
        </>
      )}
    </address>
  )
}
