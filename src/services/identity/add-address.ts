import { v7 as uuidv7 } from 'uuid'
import type { AuthUser } from '../../platform/auth.ts'
import { RuleViolation } from '../../platform/errors.ts'
import { clearDefaultAddress, countAddresses, insertAddress, lockUserAddresses } from './addresses.repo.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { type AddressBody, type AddressDto, toAddressDto } from './identity.dto.ts'
import { MAX_ADDRESSES_PER_USER } from './identity.rules.ts'

/** Saves an address; the first one, or one marked default, becomes the only default. */
export async function addAddress(deps: IdentityDeps, caller: AuthUser, body: AddressBody): Promise<AddressDto> {
  const row = await deps.db.transaction(async (tx) => {
    await lockUserAddresses(tx, caller.id)
    const existing = await countAddresses(tx, caller.id)
    if (existing >= MAX_ADDRESSES_PER_USER) {
      throw new RuleViolation(`At most ${MAX_ADDRESSES_PER_USER} addresses can be saved.`, 'too_many_addresses')
    }
    const isDefault = existing === 0 || body.isDefault === true
    if (isDefault) await clearDefaultAddress(tx, caller.id)
    return insertAddress(tx, {
      id: uuidv7(),
      userId: caller.id,
      fullName: body.fullName,
      line1: body.line1,
      line2: body.line2 ?? null,
      city: body.city,
      region: body.region ?? null,
      postalCode: body.postalCode,
      country: body.country,
      phone: body.phone ?? null,
      isDefault,
    })
  })
  return toAddressDto(row)
}
