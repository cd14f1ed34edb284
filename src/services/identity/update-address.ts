import type { AuthUser } from '../../platform/auth.ts'
import { NotFound } from '../../platform/errors.ts'
import { clearDefaultAddress, findAddress, lockUserAddresses, updateAddress } from './addresses.repo.ts'
import type { IdentityDeps } from './identity.deps.ts'
import { type AddressDto, type AddressPatch, toAddressDto } from './identity.dto.ts'

/** Edits one of the caller's addresses; making it the default unsets the previous default. */
export async function updateMyAddress(deps: IdentityDeps, caller: AuthUser, id: string, patch: AddressPatch): Promise<AddressDto> {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
  const row = await deps.db.transaction(async (tx) => {
    await lockUserAddresses(tx, caller.id)
    const current = await findAddress(tx, caller.id, id)
    if (!current) throw new NotFound('Address')
    if (patch.isDefault === true) await clearDefaultAddress(tx, caller.id, id)
    return updateAddress(tx, caller.id, id, changes)
  })
  if (!row) throw new NotFound('Address')
  return toAddressDto(row)
}
